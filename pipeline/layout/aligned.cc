// Unruled tables from text alignment: runs of lines whose pieces leave the same gutters open.
#include "pipeline/layout/aligned.h"

#include <algorithm>
#include <cmath>

namespace budgetx::layout {
namespace {

// Pieces of a line farther apart than this many line heights are in different cells; closer
// ones are words of one cell (a sentence's spaces).
constexpr double kCellGap = 0.5;
// A run of lines is a table when at least this many of them have pieces in two columns or more.
constexpr size_t kMinRows = 3;
// Lines of one table are at most this many line heights apart.
constexpr double kMaxRowGap = 2.5;
// A gutter is crossed by at most this share of the run's lines (a title or a wide cell may cross).
constexpr double kGutterCrossing = 0.1;
// A gutter is at least this many points wide.
constexpr double kMinGutter = 4.0;

double Height(const Line& line) { return line.where.box->y1 - line.where.box->y0; }

// The line's cells as x-ranges: its spans joined across gaps narrower than kCellGap.
std::vector<Extent> Cells(const Line& line) {
  std::vector<Extent> cells;
  double gap = kCellGap * Height(line);
  for (const auto& span : line.spans) {
    if (!span.extent.known()) continue;
    if (!cells.empty() && span.extent.x0 - cells.back().x1 < gap) cells.back().x1 = std::max(cells.back().x1, span.extent.x1);
    else cells.push_back(span.extent);
  }
  return cells;
}

bool Positioned(const Line& line) { return !line.cell_delimited && line.region < 0 && line.where.box && !line.spans.empty(); }

// The gutters the lines [first, last] leave open: x-ranges between their cells crossed by at
// most kGutterCrossing of the lines.
std::vector<Extent> Gutters(const std::vector<std::vector<Extent>>& cells) {
  double lo = 1e18, hi = -1e18;
  for (const auto& row : cells) {
    for (const auto& c : row) lo = std::min(lo, c.x0), hi = std::max(hi, c.x1);
  }
  if (hi <= lo) return {};
  size_t width = static_cast<size_t>(std::ceil(hi - lo)) + 1;
  std::vector<int> crossing(width, 0);
  for (const auto& row : cells) {
    for (const auto& c : row) {
      for (size_t x = static_cast<size_t>(c.x0 - lo); x <= static_cast<size_t>(c.x1 - lo) && x < width; ++x) ++crossing[x];
    }
  }
  int allowed = static_cast<int>(kGutterCrossing * static_cast<double>(cells.size()));
  std::vector<Extent> gutters;
  for (size_t x = 0; x < width;) {
    if (crossing[x] > allowed) {
      ++x;
      continue;
    }
    size_t end = x;
    while (end < width && crossing[end] <= allowed) ++end;
    if (x > 0 && end < width && static_cast<double>(end - x) >= kMinGutter) gutters.push_back({lo + static_cast<double>(x), lo + static_cast<double>(end)});
    x = end;
  }
  return gutters;
}

// Lines with cells on both sides of some gutter: rows of the table.
size_t RowsAcross(const std::vector<std::vector<Extent>>& cells, const std::vector<Extent>& gutters) {
  size_t rows = 0;
  for (const auto& row : cells) {
    std::vector<int> column;
    for (const auto& c : row) {
      int k = static_cast<int>(std::count_if(gutters.begin(), gutters.end(), [&](const Extent& g) { return g.x1 <= c.x0; }));
      if (column.empty() || column.back() != k) column.push_back(k);
    }
    rows += column.size() >= 2;
  }
  return rows;
}

// The run of lines starting at `first` close enough to be one table's rows, through the last
// line of several cells.
size_t RunEnd(const std::vector<Line>& lines, size_t first) {
  size_t end = first, last_multi = first;
  while (end + 1 < lines.size() && Positioned(lines[end + 1]) &&
         lines[end + 1].where.box->y0 - lines[end].where.box->y1 <= kMaxRowGap * Height(lines[end])) {
    ++end;
    if (Cells(lines[end]).size() >= 2) last_multi = end;
  }
  return last_multi;
}

// Text pieces of one cell are words to part with a space unless both sides are CJK (or other
// non-ASCII script written without spaces).
bool NeedsSpace(const std::string& before, const std::string& after) {
  return !before.empty() && !after.empty() &&
         (static_cast<unsigned char>(before.back()) < 0x80 || static_cast<unsigned char>(after.front()) < 0x80);
}

// The line read at the gutters: one span per column (empty where the line has nothing), the
// spans in a column joined (with a space between words), its extent the range between gutters.
void ToColumns(const Extent& across, const std::vector<Extent>& gutters, Line* line) {
  std::vector<Span> columns(gutters.size() + 1);
  for (size_t c = 0; c < columns.size(); ++c) {
    columns[c].where.page = line->where.page;
    columns[c].extent = {c == 0 ? across.x0 : gutters[c - 1].x1, c == gutters.size() ? across.x1 : gutters[c].x0};
  }
  for (const auto& span : line->spans) {
    double mid = (span.extent.x0 + span.extent.x1) / 2;
    size_t c = static_cast<size_t>(std::count_if(gutters.begin(), gutters.end(), [&](const Extent& g) { return g.x1 <= mid; }));
    Span& cell = columns[c];
    if (NeedsSpace(cell.text, span.text)) cell.text += ' ';
    cell.text += span.text;
    const Box& b = *span.where.box;
    cell.where.box = cell.where.box ? Box{std::min(cell.where.box->x0, b.x0), std::min(cell.where.box->y0, b.y0),
                                          std::max(cell.where.box->x1, b.x1), std::max(cell.where.box->y1, b.y1)}
                                    : b;
    if (span.where.confidence) cell.where.confidence = std::min(cell.where.confidence.value_or(1.0), *span.where.confidence);
  }
  line->columns = std::move(columns);
}

// A cell of the line runs across one of the gutters (a title or a note over the columns).
bool Crosses(const std::vector<Extent>& cells, const std::vector<Extent>& gutters) {
  return std::any_of(cells.begin(), cells.end(), [&](const Extent& c) {
    return std::any_of(gutters.begin(), gutters.end(), [&](const Extent& g) { return c.x0 < g.x0 && c.x1 > g.x1; });
  });
}

// The gutters of the run's fullest lines (at least half as many cells as its fullest line):
// a title, a wrapped header or a note across the columns does not close a gutter.
std::vector<Extent> RunGutters(const std::vector<std::vector<Extent>>& cells) {
  size_t most = 0;
  for (const auto& row : cells) most = std::max(most, row.size());
  std::vector<std::vector<Extent>> full;
  for (const auto& row : cells) {
    if (row.size() >= 2 && row.size() * 2 >= most) full.push_back(row);
  }
  return Gutters(full);
}

}  // namespace

std::vector<Extent> ColumnGutters(const std::vector<Line>& lines) {
  std::vector<std::vector<Extent>> cells;
  for (const auto& line : lines) {
    if (line.where.box) cells.push_back(Cells(line));
  }
  return RunGutters(cells);
}

int MarkAlignedRegions(std::vector<Line>* lines, int next_region) {
  std::vector<Line>& ls = *lines;
  for (size_t i = 0; i < ls.size(); ++i) {
    if (!Positioned(ls[i]) || Cells(ls[i]).size() < 2) continue;
    size_t last = RunEnd(ls, i);
    std::vector<std::vector<Extent>> cells;
    for (size_t k = i; k <= last; ++k) cells.push_back(Cells(ls[k]));
    std::vector<Extent> gutters = RunGutters(cells);
    if (gutters.empty()) continue;
    // Lines across the columns at either end are the table's title or notes, not its rows.
    size_t first = i;
    while (first < last && Crosses(cells[first - i], gutters)) ++first;
    while (last > first && Crosses(cells[last - i], gutters)) --last;
    cells = std::vector<std::vector<Extent>>(cells.begin() + static_cast<long>(first - i), cells.begin() + static_cast<long>(last - i + 1));
    if (RowsAcross(cells, gutters) < kMinRows) continue;
    Extent across{1e18, -1e18};
    for (size_t k = first; k <= last; ++k) across = {std::min(across.x0, ls[k].where.box->x0), std::max(across.x1, ls[k].where.box->x1)};
    for (size_t k = first; k <= last; ++k) {
      ToColumns(across, gutters, &ls[k]);
      ls[k].region = next_region;
    }
    ++next_region;
    i = last;
  }
  return next_region;
}

}  // namespace budgetx::layout
