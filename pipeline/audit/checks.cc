// Findings from the reconcile stage's checks: the sums that do not hold, and amounts the text
// states in the wrong unit.
#include "pipeline/audit/internal.h"
#include "pipeline/model/decimal.h"

namespace budgetx::audit {
namespace {

constexpr int64_t kWan = 10000;  // 万: a 万元 amount read as 元, or the other way round

// How the table's amount compares to the one the text states when they differ by a factor of
// 10,000 at the text's printed digits (0.3万元 stated for 2,961.68万元); empty otherwise.
std::string WrongUnit(const Check& check) {
  if (check.kind != "narrative" || check.result != CheckResult::kFail || check.stated.units == 0) return "";
  const int digits = check.stated.scale;
  auto smaller = DivideRounded(check.computed, Decimal{kWan, 0}, 1, digits);
  if (smaller && Compare(*smaller, check.stated) == 0) return "10,000 times what the text states";
  auto larger = DivideRounded(check.computed, Decimal{1, 0}, kWan, digits);
  if (larger && Compare(*larger, check.stated) == 0) return "a 10,000th of what the text states";
  return "";
}

}  // namespace

void FromChecks(const Document& doc, std::vector<Finding>* out) {
  for (const auto& check : doc.checks) {
    if (check.result == CheckResult::kPass) continue;
    Finding f;
    f.rule = "check:" + check.kind;
    f.severity = check.result == CheckResult::kFail ? Severity::kError : Severity::kInfo;
    f.message = (check.result == CheckResult::kFail ? "does not add up: " : "adds up within rounding: ") +
                check.description;
    if (std::string factor = WrongUnit(check); !factor.empty()) {
      f.rule = "unit_mislabel";
      f.message = "an amount stated in the wrong unit: the table gives " + factor + ": " + check.description;
    }
    f.stated = check.stated;
    f.computed = check.computed;
    f.evidence.push_back(CellEvidence(doc, check.target));
    for (const auto& part : check.parts) f.evidence.push_back(CellEvidence(doc, part));
    out->push_back(std::move(f));
  }
}

}  // namespace budgetx::audit
