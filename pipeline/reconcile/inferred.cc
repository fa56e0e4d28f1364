// Inferred column identities, for tables the rules do not describe: within a run of amount
// columns, a column = Σ the columns right after it on most rows, where a child may itself be a
// subtotal standing for its own group (总计 = 政府预算拨款小计 + 财政专户 + 单位资金…, with 小计 =
// 一般公共预算 + 政府性基金 + 国有资本经营). The nesting is found as for rows (nesting.cc), each
// candidate group judged over all the rows of the table.
#include <algorithm>

#include "pipeline/model/decimal.h"
#include "pipeline/reconcile/internal.h"

namespace budgetx::reconcile::internal {
namespace {

bool Blank(const Table& t, int col) {
  for (int r = 0; r < static_cast<int>(t.rows.size()); ++r) {
    const Cell* cell = CellAt(t, r, col);
    if (cell && cell->kind != ValueKind::kEmpty) return false;
  }
  return true;
}

// 1-based column numbers, as in the col_N keys of unnamed columns; runs written a..b.
std::string RuleName(int target, const std::vector<int>& parts) {
  std::string out = "inferred: col " + std::to_string(target + 1) + " = Σ col ";
  for (size_t i = 0; i < parts.size();) {
    size_t j = i;
    while (j + 1 < parts.size() && parts[j + 1] == parts[j] + 1) ++j;
    out += (i ? ", " : "") + std::to_string(parts[i] + 1);
    if (j > i) out += ".." + std::to_string(parts[j] + 1);
    i = j + 1;
  }
  return out;
}

// The parts a row fills in. A run of amount columns lists every kind of money a table knows
// (总计 | 一般公共预算 | 政府性基金 | 国有资本经营 | 财政专户 | 单位资金) and a row leaves blank the kinds
// it has none of: a blank cell is no part of that row's sum, while text is still a missing part
// (the row is not judged). Empty when the row fills no part.
std::vector<int> FilledParts(const Table& t, int row, const std::vector<int>& parts) {
  std::vector<int> out;
  for (int c : parts) {
    const Cell* cell = CellAt(t, row, c);
    if (cell && cell->kind != ValueKind::kEmpty) out.push_back(c);
  }
  return out;
}

std::vector<Check> GroupChecks(const TableView& view, int target, const std::vector<int>& parts) {
  std::vector<Check> checks;
  std::string rule = RuleName(target, parts);
  for (int r = 0; r < static_cast<int>(view.table->rows.size()); ++r) {
    if (view.misaligned[r] || view.outside[r]) continue;
    std::vector<int> filled = FilledParts(*view.table, r, parts);
    if (auto check = EvaluateSum(*view.table, RowSum(view, r, rule, target, filled, {}))) checks.push_back(*check);
  }
  return checks;
}

// The verdict EvaluateSum would give on one row, without the description; nullopt when a cell
// holds no number.
std::optional<CheckResult> RowResult(const Table& t, int row, int target, const std::vector<int>& parts) {
  auto stated = SumValue(CellAt(t, row, target));
  std::vector<int> filled = FilledParts(t, row, parts);
  if (!stated || filled.empty()) return std::nullopt;
  auto sum = RowSum(t, row, filled);
  if (!sum) return std::nullopt;
  int scale = std::max(stated->scale, sum->scale);
  return Judge(*stated, *sum, Decimal{static_cast<int64_t>(filled.size()), scale});
}

// An identity is believed when it holds exactly on most rows (Tally); one that does not is no
// sum at all, never a sum within rounding.
Fit GroupFit(const TableView& view, int target, const std::vector<int>& parts) {
  const Table& t = *view.table;
  Tally tally;
  for (int r = 0; r < static_cast<int>(t.rows.size()); ++r) {
    if (view.misaligned[r] || view.outside[r]) continue;
    if (auto result = RowResult(t, r, target, parts)) tally.Add(*result, SumValue(CellAt(t, r, target))->units != 0);
  }
  return tally.Convincing() ? Fit::kExact : Fit::kNone;
}

// A header printed on two levels ("政府预算拨款/小计", "政府预算拨款/一般公共预算拨款", …) says how far
// a group's subtotal reaches: to the group's last column. Other columns of such a table are
// single items. -1 throughout when the header has one level (nothing is known).
std::vector<int> HeaderGroupEnds(const TableView& view) {
  const auto& columns = view.table->columns;
  std::vector<int> ends(static_cast<size_t>(view.ncols), -1);
  auto group = [&](int c) { return HeaderGroup(*view.table, c); };
  int n = std::min(view.ncols, static_cast<int>(columns.size()));
  bool structured = false;
  for (int c = 0; c < n; ++c) structured = structured || !group(c).empty();
  if (!structured) return ends;
  for (int c = 0; c < n; ++c) {
    ends[static_cast<size_t>(c)] = c;
    const std::string& key = columns[static_cast<size_t>(c)].key;
    if (group(c).empty() || (key != "subtotal" && key != "total")) continue;
    for (int k = c + 1; k < n && group(k) == group(c); ++k) ends[static_cast<size_t>(c)] = k;
  }
  return ends;
}

NestingRules ColumnRules(const TableView& view) {
  NestingRules rules;
  std::vector<int> ends = HeaderGroupEnds(view);
  if (std::any_of(ends.begin(), ends.end(), [](int e) { return e >= 0; })) {
    rules.fixed_end = [ends](int c) { return ends[static_cast<size_t>(c)]; };
  }
  rules.n = view.ncols;
  rules.can_parent = [&view](int c) { return static_cast<bool>(view.amount[c]); };
  // A run of amount columns ends at the first column of another kind. A column no row fills is
  // a kind of money none of the rows has (国有资本经营预算 in most 收入总表s): skipped, it leaves
  // the run whole.
  rules.step = [&view](int, int c, int) {
    return view.amount[c] ? Step::kChild : Blank(*view.table, c) ? Step::kSkip : Step::kStop;
  };
  rules.fit = [&view](int c, const std::vector<int>& parts) { return GroupFit(view, c, parts); };
  // A column equal to one other column is a copy, not a sum.
  rules.min_children = 2;
  // Each step judges every row of the table.
  rules.steps_per_parent = 500;
  return rules;
}

}  // namespace

void AddInferredColumnIdentities(const TableView& view, std::vector<Check>* out) {
  std::vector<std::vector<int>> groups = FindNesting(ColumnRules(view)).children;
  std::vector<bool> used(view.ncols, false);
  for (int c = 0; c < view.ncols; ++c) {
    if (groups[c].empty()) continue;
    std::vector<Check> checks = GroupChecks(view, c, groups[c]);
    out->insert(out->end(), checks.begin(), checks.end());
    used[c] = true;
    for (int part : groups[c]) used[part] = true;
  }
  // A column in a sum is explained; as a difference it would restate the same identity.
  AddColumnDifferences(view, used, out);
}

}  // namespace budgetx::reconcile::internal
