// Internal to the layout stage: the reading frame of a page printed sideways.
#pragma once

#include <vector>

#include "pipeline/layout/layout.h"

namespace budgetx::layout {

// How a page's text is turned: a table printed sideways is read after turning the page back, so
// its rows run top to bottom as on any other page.
struct Frame {
  int turns = 0;        // quarter turns clockwise of most of the page's text (0, 1 or 3)
  double extent = 0;    // the largest coordinate on the page, points: the turn's pivot
  bool Turned() const { return turns != 0; }
  Box ToReading(const Box& page_box) const;
  void ToReading(std::vector<Word>* words, std::vector<Ruling>* rulings) const;
};

// The frame most of the page's characters are printed in.
Frame ReadingFrame(const std::vector<Word>& words, const std::vector<Ruling>& rulings);

}  // namespace budgetx::layout
