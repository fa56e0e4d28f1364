// column_identity as declared by the rules: per row, a column = Σ ±other columns, by key.
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

}  // namespace

bool AddDeclaredColumnIdentities(const TableView& view, const std::vector<ColumnIdentity>& ids,
                                 std::vector<Check>* out) {
  const Table& t = *view.table;
  bool applied = false;
  for (const auto& id : ids) {
    auto cols = Resolve(t, id);
    if (!cols || id.parts.empty()) continue;
    applied = true;
    std::vector<int> parts(cols->begin() + 1, cols->end());
    for (int r = 0; r < static_cast<int>(t.rows.size()); ++r) {
      // Every row: 合计 and 其中 rows obey a column identity as much as body rows do.
      if (auto check = EvaluateSum(t, RowSum(view, r, id.name, cols->front(), parts, id.signs))) out->push_back(*check);
    }
  }
  return applied;
}

}  // namespace budgetx::reconcile::internal
