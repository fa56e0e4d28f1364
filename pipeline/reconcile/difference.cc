// Inferred change columns: a column = one column − another on most rows (预算调增数 = 全年预算数 −
// 年初预算数; 占比变动率 = 支出占比 − 预算占比). The compared columns come before the change, and
// all three hold the same kind of number (amounts, or percentages).
#include "pipeline/reconcile/internal.h"

namespace budgetx::reconcile::internal {
namespace {

struct Candidate {
  std::vector<Check> checks;
  Tally tally;
};

Candidate Evaluate(const TableView& view, int t, int x, int y) {
  std::string rule = "inferred: col " + std::to_string(t + 1) + " = col " + std::to_string(x + 1) + " − col " +
                     std::to_string(y + 1);
  Candidate out;
  for (int r = 0; r < static_cast<int>(view.table->rows.size()); ++r) {
    if (view.misaligned[r] || view.outside[r]) continue;
    Sum sum = RowSum(view, r, rule, t, {x, y}, {1, -1});
    sum.percents = view.percent[t];
    if (auto check = EvaluateSum(*view.table, sum)) {
      out.tally.Add(*check);
      out.checks.push_back(*check);
    }
  }
  return out;
}

bool Numeric(const TableView& view, int c) { return view.amount[c] || view.percent[c]; }
bool SameKind(const TableView& view, int a, int b) { return view.percent[a] == view.percent[b]; }

}  // namespace

void AddColumnDifferences(const TableView& view, const std::vector<bool>& used, std::vector<Check>* out) {
  for (int t = 0; t < view.ncols; ++t) {
    if (!Numeric(view, t) || used[t]) continue;
    Candidate best;
    for (int x = 0; x < t; ++x) {
      for (int y = 0; y < t; ++y) {
        if (x == y || !Numeric(view, x) || !Numeric(view, y)) continue;
        if (!SameKind(view, t, x) || !SameKind(view, t, y)) continue;
        Candidate c = Evaluate(view, t, x, y);
        if (c.tally.Convincing() && c.tally.exact > best.tally.exact) best = std::move(c);
      }
    }
    out->insert(out->end(), best.checks.begin(), best.checks.end());
  }
}

}  // namespace budgetx::reconcile::internal
