// Internal to the OCR extractor: the page image with Leptonica — deskew, binarise, ruling lines.
#pragma once

#include <leptonica/allheaders.h>

#include <memory>
#include <vector>

#include "pipeline/layout/layout.h"
#include "pipeline/model/model.h"

namespace budgetx::ocr {

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

PixPtr ToPix(const GreyImage& image);

struct PreparedPage {
  PixPtr grey;                          // deskewed; rules and light background noise made white
  PixPtr deskewed;                      // deskewed only: rules and paper as scanned
  PixPtr binary;                        // `grey` in black and white, without the rules
  double skew_degrees = 0;              // the correction applied
  std::vector<layout::Ruling> rulings;  // in pixels of `grey`
};

// Deskews the page and finds its horizontal and vertical rules: long thin runs of dark pixels
// that survive a morphological opening longer than any stroke of a character.
PreparedPage Prepare(const GreyImage& image);

// The page image turned so that text printed `turns` quarter turns clockwise (1 or 3) reads
// upright; `pivot` gets Page::pivot of that frame, in PDF points.
GreyImage TurnedUpright(const GreyImage& image, int turns, double* pivot);
// Says the page was read turned upright, and that its boxes are in that frame.
Warning SidewaysWarning(int turns, int page);

// Prepare, with a warning naming the page when its image cannot be read (false) or was deskewed.
bool PrepareForReading(const GreyImage& image, int page, std::vector<Warning>* warnings, PreparedPage* out);

// The prepared page's rules in PDF points, as the layout stage will find its grid from them.
std::vector<layout::Ruling> RulingsInPoints(const PreparedPage& page, int dpi);
// The cells of the grid those rules make (layout::GridCellBoxes), in pixels of the page image.
std::vector<Box> CellsInPixels(const std::vector<layout::Ruling>& rulings_in_points, int dpi);

// A line of text a recogniser read, as a layout word: its box in points, its height the font size.
layout::Word LineWord(std::string text, const Box& points, double confidence);

// A copy of the rectangle of `pix`; null when it lies outside.
PixPtr Clip(PIX* pix, int x, int y, int w, int h);

// The height of the text lines in a rectangle of a black-and-white page: the median run (of at
// least 3) of pixel rows with more than one dark pixel; 0 when there is none.
int LineHeight(PIX* binary, int x, int y, int w, int h);

struct PixelBox {
  int x = 0, y = 0, w = 0, h = 0;
};

// The rules less the strokes of large print among them, as Prepare drops them, for a recogniser
// that finds the page's `lines` of text better than Prepare can (on the page with its rules).
std::vector<layout::Ruling> WithoutStrokes(const std::vector<layout::Ruling>& rulings, const std::vector<PixelBox>& lines);

// Lines of text on a black-and-white page (tables blanked out): bands of pixel rows holding ink,
// each cut where its ink leaves a gap wider than a few line heights. Runs too flat to be text
// (a rule) are left out.
std::vector<PixelBox> TextLines(PIX* binary);

// Whether the rectangle of the black-and-white page holds any ink: a blank cell is not read
// (OCR invents text in empty boxes).
bool HasInk(PIX* binary, int x, int y, int w, int h);

// The box of the ink in the rectangle `in` of a black-and-white page, in pixels of the page;
// false when it holds too little ink to be text (HasInk).
bool InkBox(PIX* binary, const PixelBox& in, PixelBox* out);

// A line's box grown to ink beside it on its line that the line finder left out (a thin 1, a
// point, a minus at its end: 1.3 found as 3): ink in the line's middle, each column of it closer
// than half the line's height to the next, `margin` pixels short of the nearest of `sides` (the x
// of rules crossing the line) and at least a stroke wide (paper noise is a speck). `line`
// unchanged when there is none; grown by `margin` past the ink when there is.
PixelBox GrownToInk(PIX* binary, const PixelBox& line, const std::vector<int>& sides, int margin);

// Whether a minus stands before the number read in `line` on the black-and-white page: left of
// the first digit, `margin` pixels short of the nearest of `sides` and no farther than a line's
// height from the box, the only ink beside specks is a thin bar across the digit's middle, at
// least twice as long as thick and no longer than the digit, apart from it by an eighth to a
// half of its height: a piece of the digit's own stroke lies closer. A recogniser drops a short
// faint minus at the edge of its crop (-0.4 read as 0.4, sure of it).
bool MinusBefore(PIX* binary, const PixelBox& line, const std::vector<int>& sides, int margin);

}  // namespace budgetx::ocr
