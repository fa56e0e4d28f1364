// Findings from the reconcile stage's checks: the sums that do not hold, and amounts the text
// states in the wrong unit.
#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <tuple>

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

std::tuple<int, int, int> Cell(const CellRef& ref) { return {ref.table, ref.row, ref.column}; }

// Several sums may fail on one printed total: the rules' line identity and the inferred total of
// every row below (a broken 合计 hides the structure the inference needs). The one that misses
// by least is the fault to report; the others are that fault seen through a wrong grouping.
std::set<const Check*> Closest(const std::vector<Check>& checks) {
  std::map<std::tuple<int, int, int>, const Check*> best;
  for (const auto& check : checks) {
    // A narrative check states the text's amount, not the cell's: each sentence is a finding.
    if (check.result != CheckResult::kFail || check.kind == "narrative") continue;
    auto [it, added] = best.emplace(Cell(check.target), &check);
    auto miss = [](const Check* c) { return Subtract(c->stated, c->computed).value_or(Decimal{INT64_MAX, 0}); };
    if (!added && Compare(Abs(miss(&check)), Abs(miss(it->second))) < 0) it->second = &check;
  }
  std::set<const Check*> kept;
  for (const auto& [cell, check] : best) kept.insert(check);
  return kept;
}

}  // namespace

void FromChecks(const Document& doc, std::vector<Finding>* out) {
  const std::set<const Check*> closest = Closest(doc.checks);
  for (const auto& check : doc.checks) {
    if (check.result == CheckResult::kPass) continue;
    if (check.result == CheckResult::kFail && check.kind != "narrative" && !closest.count(&check)) continue;
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
    // A sum of cells OCR read may fail on a misreading (a faint minus sign lost) that the accounts
    // repair could not settle: a person must look at the page before it is the disclosure's fault.
    bool read_by_ocr = std::any_of(f.evidence.begin(), f.evidence.end(),
                                   [](const Evidence& e) { return e.where.confidence.has_value(); });
    if (f.severity == Severity::kError && read_by_ocr) {
      f.severity = Severity::kWarning;
      f.message += " (cells read by OCR: a misreading looks the same; see the page)";
    }
    out->push_back(std::move(f));
  }
}

}  // namespace budgetx::audit
