// A page's lines: ruled grids first (their words become cells), the remaining words as plain lines.
#include <algorithm>

#include "pipeline/layout/grid.h"
#include "pipeline/layout/layout.h"

namespace budgetx::layout {
namespace {

bool AsciiLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// The words of one cell as its text: a cell's visual lines are one value wrapped by the column's
// width, so they join without a space (a number broken as "1,23" / "4.00" reads 1,234.00), except
// between two Latin words.
std::string CellText(const std::vector<Word>& words, int page) {
  std::string text;
  for (const auto& line : GroupIntoLines(words, page)) {
    std::string piece = line.Text();
    if (piece.empty()) continue;
    if (!text.empty() && AsciiLetter(text.back()) && AsciiLetter(piece.front())) text += ' ';
    text += piece;
  }
  return text;
}

Line GridRow(const Grid& grid, int row, const std::vector<std::vector<Word>>& cell_words, int page) {
  Line line;
  line.cell_delimited = true;
  line.where.page = page;
  line.where.box = Box{grid.xs.front(), grid.ys[row], grid.xs.back(), grid.ys[row + 1]};
  for (int c = 0; c < grid.Columns(); ++c) {
    Span span;
    span.where.page = page;
    span.extent = {grid.xs[c], grid.xs[c + 1]};
    const GridCell& cell = grid.CellAt(row, c);
    if (cell.row0 == row && cell.col0 == c) {
      span.text = CellText(cell_words[static_cast<size_t>(grid.owner[row * grid.Columns() + c])], page);
      span.column_span = cell.col1 - cell.col0;
      span.extent = {grid.xs[cell.col0], grid.xs[cell.col1]};
      span.where.box = Box{grid.xs[cell.col0], grid.ys[cell.row0], grid.xs[cell.col1], grid.ys[cell.row1]};
    }
    line.spans.push_back(std::move(span));
  }
  return line;
}

bool HasText(const Line& line) {
  return std::any_of(line.spans.begin(), line.spans.end(), [](const Span& s) { return !s.text.empty(); });
}

}  // namespace

std::vector<Line> LayOutPage(std::vector<Word> words, const std::vector<Ruling>& rulings, int page) {
  std::vector<Line> lines;
  std::vector<Word> free_words;
  std::vector<Grid> grids = FindGrids(rulings);
  std::vector<std::vector<std::vector<Word>>> cell_words(grids.size());
  for (size_t g = 0; g < grids.size(); ++g) cell_words[g].resize(grids[g].cells.size());
  for (auto& w : words) {
    double x = (w.box.x0 + w.box.x1) / 2, y = (w.box.y0 + w.box.y1) / 2;
    bool placed = false;
    for (size_t g = 0; g < grids.size() && !placed; ++g) {
      int slot = grids[g].SlotAt(x, y);
      if (slot < 0) continue;
      cell_words[g][static_cast<size_t>(grids[g].owner[static_cast<size_t>(slot)])].push_back(std::move(w));
      placed = true;
    }
    if (!placed) free_words.push_back(std::move(w));
  }
  lines = GroupIntoLines(std::move(free_words), page);
  for (size_t g = 0; g < grids.size(); ++g) {
    for (int r = 0; r < grids[g].Rows(); ++r) {
      Line row = GridRow(grids[g], r, cell_words[g], page);
      if (HasText(row)) lines.push_back(std::move(row));
    }
  }
  std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.where.box->y0 < b.where.box->y0; });
  return lines;
}

}  // namespace budgetx::layout
