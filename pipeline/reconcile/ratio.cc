// ratio: per row, a percent column = numerator / denominator × scale (执行率 = 执行数 / 预算数 ×
// 100), as declared by the rules or, for percent columns they do not explain, inferred: from two
// columns of the row, or as a share of the total row (占比, share.cc).
#include <algorithm>

#include "pipeline/reconcile/internal.h"

namespace budgetx::reconcile::internal {
namespace {

std::vector<int> ColumnsWithKey(const Table& t, const std::string& key) {
  std::vector<int> cols;
  for (int c = 0; c < static_cast<int>(t.columns.size()); ++c) {
    if (t.columns[c].key == key) cols.push_back(c);
  }
  return cols;
}

std::string RuleName(int p, int a, int b) {
  return "inferred: col " + std::to_string(p + 1) + " = col " + std::to_string(a + 1) + " / col " +
         std::to_string(b + 1) + " × 100";
}

// Keeps `candidate` when it convinces and has more exact rows than *best.
void KeepBetter(RatioFit candidate, RatioFit* best) {
  if (candidate.tally.ConvincingRatio() && candidate.tally.exact > best->tally.exact) *best = std::move(candidate);
}

// The pair of columns among `nums` × `dens` that explains percent column p best.
RatioFit BestPair(const TableView& view, int p, const std::vector<int>& nums, const std::vector<int>& dens,
                  const std::string& rule) {
  RatioFit best;
  for (int a : nums) {
    for (int b : dens) {
      if (a == b) continue;
      KeepBetter(FitRatio(view, {rule.empty() ? RuleName(p, a, b) : rule, 0, p, a, b, 100}), &best);
    }
  }
  return best;
}

std::vector<int> AmountColumns(const TableView& view) {
  std::vector<int> cols;
  for (int c = 0; c < view.ncols; ++c) {
    if (view.amount[c]) cols.push_back(c);
  }
  return cols;
}

}  // namespace

RatioFit FitRatio(const TableView& view, const Ratio& base) {
  RatioFit fit;
  Ratio ratio = base;
  for (int r = 0; r < static_cast<int>(view.table->rows.size()); ++r) {
    // Its cells are not under the columns the ratio names.
    if (view.misaligned[r]) continue;
    ratio.row = r;
    if (auto check = EvaluateRatio(view, ratio)) {
      fit.tally.Add(*check);
      fit.checks.push_back(*check);
    }
  }
  return fit;
}

std::vector<int> AddDeclaredRatios(const TableView& view, const std::vector<RatioIdentity>& ids,
                                   std::vector<Check>* out) {
  const Table& t = *view.table;
  std::vector<int> covered;
  for (const auto& id : ids) {
    auto ps = ColumnsWithKey(t, id.target);
    auto as = ColumnsWithKey(t, id.numerator), bs = ColumnsWithKey(t, id.denominator);
    if (ps.empty() || as.empty() || bs.empty()) continue;
    bool unique = ps.size() == 1 && as.size() == 1 && bs.size() == 1;
    for (int p : ps) {
      // A key shared by several columns (执行率 and 占比 both read as rate) does not say which
      // column the rule means: it applies where it holds.
      RatioFit fit =
          unique ? FitRatio(view, {id.name, 0, p, as[0], bs[0], id.scale}) : BestPair(view, p, as, bs, id.name);
      if (!unique && fit.checks.empty()) continue;
      covered.push_back(p);
      out->insert(out->end(), fit.checks.begin(), fit.checks.end());
    }
  }
  return covered;
}

void AddInferredRatios(const TableView& view, const std::vector<int>& covered, std::vector<Check>* out) {
  std::vector<int> amounts = AmountColumns(view);
  for (int p = 0; p < view.ncols; ++p) {
    if (!view.percent[p] || std::find(covered.begin(), covered.end(), p) != covered.end()) continue;
    RatioFit best = BestPair(view, p, amounts, amounts, "");
    RatioFit share = BestShare(view, p);
    if (share.tally.exact > best.tally.exact) best = std::move(share);
    out->insert(out->end(), best.checks.begin(), best.checks.end());
  }
}

}  // namespace budgetx::reconcile::internal
