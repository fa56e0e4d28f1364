// Stage: repair — OCR misreadings corrected by the accounts.
//
// Input:  a reconciled Document (tables, checks) whose cells read by OCR carry a confidence, the
//         RuleSet (ocr_confusions: the characters OCR mistakes for one another, 3 ↔ 8, 1 ↔ 7 …)
//         and the identities to reconcile with.
// Output: where a check fails and a cell in it was read with less confidence than
//         `below`, each single-character alternative the confusion rules allow is tried; the
//         first that makes every check the cell takes part in hold (pass or within rounding) is
//         kept: the cell's text, value, amount and record change, and a Correction names the text
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

// Returns the number of cells repaired.
int RepairFromAccounts(const rules::RuleSet& rules, const reconcile::Identities& identities, double below,
                       Document* doc);

}  // namespace budgetx::repair
