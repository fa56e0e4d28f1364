// row_hierarchy: for rows the codes do not structure (基本支出总表 with 工资福利支出 above 基本工资,
// 津贴补贴…; 项目支出总表 with a unit row above its projects; small report tables), the nesting of
// rows inferred from the amounts (row_rules.cc) is checked: a parent row = Σ its children, per
// amount column of its side.
#include <algorithm>
#include <set>
#include <tuple>

#include "pipeline/reconcile/internal.h"

namespace budgetx::reconcile::internal {
namespace {

using Key = std::tuple<int, int, std::vector<std::pair<int, int>>>;

Key KeyOf(const CellRef& target, const std::vector<CellRef>& parts) {
  std::vector<std::pair<int, int>> cells;
  for (const auto& p : parts) cells.push_back({p.row, p.column});
  std::sort(cells.begin(), cells.end());
  return {target.row, target.column, cells};
}

}  // namespace

void AddRowHierarchy(const TableView& view, const std::vector<RowTree>& trees, std::vector<Check>* out) {
  // Codes are certain: a cell code_rollup checks keeps that check alone.
  std::set<std::pair<int, int>> coded;
  std::set<Key> seen;
  for (const auto& c : *out) {
    if (c.target.table != view.index) continue;
    if (c.kind == "code_rollup") coded.insert({c.target.row, c.target.column});
    seen.insert(KeyOf(c.target, c.parts));
  }
  for (const auto& tree : trees) {
    for (int r = 0; r < static_cast<int>(tree.children.size()); ++r) {
      if (tree.children[r].empty()) continue;
      for (int c : tree.columns) {
        if (coded.count({r, c})) continue;
        auto check = EvaluateSum(*view.table, ColumnSum(view, "row_hierarchy", "inferred: row sums", r, tree.children[r], c));
        if (check && seen.insert(KeyOf(check->target, check->parts)).second) out->push_back(*check);
      }
    }
  }
}

}  // namespace budgetx::reconcile::internal
