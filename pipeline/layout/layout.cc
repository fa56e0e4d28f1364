// A page's lines: ruled grids first (their words become cells), the remaining words as plain lines.
#include <algorithm>
#include <cmath>
#include <set>

#include "pipeline/layout/aligned.h"
#include "pipeline/layout/grid.h"
#include "pipeline/layout/layout.h"
#include "pipeline/layout/upright.h"

namespace budgetx::layout {
namespace {

// Share of a word's height that must lie inside its cell for the word to fit there.
constexpr double kFitShare = 0.75;
// Lines of one paragraph start within this many points of each other and are at most this many
// line heights apart.
constexpr double kAlignSlack = 1.5;
constexpr double kMaxLineGap = 0.5;
// How far (in line heights) an overflowing paragraph's centre may lie from its cell's centre.
constexpr double kMaxOffCentre = 0.3;
// A column printed beside a grid without rules: rows it must fill, and the margin (points) drawn
// around its words.
constexpr int kMinOpenRows = 2;
constexpr double kOpenMargin = 1.0;
// A grid row is a block of unruled rows when it holds this many lines of text, filling this
// share of the grid's columns on average.
constexpr size_t kMinUnruledRows = 3;
constexpr double kUnruledFill = 0.6;

bool AsciiLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// The words of one cell as its text: a cell's visual lines are one value wrapped by the column's
// width, so they join without a space (a number broken as "1,23" / "4.00" reads 1,234.00), except
// between two Latin words.
std::optional<double> LowestConfidence(const std::vector<Word>& words) {
  std::optional<double> lowest;
  for (const auto& w : words) {
    if (w.confidence) lowest = std::min(lowest.value_or(1.0), *w.confidence);
  }
  return lowest;
}

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

// How far the first line of a cell's text starts from the cell's left edge (its indentation;
// wrapped lines below may hang further left); -1 for an empty cell.
double FirstLineInset(const std::vector<Word>& words, double left) {
  double top = 1e18, inset = -1;
  for (const auto& w : words) top = std::min(top, w.box.y0);
  for (const auto& w : words) {
    if (w.box.y0 - top < (w.box.y1 - w.box.y0) / 2) inset = inset < 0 ? w.box.x0 - left : std::min(inset, w.box.x0 - left);
  }
  return inset < 0 ? inset : std::max(0.0, inset);
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
      const auto& words = cell_words[static_cast<size_t>(grid.owner[row * grid.Columns() + c])];
      span.text = CellText(words, page);
      span.where.confidence = LowestConfidence(words);
      span.inset = FirstLineInset(words, grid.xs[c]);
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

// A word fits its cell when most of its height lies between the cell's top and bottom rules.
bool Fits(const Grid& grid, const GridCell& cell, const Box& box) {
  double overlap = std::min(box.y1, grid.ys[cell.row1]) - std::max(box.y0, grid.ys[cell.row0]);
  return overlap >= (box.y1 - box.y0) * kFitShare;
}

// The next line of the same paragraph: same left edge, just below.
bool ContinuesBelow(const Box& above, const Box& below) {
  double height = above.y1 - above.y0;
  double gap = below.y0 - above.y1;
  return std::abs(below.x0 - above.x0) <= kAlignSlack && gap >= -height / 4 && gap < height * kMaxLineGap;
}

// Per word, the index of the grid cell it belongs to, or -1. A word goes to the cell under its
// centre, except that text overflowing its cell (a fixed-height row whose wrapped text spills
// over the rules, as office software prints it) goes with its paragraph: the lines chained by
// a shared left edge go to the cell under the paragraph's centre.
std::vector<int> CellsOfWords(const Grid& grid, const std::vector<Word>& words) {
  std::vector<int> cell(words.size(), -1);
  std::vector<size_t> near;  // words inside the grid or overhanging its top or bottom by a line
  for (size_t i = 0; i < words.size(); ++i) {
    const Box& b = words[i].box;
    double x = (b.x0 + b.x1) / 2, y = (b.y0 + b.y1) / 2, h = b.y1 - b.y0;
    if (x < grid.xs.front() || x > grid.xs.back() || y < grid.ys.front() - h || y > grid.ys.back() + h) continue;
    near.push_back(i);
    if (int slot = grid.SlotAt(x, y); slot >= 0) cell[i] = grid.owner[static_cast<size_t>(slot)];
  }
  std::sort(near.begin(), near.end(), [&](size_t a, size_t b) {
    return words[a].box.x0 != words[b].box.x0 ? words[a].box.x0 < words[b].box.x0 : words[a].box.y0 < words[b].box.y0;
  });
  std::vector<bool> taken(words.size(), false);
  for (size_t k = 0; k < near.size(); ++k) {
    if (taken[near[k]]) continue;
    std::vector<size_t> chain{near[k]};
    for (size_t j = k + 1; j < near.size(); ++j) {
      if (!taken[near[j]] && ContinuesBelow(words[chain.back()].box, words[near[j]].box)) chain.push_back(near[j]);
    }
    for (size_t i : chain) taken[i] = true;
    bool overflows = std::any_of(chain.begin(), chain.end(), [&](size_t i) {
      return cell[i] < 0 || !Fits(grid, grid.cells[static_cast<size_t>(cell[i])], words[i].box);
    });
    if (!overflows) continue;
    const Box& first = words[chain.front()].box;
    double top = first.y0, bottom = words[chain.back()].box.y1;
    int slot = grid.SlotAt((first.x0 + first.x1) / 2, std::clamp((top + bottom) / 2, grid.ys.front(), grid.ys.back()));
    int target = slot < 0 ? -1 : grid.owner[static_cast<size_t>(slot)];
    // Overflowing text is centred on its cell; a caption just above the grid that happens to
    // share the left edge of the first cell's text is not.
    if (target >= 0) {
      const GridCell& c = grid.cells[static_cast<size_t>(target)];
      double off_centre = std::abs((top + bottom) / 2 - (grid.ys[c.row0] + grid.ys[c.row1]) / 2);
      if (off_centre > (first.y1 - first.y0) * kMaxOffCentre) continue;
    }
    for (size_t i : chain) cell[i] = target;
  }
  return cell;
}

// Words beside a grid, in its rows, are a column printed without rules (names left of a ruled
// block of numbers): rules drawn around them let the grid take them in. Words in at least a
// third of the grid's rows (and two) on one side make the column.
std::vector<Ruling> OpenColumnRules(const Grid& grid, const std::vector<Word>& words) {
  std::vector<Ruling> out;
  for (int side : {-1, 1}) {
    std::set<int> rows;
    double edge = side < 0 ? grid.xs.front() : grid.xs.back();
    double reach = edge;
    for (const auto& w : words) {
      double y = (w.box.y0 + w.box.y1) / 2;
      bool beside = side < 0 ? w.box.x1 <= grid.xs.front() : w.box.x0 >= grid.xs.back();
      if (!beside || y <= grid.ys.front() || y >= grid.ys.back()) continue;
      int row = static_cast<int>(std::upper_bound(grid.ys.begin(), grid.ys.end(), y) - grid.ys.begin()) - 1;
      rows.insert(row);
      reach = side < 0 ? std::min(reach, w.box.x0 - kOpenMargin) : std::max(reach, w.box.x1 + kOpenMargin);
    }
    if (static_cast<int>(rows.size()) < std::max(kMinOpenRows, grid.Rows() / 3)) continue;
    double x0 = std::min(reach, edge), x1 = std::max(reach, edge);
    for (double y : grid.ys) out.push_back({x0, y, x1, y});
    out.push_back({reach, grid.ys.front(), reach, grid.ys.back()});
  }
  return out;
}

// A grid row holding several lines of text that fill most of the grid's columns is a block of
// rows printed without rules (a boxed header over an unruled body): rules between its lines and
// along the grid's column boundaries part it. Wrapped text fills a column or two, not most.
std::vector<Ruling> UnruledRowRules(const Grid& grid, const std::vector<Word>& words) {
  std::vector<Ruling> out;
  for (int r = 0; r < grid.Rows(); ++r) {
    std::vector<Word> inside;
    for (const auto& w : words) {
      double x = (w.box.x0 + w.box.x1) / 2, y = (w.box.y0 + w.box.y1) / 2;
      if (x > grid.xs.front() && x < grid.xs.back() && y > grid.ys[r] && y < grid.ys[r + 1]) inside.push_back(w);
    }
    std::vector<Line> lines = GroupIntoLines(std::move(inside), 0);
    if (lines.size() < kMinUnruledRows) continue;
    // The block's columns: the grid's, and those its text aligns in within them.
    std::vector<double> bounds(grid.xs.begin() + 1, grid.xs.end() - 1);
    for (const auto& gutter : ColumnGutters(lines)) {
      bool ruled = std::any_of(grid.xs.begin(), grid.xs.end(), [&](double x) { return x >= gutter.x0 && x <= gutter.x1; });
      if (!ruled) bounds.push_back((gutter.x0 + gutter.x1) / 2);
    }
    std::sort(bounds.begin(), bounds.end());
    size_t filled = 0;
    for (const auto& line : lines) {
      std::set<long> columns;
      for (const auto& span : line.spans) {
        double x = (span.extent.x0 + span.extent.x1) / 2;
        columns.insert(std::upper_bound(bounds.begin(), bounds.end(), x) - bounds.begin());
      }
      filled += columns.size();
    }
    if (static_cast<double>(filled) < kUnruledFill * static_cast<double>(lines.size() * (bounds.size() + 1))) continue;
    for (size_t k = 1; k < lines.size(); ++k) {
      double y = (lines[k - 1].where.box->y1 + lines[k].where.box->y0) / 2;
      out.push_back({grid.xs.front(), y, grid.xs.back(), y});
    }
    for (double x : bounds) out.push_back({x, grid.ys[r], x, grid.ys[r + 1]});
  }
  return out;
}

// The grids of the rules, each widened by the columns printed beside it without rules and its
// unruled blocks of rows parted.
std::vector<Grid> CompletedGrids(const std::vector<Ruling>& rulings, const std::vector<Word>& words) {
  std::vector<Grid> grids = FindGrids(rulings);
  std::vector<Ruling> completed = rulings;
  for (const auto& grid : grids) {
    for (const auto& more : {OpenColumnRules(grid, words), UnruledRowRules(grid, words)}) {
      completed.insert(completed.end(), more.begin(), more.end());
    }
  }
  return completed.size() == rulings.size() ? grids : FindGrids(completed);
}

// The page's lines, laid out in its reading frame.
std::vector<Line> LayOutUpright(std::vector<Word> words, const std::vector<Ruling>& rulings, int page) {
  std::vector<Word> free_words;
  std::vector<Grid> grids = CompletedGrids(rulings, words);
  std::vector<std::vector<std::vector<Word>>> cell_words(grids.size());
  for (size_t g = 0; g < grids.size(); ++g) cell_words[g].resize(grids[g].cells.size());
  std::vector<bool> placed(words.size(), false);
  for (size_t g = 0; g < grids.size(); ++g) {
    std::vector<int> cells = CellsOfWords(grids[g], words);
    for (size_t i = 0; i < words.size(); ++i) {
      if (placed[i] || cells[i] < 0) continue;
      cell_words[g][static_cast<size_t>(cells[i])].push_back(words[i]);
      placed[i] = true;
    }
  }
  for (size_t i = 0; i < words.size(); ++i) {
    if (!placed[i]) free_words.push_back(std::move(words[i]));
  }
  std::vector<Line> lines = GroupIntoLines(std::move(free_words), page);
  MarkAlignedRegions(&lines, static_cast<int>(grids.size()));
  for (size_t g = 0; g < grids.size(); ++g) {
    for (int r = 0; r < grids[g].Rows(); ++r) {
      Line row = GridRow(grids[g], r, cell_words[g], page);
      row.region = static_cast<int>(g);
      if (HasText(row)) lines.push_back(std::move(row));
    }
  }
  std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.where.box->y0 < b.where.box->y0; });
  return lines;
}

}  // namespace

std::vector<Box> GridCellBoxes(const std::vector<Ruling>& rulings) {
  std::vector<Box> boxes;
  for (const auto& grid : FindGrids(rulings)) {
    for (const auto& c : grid.cells) boxes.push_back({grid.xs[c.col0], grid.ys[c.row0], grid.xs[c.col1], grid.ys[c.row1]});
  }
  return boxes;
}

PageLayout LayOutPage(std::vector<Word> words, const std::vector<Ruling>& page_rulings, int page) {
  Frame frame = ReadingFrame(words, page_rulings);
  std::vector<Ruling> rulings = page_rulings;
  if (frame.Turned()) frame.ToReading(&words, &rulings);
  return {LayOutUpright(std::move(words), rulings, page), frame.turns, frame.Turned() ? frame.extent : 0};
}

}  // namespace budgetx::layout
