// Grids from ruling lines: join collinear pieces, connect crossing rules, find boundaries and
// the merged cells where a rule is missing.
#include "pipeline/layout/grid.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace budgetx::layout {
namespace {

// Rules this close (points) are the same line; a gap this small along a line is no gap.
constexpr double kSnap = 1.5;
constexpr double kJoinGap = 2.0;
// A rule this short is a tick or a glyph stroke, not a cell border.
constexpr double kMinLength = 3.0;
// How far a rule may stop short of the rule it meets and still cross it.
constexpr double kReach = 2.5;
// How far rules must run past a grid's outermost rule to bound a column or row left open there.
constexpr double kOpenEdge = 4.0;

// A rule along one axis: `at` across it, [from, to] along it.
struct Segment {
  double at, from, to;
};

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  size_t Find(size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  void Join(size_t a, size_t b) { parent_[Find(a)] = Find(b); }

 private:
  std::vector<size_t> parent_;
};

std::vector<Segment> Joined(std::vector<Segment> segs) {
  std::sort(segs.begin(), segs.end(), [](const Segment& a, const Segment& b) {
    return a.at != b.at ? a.at < b.at : a.from < b.from;
  });
  std::vector<Segment> out;
  size_t i = 0;
  while (i < segs.size()) {
    size_t j = i;
    while (j < segs.size() && segs[j].at - segs[i].at <= kSnap) ++j;
    std::vector<Segment> line(segs.begin() + static_cast<long>(i), segs.begin() + static_cast<long>(j));
    std::sort(line.begin(), line.end(), [](const Segment& a, const Segment& b) { return a.from < b.from; });
    double at = line.front().at;
    Segment run{at, line.front().from, line.front().to};
    for (size_t k = 1; k < line.size(); ++k) {
      if (line[k].from <= run.to + kJoinGap) {
        run.to = std::max(run.to, line[k].to);
      } else {
        out.push_back(run);
        run = {at, line[k].from, line[k].to};
      }
    }
    out.push_back(run);
    i = j;
  }
  out.erase(std::remove_if(out.begin(), out.end(), [](const Segment& s) { return s.to - s.from < kMinLength; }),
            out.end());
  return out;
}

bool Cross(const Segment& h, const Segment& v) {
  return v.at >= h.from - kReach && v.at <= h.to + kReach && h.at >= v.from - kReach && h.at <= v.to + kReach;
}

// Distinct positions, each cluster of nearby values represented by its mean.
std::vector<double> Boundaries(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  std::vector<double> out;
  size_t i = 0;
  while (i < values.size()) {
    size_t j = i;
    double sum = 0;
    while (j < values.size() && values[j] - values[i] <= kSnap * 2) sum += values[j++];
    out.push_back(sum / static_cast<double>(j - i));
    i = j;
  }
  return out;
}

// Whether a rule of `lines` runs at `at` across the middle of [from, to].
bool Drawn(const std::vector<Segment>& lines, double at, double from, double to) {
  double mid = (from + to) / 2;
  return std::any_of(lines.begin(), lines.end(), [&](const Segment& s) {
    return std::abs(s.at - at) <= kSnap * 2 && s.from <= mid && s.to >= mid;
  });
}

// Rules across a grid that reach beyond its outermost rule the other way (at least two of them,
// by more than kOpenEdge) bound a column or row printed without its outer border; `bounds` gets
// the boundary where they end.
void AddOpenEdges(const std::vector<Segment>& across, std::vector<double>* bounds) {
  if (bounds->empty()) return;
  std::vector<double> before, after;
  for (const auto& s : across) {
    if (s.from < bounds->front() - kOpenEdge) before.push_back(s.from);
    if (s.to > bounds->back() + kOpenEdge) after.push_back(s.to);
  }
  if (before.size() >= 2) bounds->insert(bounds->begin(), *std::min_element(before.begin(), before.end()));
  if (after.size() >= 2) bounds->push_back(*std::max_element(after.begin(), after.end()));
}

// Rules crossing fewer than two rules the other way, dropped until none is left: a cell's side
// runs from a rule to a rule, while a stamp's ring or star pressed over a table crosses one rule
// at most, and would split its cells into columns that hold nothing.
void DropUnanchored(std::vector<Segment>* hs, std::vector<Segment>* vs) {
  auto crossings = [](const Segment& s, const std::vector<Segment>& others, bool horizontal) {
    int n = 0;
    for (const auto& o : others) n += horizontal ? Cross(s, o) : Cross(o, s);
    return n;
  };
  for (bool dropped = true; dropped;) {
    const size_t before = hs->size() + vs->size();
    std::vector<Segment> h, v;
    for (const auto& s : *hs) {
      if (crossings(s, *vs, true) >= 2) h.push_back(s);
    }
    for (const auto& s : *vs) {
      if (crossings(s, *hs, false) >= 2) v.push_back(s);
    }
    *hs = std::move(h);
    *vs = std::move(v);
    dropped = hs->size() + vs->size() < before;
  }
}

Grid BuildGrid(const std::vector<Segment>& hs, const std::vector<Segment>& vs) {
  Grid grid;
  std::vector<double> xs, ys;
  for (const auto& v : vs) xs.push_back(v.at);
  for (const auto& h : hs) ys.push_back(h.at);
  grid.xs = Boundaries(xs);
  grid.ys = Boundaries(ys);
  AddOpenEdges(hs, &grid.xs);
  AddOpenEdges(vs, &grid.ys);
  int rows = grid.Rows(), cols = grid.Columns();
  if (rows < 1 || cols < 1) return grid;
  UnionFind slots(static_cast<size_t>(rows * cols));
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      size_t here = static_cast<size_t>(r * cols + c);
      if (c > 0 && !Drawn(vs, grid.xs[c], grid.ys[r], grid.ys[r + 1])) slots.Join(here, here - 1);
      if (r > 0 && !Drawn(hs, grid.ys[r], grid.xs[c], grid.xs[c + 1])) slots.Join(here, here - static_cast<size_t>(cols));
    }
  }
  std::vector<int> index(static_cast<size_t>(rows * cols), -1);
  grid.owner.assign(static_cast<size_t>(rows * cols), 0);
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      size_t root = slots.Find(static_cast<size_t>(r * cols + c));
      if (index[root] < 0) {
        index[root] = static_cast<int>(grid.cells.size());
        grid.cells.push_back({r, c, r + 1, c + 1});
      }
      GridCell& cell = grid.cells[static_cast<size_t>(index[root])];
      cell.row0 = std::min(cell.row0, r), cell.col0 = std::min(cell.col0, c);
      cell.row1 = std::max(cell.row1, r + 1), cell.col1 = std::max(cell.col1, c + 1);
      grid.owner[static_cast<size_t>(r * cols + c)] = index[root];
    }
  }
  return grid;
}

}  // namespace

