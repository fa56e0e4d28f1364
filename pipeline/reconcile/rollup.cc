// code_rollup: a 类 or 款 row equals the sum of its direct child codes (201 = Σ 201xx,
// 20101 = Σ 20101xx), per amount column.
#include "pipeline/reconcile/internal.h"

namespace budgetx::reconcile::internal {
namespace {

bool IsBoundary(const Row& row) { return row.kind == RowKind::kTotal || row.kind == RowKind::kSubtotal; }

// Rows below `parent` up to the next row whose code is no longer than the parent's (or a total,
// which closes the coded block), whose code extends the parent's by two digits. Grandchildren
// interleaved with them are skipped: they are already inside their own parent's amount.
// Codes as they apply to column `col` (a 收支总表 codes only its 支出 half; each side of a
// two-sided table has its own).
std::vector<int> DirectChildren(const TableView& view, int parent, int col) {
  const Table& table = *view.table;
  const std::string& code = CodeAt(view, parent, col);
  std::vector<int> children;
  for (int r = parent + 1; r < static_cast<int>(table.rows.size()); ++r) {
    const Row& row = table.rows[r];
    const std::string& child = CodeAt(view, r, col);
    if ((!child.empty() && child.size() <= code.size()) || IsBoundary(row)) break;
    // 其中 rows restate part of a sibling; adding them would count it twice.
    if (row.kind == RowKind::kOfWhich) continue;
    if (child.size() == code.size() + 2 && child.compare(0, code.size(), code) == 0) children.push_back(r);
  }
  return children;
}

}  // namespace

void AddRollups(const TableView& view, std::vector<Check>* out) {
  const Table& t = *view.table;
  for (int r = 0; r < static_cast<int>(t.rows.size()); ++r) {
    for (int c = 0; c < view.ncols; ++c) {
      size_t len = CodeAt(view, r, c).size();
      if (!view.amount[c] || (len != 3 && len != 5)) continue;
      std::vector<int> children = DirectChildren(view, r, c);
      if (children.empty()) continue;
      if (auto check = EvaluateSum(t, ColumnSum(view, "code_rollup", "code_rollup", r, children, c, true))) out->push_back(*check);
    }
  }
}

}  // namespace budgetx::reconcile::internal
