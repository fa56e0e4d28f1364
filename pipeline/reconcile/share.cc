// Shares of the total (占比): a percent column p where p[r] = amount[r] / amount[total] × 100, the
// total being the table's 合计/总计 row, the row whose share is printed as 100% and holds the
// largest amount, or the row equal to the sum of all the others. Judged on all rows like an
// inferred ratio (Tally::ConvincingRatio).
#include <algorithm>

#include "pipeline/model/decimal.h"
#include "pipeline/reconcile/internal.h"

namespace budgetx::reconcile::internal {
namespace {

bool IsHundred(const Cell* cell) {
  auto v = PercentValue(cell);
  return v && Compare(*v, Decimal{100, 0}) == 0;
}

// Whether row `total` of column a holds the sum of the column's other body rows.
bool IsColumnSum(const Table& t, int total, int a) {
  auto stated = SumValue(CellAt(t, total, a));
  if (!stated || stated->units == 0) return false;
  Decimal sum{0, 0};
  for (int r = 0; r < static_cast<int>(t.rows.size()); ++r) {
    if (r == total || t.rows[r].kind != RowKind::kBody) continue;
    auto v = SumValue(CellAt(t, r, a));
    auto next = v ? Add(sum, *v) : std::nullopt;
    if (next) sum = *next;
  }
  return Compare(sum, *stated) == 0;
}

// Whether row r holds the largest amount of column a: a total is no smaller than its shares.
bool IsLargest(const Table& t, int row, int a) {
  auto v = SumValue(CellAt(t, row, a));
  if (!v) return false;
  for (int r = 0; r < static_cast<int>(t.rows.size()); ++r) {
    auto other = SumValue(CellAt(t, r, a));
    if (other && Compare(*other, *v) > 0) return false;
  }
  return true;
}

std::vector<int> TotalRows(const TableView& view, int p, int a) {
  const Table& t = *view.table;
  std::vector<int> rows;
  for (int r = 0; r < static_cast<int>(t.rows.size()); ++r) {
    bool hundred = IsHundred(CellAt(t, r, p)) && IsLargest(t, r, a);
    if (t.rows[r].kind == RowKind::kTotal || hundred || IsColumnSum(t, r, a)) rows.push_back(r);
  }
  return rows;
}

std::string RuleName(const Table& t, int p, int a, int total) {
  return "inferred: col " + std::to_string(p + 1) + " = col " + std::to_string(a + 1) + " / col " +
         std::to_string(a + 1) + " of " + RowRef(t, total) + " × 100";
}

}  // namespace

RatioFit BestShare(const TableView& view, int p) {
  RatioFit best;
  for (int a = 0; a < view.ncols; ++a) {
    if (!view.amount[a]) continue;
    for (int total : TotalRows(view, p, a)) {
      Ratio ratio{RuleName(*view.table, p, a, total), 0, p, a, a, 100, total};
      RatioFit fit = FitRatio(view, ratio);
      if (fit.tally.ConvincingRatio() && fit.tally.exact > best.tally.exact) best = std::move(fit);
    }
  }
  return best;
}

}  // namespace budgetx::reconcile::internal