int Grid::SlotAt(double x, double y) const {
  if (x < xs.front() || x > xs.back() || y < ys.front() || y > ys.back()) return -1;
  int c = static_cast<int>(std::upper_bound(xs.begin(), xs.end(), x) - xs.begin()) - 1;
  int r = static_cast<int>(std::upper_bound(ys.begin(), ys.end(), y) - ys.begin()) - 1;
  c = std::clamp(c, 0, Columns() - 1);
  r = std::clamp(r, 0, Rows() - 1);
  return r * Columns() + c;
}

std::vector<Grid> FindGrids(const std::vector<Ruling>& rulings) {
  std::vector<Segment> hs, vs;
  for (const auto& r : rulings) {
    if (r.Horizontal()) hs.push_back({(r.y0 + r.y1) / 2, r.x0, r.x1});
    else vs.push_back({(r.x0 + r.x1) / 2, r.y0, r.y1});
  }
  hs = Joined(std::move(hs));
  vs = Joined(std::move(vs));
  DropUnanchored(&hs, &vs);
  UnionFind parts(hs.size() + vs.size());
  for (size_t i = 0; i < hs.size(); ++i) {
    for (size_t j = 0; j < vs.size(); ++j) {
      if (Cross(hs[i], vs[j])) parts.Join(i, hs.size() + j);
    }
  }
  std::vector<Grid> grids;
  std::vector<bool> done(hs.size() + vs.size(), false);
  for (size_t i = 0; i < hs.size(); ++i) {
    size_t root = parts.Find(i);
    if (done[root]) continue;
    done[root] = true;
    std::vector<Segment> h, v;
    for (size_t k = 0; k < hs.size(); ++k) {
      if (parts.Find(k) == root) h.push_back(hs[k]);
    }
    for (size_t k = 0; k < vs.size(); ++k) {
      if (parts.Find(hs.size() + k) == root) v.push_back(vs[k]);
    }
    if (h.size() < 2 || v.size() < 3) continue;
    Grid grid = BuildGrid(h, v);
    if (grid.Columns() >= 2 && grid.Rows() >= 1) grids.push_back(std::move(grid));
  }
  return grids;
}

}  // namespace budgetx::layout
