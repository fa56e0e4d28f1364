// Rows of unruled tables whose cells wrap over several lines: the lines of one row sit closer
// together than the lines of neighbouring rows, so a table whose line gaps fall into two groups
// (within a cell, between rows) is read band by band, each band one row.
#include <algorithm>
#include <cmath>

#include "pipeline/tables/internal.h"

namespace budgetx::tables {
namespace {

// The larger gaps must be at least this many times the smaller ones, and this many points more.
constexpr double kBreakRatio = 1.8;
constexpr double kMinBreak = 1.5;
constexpr size_t kMinGapsPerSide = 2;
// Pieces that overlap by less than this (points) only touch: a full-width comma printed to the
// edge of its column.
constexpr double kTouch = 1.0;
// Wrapped lines of one cell are at most this many line heights apart.
constexpr double kMaxWrapGap = 0.35;

bool Positioned(const LineCells& line) { return !line.blank && !line.cell_delimited && line.where.box; }

// Vertical space between two lines of one page; nullopt across pages or without positions.
std::optional<double> Gap(const LineCells& above, const LineCells& below) {
  if (!Positioned(above) || !Positioned(below) || above.where.page != below.where.page) return std::nullopt;
  return below.where.box->y0 - above.where.box->y1;
}

bool IsAmount(const Cell& c) { return c.kind == ValueKind::kAmount || c.kind == ValueKind::kDash; }

}  // namespace

double BandGap(const std::vector<LineCells>& lines, size_t from, size_t to) {
  std::vector<double> gaps, heights;
  for (size_t i = from; i + 1 < to && i + 1 < lines.size(); ++i) {
    if (auto g = Gap(lines[i], lines[i + 1])) gaps.push_back(std::max(0.0, *g));
    if (Positioned(lines[i])) heights.push_back(lines[i].where.box->y1 - lines[i].where.box->y0);
  }
  if (heights.empty()) return 0;
  std::sort(gaps.begin(), gaps.end());
  std::nth_element(heights.begin(), heights.begin() + static_cast<long>(heights.size() / 2), heights.end());
  double line_height = heights[heights.size() / 2];
  // The widest break just above a gap of wrapped lines (a fraction of a line height); breaks
  // among larger gaps (above a footer, before the narrative) say nothing about wrapping.
  double widest = 0, threshold = 0;
  for (size_t k = kMinGapsPerSide - 1; k + kMinGapsPerSide < gaps.size(); ++k) {
    double lo = gaps[k], hi = gaps[k + 1];
    if (lo > line_height * kMaxWrapGap) break;
    if (hi >= lo * kBreakRatio && hi - lo >= kMinBreak && hi - lo > widest) widest = hi - lo, threshold = (lo + hi) / 2;
  }
  return threshold;
}

size_t BandEnd(const std::vector<LineCells>& lines, size_t first, double band_gap, bool in_body) {
  if (band_gap <= 0 || first >= lines.size() || !Positioned(lines[first])) return first;
  size_t last = first;
  while (last + 1 < lines.size()) {
    auto g = Gap(lines[last], lines[last + 1]);
    if (!g || *g >= band_gap) break;
    ++last;
  }
  bool amounts = false;
  for (size_t i = first; i <= last; ++i) amounts = amounts || lines[i].numeric > 0;
  return amounts || in_body ? last : first;
}

LineCells MergeBand(const std::vector<LineCells>& lines, size_t first, size_t last) {
  struct Piece {
    const Cell* cell;
    size_t line;
  };
  std::vector<Piece> pieces;
  for (size_t i = first; i <= last; ++i) {
    for (const auto& c : lines[i].cells) pieces.push_back({&c, i});
  }
  std::stable_sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) {
    return a.cell->extent.x0 < b.cell->extent.x0;
  });
  // Pieces whose horizontal extents overlap are one column's cell; read top to bottom.
  std::vector<std::vector<Piece>> columns;
  double right = -1;
  for (const auto& p : pieces) {
    if (columns.empty() || p.cell->extent.x0 >= right - kTouch) {
      columns.push_back({});
      right = p.cell->extent.x1;
    }
    columns.back().push_back(p);
    right = std::max(right, p.cell->extent.x1);
  }
  LineCells band;
  band.where = lines[first].where;
  for (size_t i = first + 1; i <= last; ++i) {
    Box& b = *band.where.box;
    const Box& o = *lines[i].where.box;
    b = {std::min(b.x0, o.x0), std::min(b.y0, o.y0), std::max(b.x1, o.x1), std::max(b.y1, o.y1)};
  }
  for (auto& column : columns) {
    std::stable_sort(column.begin(), column.end(), [](const Piece& a, const Piece& b) { return a.line < b.line; });
    std::string raw;
    Extent extent = column.front().cell->extent;
    for (const auto& p : column) {
      raw += p.cell->raw;
      extent = {std::min(extent.x0, p.cell->extent.x0), std::max(extent.x1, p.cell->extent.x1)};
    }
    Cell cell = ReadCell(raw);
    cell.where = column.front().cell->where;
    cell.extent = extent;
    band.numeric += IsAmount(cell);
    band.cells.push_back(std::move(cell));
  }
  band.text = JoinTexts(band.cells, " ");
  return band;
}

}  // namespace budgetx::tables
