// ratio: per row, a percent column = numerator / denominator × scale (执行率 = 执行数 / 预算数 ×
// 100), as declared by the rules or, for tables they do not describe, inferred.
#include "pipeline/reconcile/internal.h"

namespace budgetx::reconcile::internal {
namespace {

std::vector<Check> RatioChecks(const TableView& view, const Ratio& ratio) {
  std::vector<Check> checks;
  Ratio row_ratio = ratio;
  for (int r = 0; r < static_cast<int>(view.table->rows.size()); ++r) {
    row_ratio.row = r;
    if (auto check = EvaluateRatio(view, row_ratio)) checks.push_back(*check);
  }
  return checks;
}

std::string RuleName(int p, int a, int b) {
  return "inferred: col " + std::to_string(p + 1) + " = col " + std::to_string(a + 1) + " / col " +
         std::to_string(b + 1) + " × 100";
}

// The pair of amount columns that explains percent column p best, with its checks; empty when
// no pair is convincing.
std::vector<Check> BestPair(const TableView& view, int p) {
  std::vector<Check> best;
  int best_exact = 0;
  for (int a = 0; a < view.ncols; ++a) {
    for (int b = 0; b < view.ncols; ++b) {
      if (a == b || !view.amount[a] || !view.amount[b]) continue;
      std::vector<Check> checks = RatioChecks(view, {RuleName(p, a, b), 0, p, a, b, 100});
      Tally tally;
      for (const auto& check : checks) tally.Add(check);
      if (tally.Convincing() && tally.exact > best_exact) {
        best_exact = tally.exact;
        best = std::move(checks);
      }
    }
  }
  return best;
}

}  // namespace

bool AddDeclaredRatios(const TableView& view, const std::vector<RatioIdentity>& ids, std::vector<Check>* out) {
  const Table& t = *view.table;
  bool applied = false;
  for (const auto& id : ids) {
    int p = ColumnByKey(t, id.target), a = ColumnByKey(t, id.numerator), b = ColumnByKey(t, id.denominator);
    if (p < 0 || a < 0 || b < 0) continue;
    applied = true;
    std::vector<Check> checks = RatioChecks(view, {id.name, 0, p, a, b, id.scale});
    out->insert(out->end(), checks.begin(), checks.end());
  }
  return applied;
}

void AddInferredRatios(const TableView& view, std::vector<Check>* out) {
  for (int p = 0; p < view.ncols; ++p) {
    if (!view.percent[p]) continue;
    std::vector<Check> checks = BestPair(view, p);
    out->insert(out->end(), checks.begin(), checks.end());
  }
}

}  // namespace budgetx::reconcile::internal
