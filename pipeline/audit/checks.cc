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

// Tables where many sums fail: a disclosure's faults are few (on 164 real disclosures, at most
// 3 of a table's 24 sums), so a table where several sums and more than a fifth of them break is
// more likely read wrong (wrapped names interleaved with codes in a text dump) than printed wrong.
constexpr int kDoubtfulFailures = 3;
constexpr int kDoubtfulShare = 5;  // failed × 5 > all: more than a fifth

std::set<int> DoubtfulTables(const std::vector<Check>& checks) {
  std::map<int, std::pair<int, int>> counts;  // table → (failed, held)
  for (const auto& check : checks) {
    if (check.kind == "narrative") continue;
    auto& [failed, held] = counts[check.target.table];
    (check.result == CheckResult::kFail ? failed : held) += 1;
  }
  std::set<int> doubtful;
  for (const auto& [table, count] : counts) {
    auto [failed, held] = count;
    if (failed >= kDoubtfulFailures && failed * kDoubtfulShare > failed + held) doubtful.insert(table);
  }
  return doubtful;
}

// Why a failed sum may not be the disclosure's fault, so that a person looks at the page first;
// empty when nothing casts doubt on it.
std::string Doubt(const Check& check, const std::vector<Evidence>& evidence, const std::set<int>& doubtful) {
  // OCR may have misread a cell (a faint minus sign lost) in a way the accounts repair could not settle.
  bool read_by_ocr = std::any_of(evidence.begin(), evidence.end(),
                                 [](const Evidence& e) { return e.where.confidence.has_value(); });
  if (read_by_ocr) return "cells read by OCR: a misreading looks the same; see the page";
  if (check.kind != "narrative" && doubtful.count(check.target.table)) {
    return "many sums of this table fail: its reading may be wrong; see the page";
  }
  return "";
}

Finding FromCheck(const Document& doc, const Check& check) {
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
  return f;
}

}  // namespace

void FromChecks(const Document& doc, std::vector<Finding>* out) {
  const std::set<const Check*> closest = Closest(doc.checks);
  const std::set<int> doubtful = DoubtfulTables(doc.checks);
  for (const auto& check : doc.checks) {
    if (check.result == CheckResult::kPass) continue;
    if (check.result == CheckResult::kFail && check.kind != "narrative" && !closest.count(&check)) continue;
    Finding f = FromCheck(doc, check);
    if (std::string doubt = Doubt(check, f.evidence, doubtful); f.severity == Severity::kError && !doubt.empty()) {
      f.severity = Severity::kWarning;
      f.message += " (" + doubt + ")";
    }
    out->push_back(std::move(f));
  }
  // The text may break one item down by another's names, so a text amount its row contradicts is
  // a warning; but one off by exactly 10,000 is stated in the wrong unit.
  for (const auto& check : doc.disagreements) {
    Finding f = FromCheck(doc, check);
    if (f.rule == "check:narrative") {
      f.severity = Severity::kWarning;
      f.message = "the text and its table disagree: " + check.description;
    }
    out->push_back(std::move(f));
  }
}

}  // namespace budgetx::audit
