// Findings from the reconcile stage's checks: the sums that do not hold.
#include "pipeline/audit/internal.h"

namespace budgetx::audit {

void FromChecks(const Document& doc, std::vector<Finding>* out) {
  for (const auto& check : doc.checks) {
    if (check.result == CheckResult::kPass) continue;
    Finding f;
    f.rule = "check:" + check.kind;
    f.severity = check.result == CheckResult::kFail ? Severity::kError : Severity::kInfo;
    f.message = (check.result == CheckResult::kFail ? "does not add up: " : "adds up within rounding: ") +
                check.description;
    f.stated = check.stated;
    f.computed = check.computed;
    f.evidence.push_back(CellEvidence(doc, check.target));
    for (const auto& part : check.parts) f.evidence.push_back(CellEvidence(doc, part));
    out->push_back(std::move(f));
  }
}

}  // namespace budgetx::audit
