// Stage: repair — OCR misreadings corrected by the accounts.
//
// Input:  reconciled tables (their checks, and the text's facts they were reconciled with) whose
//         cells read by OCR carry a confidence, and the RuleSet (ocr_confusions: the characters OCR
//         mistakes for one another, 3 ↔ 8, 1 ↔ 7 …; identities, to reconcile with).
// Output: where a check fails and a cell in it was read with less confidence than
//         `below`, each single-character alternative the confusion rules allow is tried; the
//         first that makes every check the cell takes part in hold (pass or within rounding) is
//         kept: the cell's text, value and amount change, and a Correction names the text
//         as read, the alternative, the confusion rule and the identities that decided it. Checks
//         are then reconciled again. A cell no alternative balances stays as read, its checks
//         failing: a balance is never forced.
// Errors: none.
// Thread-safety: pure function of its inputs.
#pragma once

#include "pipeline/model/model.h"
#include "pipeline/reconcile/reconcile.h"
#include "pipeline/rules/rules.h"

namespace budgetx::repair {

struct Repaired {
  std::vector<Table> tables;                  // as given, with the repaired cells changed
  reconcile::Reconciliation reconciliation;   // the checks of these tables
  std::vector<Correction> corrections;        // one per repaired cell
};

// `checked` is the reconciliation of `tables` with `facts`; rules.identities are reconciled again
// for each alternative tried.
Repaired RepairFromAccounts(const rules::RuleSet& rules, double below, std::vector<Table> tables,
                            const std::vector<NarrativeFact>& facts, reconcile::Reconciliation checked);

}  // namespace budgetx::repair
