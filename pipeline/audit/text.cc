// Findings in the text: placeholders a template left unfilled, years that are not the report's.
#include <re2/re2.h>

#include <cstdlib>
#include <string>

#include "pipeline/audit/internal.h"

namespace budgetx::audit {
namespace {

// The report's year and the year before it: what a budget or a final account speaks of.
bool ReportYear(int year, int report) { return year == report || year == report - 1; }

// The first year the rule finds in `text` that the report does not speak of; 0 when none.
int StrayYear(const rules::Pattern& rule, const std::string& text, int report) {
  re2::StringPiece input(text);
  std::string year;
  while (RE2::FindAndConsume(&input, *rule.re, &year)) {
    int y = std::atoi(year.c_str());
    if (y > 0 && !ReportYear(y, report)) return y;
  }
  return 0;
}

Finding StrayYearFinding(const rules::Pattern& rule, int year, int report, const std::string& where, Evidence e) {
  Finding f;
  f.rule = "stray_year:" + rule.name;
  f.severity = Severity::kWarning;
  f.message = where + " states " + std::to_string(year) + ", neither the report's year (" + std::to_string(report) +
              ") nor the year before: '" + e.text + "'";
  f.evidence.push_back(std::move(e));
  return f;
}

}  // namespace

void Placeholders(const rules::RuleSet& rules, const Document& doc, std::vector<Finding>* out) {
  for (const auto& page : doc.pages) {
    for (const auto& line : page.lines) {
      const std::string text = LineText(line);
      const rules::Pattern* p = rules::FirstMatch(rules.placeholders, text);
      if (!p) continue;
      Finding f;
      f.rule = "placeholder:" + p->name;
      f.severity = Severity::kWarning;
      f.message = "text a template left unfilled on page " + std::to_string(line.where.page) + ": '" + text + "'";
      f.evidence.push_back(LineEvidence(line));
      out->push_back(std::move(f));
    }
  }
}

void StrayYears(const rules::RuleSet& rules, const Document& doc, std::vector<Finding>* out) {
  const int report = doc.info.year;
  if (report <= 0) return;
  for (const auto& rule : rules.stray_years) {
    if (rule.attrs.at("in") == "titles") {
      for (int t = 0; t < static_cast<int>(doc.tables.size()); ++t) {
        const std::string name = TableName(doc.tables[t]);
        if (int y = StrayYear(rule, name, report)) {
          out->push_back(StrayYearFinding(rule, y, report, "the title of a table", TableEvidence(doc, t)));
        }
      }
      continue;
    }
    for (const auto& page : doc.pages) {
      for (const auto& line : page.lines) {
        if (int y = StrayYear(rule, LineText(line), report)) {
          out->push_back(StrayYearFinding(rule, y, report, "a line on page " + std::to_string(line.where.page),
                                          LineEvidence(line)));
        }
      }
    }
  }
}

}  // namespace budgetx::audit
