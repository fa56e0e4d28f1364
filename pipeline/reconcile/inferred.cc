// Inferred column identities, for tables the rules do not describe: a run of amount columns
// c, c+1 … e where col c = Σ cols c+1..e holds on most rows (合计 = 一般公共预算 + 政府性基金).
#include "pipeline/reconcile/internal.h"

namespace budgetx::reconcile::internal {
namespace {

std::vector<int> Range(int from, int to) {
  std::vector<int> cols;
  for (int c = from; c <= to; ++c) cols.push_back(c);
  return cols;
}

// 1-based column numbers, as in the col_N keys of unnamed columns.
std::string RuleName(int c, int e) {
  return "inferred: col " + std::to_string(c + 1) + " = Σ col " + std::to_string(c + 2) + ".." + std::to_string(e + 1);
}

std::vector<Check> GroupChecks(const TableView& view, int c, int e) {
  std::vector<Check> checks;
  for (int r = 0; r < static_cast<int>(view.table->rows.size()); ++r) {
    if (auto check = EvaluateSum(*view.table, RowSum(view, r, RuleName(c, e), c, Range(c + 1, e), {}))) {
      checks.push_back(*check);
    }
  }
  return checks;
}

bool Convincing(const std::vector<Check>& checks) {
  Tally tally;
  for (const auto& check : checks) tally.Add(check);
  return tally.Convincing();
}

// Last column of the run of amount columns starting at c.
int RunEnd(const TableView& view, int c) {
  int e = c;
  while (e + 1 < view.ncols && view.amount[e + 1]) ++e;
  return e;
}

}  // namespace

void AddInferredColumnIdentities(const TableView& view, std::vector<Check>* out) {
  // Each column is tried once as a target, with the widest group first: a total column is the
  // sum of all the columns right of it more often than of a prefix of them.
  for (int c = 0; c < view.ncols; ++c) {
    if (!view.amount[c]) continue;
    for (int e = RunEnd(view, c); e >= c + 2; --e) {
      std::vector<Check> checks = GroupChecks(view, c, e);
      if (!Convincing(checks)) continue;
      out->insert(out->end(), checks.begin(), checks.end());
      break;
    }
  }
}

}  // namespace budgetx::reconcile::internal
