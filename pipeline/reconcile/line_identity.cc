// line_identity as declared by the rules: a total line of a table = Σ other lines named by their
// labels, as rows (合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费, down each amount
// column of a side) or as columns under one heading (the same, across each row).
#include <algorithm>
#include <functional>
#include <set>
#include <tuple>

#include "pipeline/reconcile/internal.h"

namespace budgetx::reconcile::internal {
namespace {

bool Matches(const RE2& re, const std::string& label) { return !label.empty() && RE2::PartialMatch(label, re); }

// The one line of `lines` other than `total` that `part` matches, -1 when none or several.
int OnlyLine(const RE2& part, const std::vector<std::string>& labels, const std::vector<int>& lines, int total) {
  int found = -1;
  for (int line : lines) {
    if (line == total || !Matches(part, labels[line])) continue;
    if (found >= 0) return -1;
    found = line;
  }
  return found;
}

// The parts' lines, one per pattern, or nothing when a part is not printed or not told apart.
std::optional<std::vector<int>> PartLines(const LineIdentity& id, const std::vector<std::string>& labels,
                                          const std::vector<int>& lines, int total) {
  std::vector<int> found;
  for (const auto& part : id.parts) {
    int line = OnlyLine(*part, labels, lines, total);
    if (line < 0 || std::find(found.begin(), found.end(), line) != found.end()) return std::nullopt;
    found.push_back(line);
  }
  return found;
}

bool Blank(const Cell* cell) { return !cell || cell->kind == ValueKind::kEmpty; }

// A check the other kinds already made (a 合计 row found by the row totals) is not made twice.
using Cells = std::multiset<std::tuple<int, int, int>>;
Cells CellsOf(const std::vector<CellRef>& refs) {
  Cells cells;
  for (const auto& ref : refs) cells.insert({ref.table, ref.row, ref.column});
  return cells;
}

bool Known(const std::vector<Check>& out, const Check& check) {
  Cells target = CellsOf({check.target}), parts = CellsOf(check.parts);
  return std::any_of(out.begin(), out.end(), [&](const Check& other) {
    return CellsOf({other.target}) == target && CellsOf(other.parts) == parts;
  });
}

void Keep(std::optional<Check> check, std::vector<Check>* out) {
  if (check && !Known(*out, *check)) out->push_back(std::move(*check));
}

// The lines whose cell is filled: a unit without a car leaves 购置费 blank, which is 0.
std::vector<int> Filled(const std::vector<int>& lines, const std::function<const Cell*(int)>& cell) {
  std::vector<int> filled;
  for (int line : lines) {
    if (!Blank(cell(line))) filled.push_back(line);
  }
  return filled;
}

// Rows as lines, in each side of the table; a side's total row claimed by the first identity
// whose parts it prints.
void CheckRows(const TableView& view, const std::vector<const LineIdentity*>& ids, std::vector<Check>* out) {
  const Table& t = *view.table;
  for (const auto& side : view.sides) {
    std::vector<std::string> labels;
    std::vector<int> rows;
    for (int r = 0; r < static_cast<int>(t.rows.size()); ++r) {
      labels.push_back(Compact(LabelFor(view, r, side.front())));
      if (!view.outside[r]) rows.push_back(r);
    }
    std::set<int> claimed;
    for (const LineIdentity* id : ids) {
      for (int total : rows) {
        if (claimed.count(total) || !Matches(*id->total, labels[total])) continue;
        auto parts = PartLines(*id, labels, rows, total);
        if (!parts) continue;
        claimed.insert(total);
        for (int col : side) {
          auto filled = Filled(*parts, [&](int r) { return CellAt(t, r, col); });
          Keep(EvaluateSum(t, ColumnSum(view, "line_identity", id->name, total, filled, col)), out);
        }
      }
    }
  }
}

// A column no unit spends on (因公出国（境）费 left blank on every row) is a line of zeros.
bool BlankColumn(const Table& t, int c) {
  return std::all_of(t.rows.begin(), t.rows.end(), [&](const Row& row) { return Blank(CellAt(t, &row - t.rows.data(), c)); });
}

// A column's header path, or where `measured`, the path above its last level, the measure each
// line repeats (财政拨款“三公”经费/合计/预算数 | …/合计/决算数 | …/因公出国（境）费/预算数 …).
std::string ColumnLabel(const Table& t, int c, bool measured) {
  std::string path = c < static_cast<int>(t.columns.size()) ? Compact(t.columns[c].header) : "";
  if (!measured) return path;
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

std::string Leaf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Columns as lines, labelled by their header paths; a part must sit under the total's heading
// (a table printing 预算数 and 决算数 groups side by side has a 合计 in each) and, where every
// line repeats its measures below it, under the same measure.
void CheckColumns(const TableView& view, const std::vector<const LineIdentity*>& ids, bool measured,
                  std::vector<Check>* out) {
  const Table& t = *view.table;
  std::vector<std::string> labels, measures;
  std::vector<int> columns;
  for (int c = 0; c < view.ncols; ++c) {
    labels.push_back(ColumnLabel(t, c, measured));
    measures.push_back(measured ? Leaf(ColumnLabel(t, c, false)) : "");
    if (view.amount[c] || BlankColumn(t, c)) columns.push_back(c);
  }
  std::set<int> claimed;
  for (const LineIdentity* id : ids) {
    for (int total : columns) {
      if (claimed.count(total) || !Matches(*id->total, labels[total])) continue;
      size_t slash = labels[total].rfind('/');
      std::string group = slash == std::string::npos ? "" : labels[total].substr(0, slash);
      std::vector<int> under;
      for (int c : columns) {
        if (labels[c].starts_with(group) && measures[c] == measures[total]) under.push_back(c);
      }
      auto parts = PartLines(*id, labels, under, total);
      if (!parts) continue;
      claimed.insert(total);
      for (int r = 0; r < static_cast<int>(t.rows.size()); ++r) {
        if (view.outside[r] || view.misaligned[r]) continue;
        auto filled = Filled(*parts, [&](int c) { return CellAt(t, r, c); });
        Sum sum = RowSum(view, r, id->name, total, filled, {});
        sum.kind = "line_identity";
        Keep(EvaluateSum(t, sum), out);
      }
    }
  }
}

}  // namespace

void AddLineIdentities(const TableView& view, const std::vector<LineIdentity>& ids, std::vector<Check>* out) {
  const Table& t = *view.table;
  std::string title = Compact(t.number + t.title);
  std::vector<const LineIdentity*> applicable;
  for (const auto& id : ids) {
    if (RE2::PartialMatch(title, *id.table)) applicable.push_back(&id);
  }
  if (applicable.empty()) return;
  CheckRows(view, applicable, out);
  CheckColumns(view, applicable, /*measured=*/false, out);
  CheckColumns(view, applicable, /*measured=*/true, out);
}

}  // namespace budgetx::reconcile::internal
