// column_identity as declared by the rules: per row, a column = Σ ±other columns, by key.
#include <algorithm>

#include "pipeline/model/decimal.h"
#include "pipeline/reconcile/internal.h"

namespace budgetx::reconcile::internal {
namespace {

// The columns of target and parts, or nothing when a key is not in the table.
std::optional<std::vector<int>> Resolve(const Table& t, const ColumnIdentity& id) {
  std::vector<int> cols{ColumnByKey(t, id.target)};
  for (const auto& key : id.parts) cols.push_back(ColumnByKey(t, key));
  for (int c : cols) {
    if (c < 0) return std::nullopt;
  }
  return cols;
}

// A declared sum names the parts most tables print, but a table may print more kinds beside
// them under the same heading (江苏's 支出预算总表: 合计 | 基本支出 | 项目支出 | 单位预留机动经费 |
// 结转下年资金, where 合计 is all four). Those are the other amount columns of the run that
// follows the target, between or after the parts, under the heading of the target and the
// parts, up to the next column of another heading, another total (合计/小计 opening a group of
// its own) or another kind of cell.
// Empty when the parts do not share the target's heading or the identity subtracts.
std::vector<int> OtherColumnsOfGroup(const TableView& view, const std::vector<int>& cols, const ColumnIdentity& id) {
  const Table& t = *view.table;
  if (std::any_of(id.signs.begin(), id.signs.end(), [](int s) { return s < 0; })) return {};
  int target = cols.front();
  std::string group = HeaderGroup(t, target);
  for (size_t i = 1; i < cols.size(); ++i) {
    if (cols[i] < target || HeaderGroup(t, cols[i]) != group) return {};
  }
  std::vector<int> others;
  for (int c = target + 1; c < view.ncols; ++c) {
    if (!view.amount[c] || HeaderGroup(t, c) != group) break;
    if (std::find(cols.begin(), cols.end(), c) != cols.end()) continue;
    const std::string& key = c < static_cast<int>(t.columns.size()) ? t.columns[static_cast<size_t>(c)].key : "";
    if (key == "total" || key == "subtotal") break;
    others.push_back(c);
  }
  return others;
}

// Whether row r states target = Σ parts exactly (nullopt when a cell holds no number). Cells of
// `extra` count when filled; a blank one is a kind of spending the row does not have.
std::optional<bool> Holds(const Table& t, int r, int target, const std::vector<int>& parts,
                          const std::vector<int>& extra) {
  auto stated = SumValue(CellAt(t, r, target));
  if (!stated) return std::nullopt;
  auto declared = RowSum(t, r, parts);
  auto wider = declared ? RowSum(t, r, extra, /*skip_blank=*/true) : std::nullopt;
  auto sum = wider ? Add(*declared, *wider) : std::nullopt;
  if (!sum) return std::nullopt;
  auto diff = Subtract(*stated, *sum);
  return diff && diff->units == 0;
}

}  // namespace

bool AddDeclaredColumnIdentities(const TableView& view, const std::vector<ColumnIdentity>& ids,
                                 std::vector<Check>* out) {
  const Table& t = *view.table;
  const int nrows = static_cast<int>(t.rows.size());
  bool applied = false;
  for (const auto& id : ids) {
    auto cols = Resolve(t, id);
    if (!cols || id.parts.empty()) continue;
    applied = true;
    std::vector<int> parts(cols->begin() + 1, cols->end());
    std::vector<int> signs = id.signs;
    std::string rule = id.name;
    // The wider sum is taken only where the rows say so: it must hold exactly on more rows than
    // the declared one. Columns the header does not name (a text dump's lost header) may be
    // anything, 其中 breakdowns or another table's columns, and then the declared sum holds.
    std::vector<int> others = OtherColumnsOfGroup(view, *cols, id);
    if (!others.empty()) {
      int declared = 0, wider = 0;
      for (int r = 0; r < nrows; ++r) {
        if (view.outside[r]) continue;
        declared += Holds(t, r, cols->front(), parts, {}).value_or(false);
        wider += Holds(t, r, cols->front(), parts, others).value_or(false);
      }
      if (wider <= declared) others.clear();
    }
    for (int c : others) rule += " + " + ColumnName(t, c);
    for (int r = 0; r < nrows; ++r) {
      if (view.outside[r]) continue;
      std::vector<int> row_parts = parts;
      std::vector<int> row_signs = signs;
      for (int c : others) {
        if (!SumValue(CellAt(t, r, c))) continue;  // blank: not a part of this row
        row_parts.push_back(c);
        if (!row_signs.empty()) row_signs.push_back(1);
      }
      // Every row of data: 合计 and 其中 rows obey a column identity as much as body rows do.
      if (auto check = EvaluateSum(t, RowSum(view, r, rule, cols->front(), row_parts, row_signs))) out->push_back(*check);
    }
  }
  return applied;
}

}  // namespace budgetx::reconcile::internal
