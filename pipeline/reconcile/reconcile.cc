// Reconcile: runs every kind of check over every table, then across tables.
#include "pipeline/reconcile/reconcile.h"

#include "pipeline/reconcile/internal.h"

namespace budgetx::reconcile {

void Reconcile(const Identities& identities, Document* doc) {
  using namespace internal;
  std::vector<TableView> views;
  for (int t = 0; t < static_cast<int>(doc->tables.size()); ++t) views.push_back(MakeView(doc->tables[t], t));
  // Checks are collected apart and appended at the end; the tables are only read.
  std::vector<Check> checks;
  for (const auto& view : views) {
    AddRollups(view, &checks);
    AddDifferences(view, &checks);
    std::vector<RowTree> trees = FindRowTrees(view);
    AddTotals(view, trees, &checks);
    AddRowHierarchy(view, trees, &checks);
    // Inference is a fallback: where the rules describe a table, guessing would only add noise.
    if (!AddDeclaredColumnIdentities(view, identities.columns, &checks)) AddInferredColumnIdentities(view, &checks);
    AddInferredRatios(view, AddDeclaredRatios(view, identities.ratios, &checks), &checks);
  }
  AddCrossTable(views, identities.cross_table, &checks);
  std::vector<Warning> warnings;
  AddNarrativeLinks(views, doc->facts, &checks, &warnings);
  doc->warnings.insert(doc->warnings.end(), warnings.begin(), warnings.end());
  doc->checks.insert(doc->checks.end(), checks.begin(), checks.end());
}

}  // namespace budgetx::reconcile
