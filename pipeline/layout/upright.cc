// Pages printed sideways: laid out in their reading frame.
#include "pipeline/layout/upright.h"

#include <algorithm>

namespace budgetx::layout {
namespace {

// The text that decides a page's reading frame must be most of the page's characters.
constexpr double kMajority = 0.5;

size_t Characters(const std::string& text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

Frame ReadingFrame(const std::vector<Word>& words, const std::vector<Ruling>& rulings) {
  size_t by_turns[4] = {0, 0, 0, 0}, all = 0;
  Frame frame;
  for (const auto& w : words) {
    size_t n = Characters(w.text);
    by_turns[w.rotation & 3] += n;
    all += n;
    frame.extent = std::max({frame.extent, w.box.x1, w.box.y1});
  }
  for (const auto& r : rulings) frame.extent = std::max({frame.extent, r.x1, r.y1});
  for (int turns : {1, 3}) {
    if (all > 0 && static_cast<double>(by_turns[turns]) > kMajority * static_cast<double>(all)) frame.turns = turns;
  }
  return frame;
}

Box Frame::ToReading(const Box& b) const {
  if (turns == 1) return {b.y0, extent - b.x1, b.y1, extent - b.x0};
  if (turns == 3) return {extent - b.y1, b.x0, extent - b.y0, b.x1};
  return b;
}

void Frame::ToReading(std::vector<Word>* words, std::vector<Ruling>* rulings) const {
  for (auto& w : *words) w.box = ToReading(w.box);
  for (auto& r : *rulings) {
    Box b = ToReading(Box{r.x0, r.y0, r.x1, r.y1});
    r = {b.x0, b.y0, b.x1, b.y1};
  }
}

}  // namespace budgetx::layout
