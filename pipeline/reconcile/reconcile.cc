// Reconcile: runs every kind of check over every table, then across tables.
#include "pipeline/reconcile/reconcile.h"

#include "pipeline/reconcile/internal.h"

namespace budgetx::reconcile {

Reconciliation Reconcile(const Identities& identities, const std::vector<Table>& tables,
                         const std::vector<NarrativeFact>& facts) {
  using namespace internal;
  std::vector<TableView> views;
  for (int t = 0; t < static_cast<int>(tables.size()); ++t) views.push_back(MakeView(tables[t], t));
  Reconciliation out;
  std::vector<Check>& checks = out.checks;
  for (const auto& view : views) {
    AddRollups(view, &checks);
    AddDifferences(view, &checks);
    std::vector<RowTree> trees = FindRowTrees(view);
    AddTotals(view, trees, &checks);
    AddRowHierarchy(view, trees, &checks);
    // Inference is a fallback: where the rules describe a table, guessing would only add noise.
    if (!AddDeclaredColumnIdentities(view, identities.columns, &checks)) AddInferredColumnIdentities(view, &checks);
    AddLineIdentities(view, identities.lines, &checks);
    AddInferredRatios(view, AddDeclaredRatios(view, identities.ratios, &checks), &checks);
  }
  AddCrossTable(views, identities.cross_table, &checks);
  AddNarrativeLinks(views, facts, identities.narrative_links, &out);
  return out;
}

}  // namespace budgetx::reconcile
