// Stage: layout — positioned words of a page (and the page's ruling lines) into Lines.
//
// Input:  the words of a page with their boxes (PDF points, origin top-left, y downward) as a
//         text layer or OCR gives them, and the page's horizontal and vertical ruling lines in
//         the same frame.
// Output: the page's Lines, top to bottom, each table region's lines numbered by Line::region.
//         Regions come from geometry alone, before any rule reads the text: ruled grids (strokes,
//         thin filled rectangles, white rules on shading; a column printed beside a grid without
//         rules is taken in; a grid row holding several lines that fill most columns is parted
//         into rows), and runs of plain lines whose cells leave the same gutters open (unruled
//         tables: Line::columns gives them read at the gutters). A page whose text runs down or
//         up the page is laid out in its reading frame (PageLayout::turns).
//         Words inside a ruled grid (at least two columns
//         bounded by vertical and horizontal rules) become one cell-delimited Line per grid row
//         with one Span per grid column: the words of a cell are joined (a wrapped name or a
//         number broken over two lines is one cell), a cell merged over several columns keeps
//         its text in its first column with column_span set, and a cell merged over several
//         rows keeps its text in its first row. Other words are grouped into whitespace-token
//         Lines (spans keep their boxes and extents) for the tables stage to align. Across
//         pages, page numbers are removed (DropRunningLines).
// Errors: none; words and rules that form no grid are laid out as plain lines.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pipeline/model/model.h"

namespace budgetx::layout {

struct Word {
  std::string text;  // UTF-8
  Box box;           // PDF points, origin top-left
  double font_size = 0;
  bool space_after = false;
  int block = -1;  // the text block the source grouped it in (a paragraph, a cell); -1 unknown
  std::optional<double> confidence;  // 0..1 when read by OCR
  // Quarter turns clockwise of the word's baseline from the page's x axis (0..3): 1 runs down
  // the page, 3 up it, as a table printed sideways does.
  int rotation = 0;
};

// A horizontal (y0 == y1) or vertical (x0 == x1) rule.
struct Ruling {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool Horizontal() const { return x1 - x0 >= y1 - y0; }
};

// Words whose vertical extents overlap by more than half the smaller height share a line; lines
// run top to bottom. Within a line, words of one block closer than a tenth of the font size
// become one span (a text layer splits CJK runs at font changes; text of two table cells may
// touch), and each span keeps its box and extent.
std::vector<Line> GroupIntoLines(std::vector<Word> words, int page);

struct PageLayout {
  std::vector<Line> lines;
  int turns = 0;     // Page::turns: the frame the lines' boxes are in
  double pivot = 0;  // Page::pivot
};

// The page's lines: grid rows of the ruled tables and plain lines for the rest, top to bottom.
// A page whose text mostly runs down or up the page (a table printed sideways) is laid out in
// its reading frame, turned back so that it reads top to bottom; its boxes are in that frame.
PageLayout LayOutPage(std::vector<Word> words, const std::vector<Ruling>& rulings, int page);

// The cells of the ruled grids the rules draw (a merged cell once), for a reader that reads an
// image cell by cell.
std::vector<Box> GridCellBoxes(const std::vector<Ruling>& rulings);

// Removes page numbers from laid-out pages: the first or last line of a page whose text, digits
// masked, recurs at the same height on at least 60% of the pages (and 3 pages at least) with a
// number that grows from page to page (- 3 -, 第 3 页 共 9 页). Returns the lines removed.
size_t DropRunningLines(std::vector<Page>* pages);

}  // namespace budgetx::layout
