// row difference: a change row (增减, 比上年增减) = the row above it − the row above that, per amount
// column (a 三公经费 table prints 2022年, 2023年, then 增减变化金额).
#include "pipeline/reconcile/internal.h"

namespace budgetx::reconcile::internal {

void AddDifferences(const TableView& view, std::vector<Check>* out) {
  const Table& t = *view.table;
  for (int r = 2; r < static_cast<int>(t.rows.size()); ++r) {
    if (t.rows[r].kind != RowKind::kDifference) continue;
    for (int c = 0; c < view.ncols; ++c) {
      if (!view.amount[c]) continue;
      Sum sum = ColumnSum(view, "difference", "difference", r, {r - 1, r - 2}, c);
      sum.signs = {1, -1};
      if (auto check = EvaluateSum(t, sum)) out->push_back(*check);
    }
  }
}

}  // namespace budgetx::reconcile::internal
