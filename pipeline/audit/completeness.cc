// Completeness: the tables a document's template prints, found, missing, renamed or extra.
#include <re2/re2.h>

#include "pipeline/audit/internal.h"
#include "pipeline/normalize/normalize.h"

namespace budgetx::audit {
namespace {

// How a document's tables fit a template: for each of its tables, the document's table that
// prints it (-1: none).
struct Fit {
  const rules::Template* tmpl = nullptr;
  std::vector<int> printed_as;
  int found = 0;
};

// A title as templates read it: without its number, the issuer and the noise the rules list
// (years, numbers printed in the title).
std::string TemplateTitle(const rules::RuleSet& rules, const Document& doc, const std::string& text,
                          const std::string& number = "") {
  std::string title = normalize::Compact(text);
  const std::string printed_number = normalize::Compact(number);
  if (!printed_number.empty() && title.starts_with(printed_number)) title.erase(0, printed_number.size());
  const std::string issuer = normalize::Compact(doc.info.issuer);
  for (size_t at; !issuer.empty() && (at = title.find(issuer)) != std::string::npos;) title.erase(at, issuer.size());
  for (const auto& noise : rules.template_title_noise) RE2::GlobalReplace(&title, *noise.re, "");
  return title;
}

std::string Heading(const rules::RuleSet& rules, const Document& doc, const Table& table) {
  return TemplateTitle(rules, doc, table.title, table.number);
}

// `headings`: the document's tables' titles as templates read them.
Fit FitOf(const rules::Template& tmpl, const std::vector<std::string>& headings) {
  Fit fit{&tmpl, std::vector<int>(tmpl.tables.size(), -1), 0};
  std::vector<bool> used(headings.size(), false);
  for (size_t i = 0; i < tmpl.tables.size(); ++i) {
    for (size_t j = 0; j < headings.size(); ++j) {
      if (used[j] || !RE2::PartialMatch(headings[j], *tmpl.tables[i].match.re)) continue;
      used[j] = true;
      fit.printed_as[i] = static_cast<int>(j);
      ++fit.found;
      break;
    }
  }
  return fit;
}

// The template of the document's kind its tables fit best (the first of equals); none when no
// template is for its kind.
std::optional<Fit> BestFit(const rules::RuleSet& rules, const Document& doc) {
  std::vector<std::string> headings;
  for (const auto& table : doc.tables) headings.push_back(Heading(rules, doc, table));
  std::optional<Fit> best;
  for (const auto& tmpl : rules.templates) {
    if (!RE2::PartialMatch(doc.info.kind, *tmpl.kinds.re)) continue;
    Fit fit = FitOf(tmpl, headings);
    if (!best || fit.found > best->found) best = std::move(fit);
  }
  return best;
}

// A title's words without its punctuation: （一级项目） and (一级项目), “三公” and "三公" name alike.
std::string Words(const std::string& title) {
  static const RE2 kPunctuation(R"([[:punct:]（）“”‘’《》〈〉【】、，。：；！？\s])");
  std::string words = title;
  RE2::GlobalReplace(&words, kPunctuation, "");
  return words;
}

// A template the document prints at least half the mandatory tables of is its template, and the
// rest are missing; with fewer, the document follows another template, unknown here.
bool FitsWell(const Fit& fit) {
  int mandatory = 0, found = 0;
  for (size_t i = 0; i < fit.tmpl->tables.size(); ++i) {
    if (!fit.tmpl->tables[i].mandatory) continue;
    ++mandatory;
    found += fit.printed_as[i] >= 0;
  }
  return found > 0 && 2 * found >= mandatory;
}

// A line, not of a table of contents, that prints the template table's title: the table is
// there but was not read as one.
const Line* PrintedTitle(const rules::RuleSet& rules, const Document& doc, const rules::TemplateTable& table) {
  for (const auto& page : doc.pages) {
    for (const auto& line : page.lines) {
      const std::string text = LineText(line);
      if (RE2::PartialMatch(TemplateTitle(rules, doc, text), *table.match.re) &&
          !rules::FirstMatch(rules.contents_lines, normalize::Compact(text))) {
        return &line;
      }
    }
  }
  return nullptr;
}

Finding Missing(const rules::RuleSet& rules, const Document& doc, const Fit& fit, const rules::TemplateTable& table) {
  Finding f;
  f.rule = "completeness:" + fit.tmpl->kinds.name;
  if (const Line* title = PrintedTitle(rules, doc, table)) {
    f.severity = Severity::kWarning;
    f.message = "'" + table.name + "' of " + fit.tmpl->kinds.name + " is titled on page " +
                std::to_string(title->where.page) + " but no table was read under it";
    f.evidence.push_back(LineEvidence(*title));
    return f;
  }
  f.severity = Severity::kError;
  f.message = "missing: '" + table.name + "', a mandatory table of " + fit.tmpl->kinds.name;
  return f;
}

Finding Listed(const Document& doc, const Fit& fit, int table, const std::string& message) {
  Finding f;
  f.rule = "completeness:" + fit.tmpl->kinds.name;
  f.severity = Severity::kInfo;
  f.message = message;
  f.evidence.push_back(TableEvidence(doc, table));
  return f;
}

}  // namespace

void Completeness(const rules::RuleSet& rules, const Document& doc, std::vector<Finding>* out) {
  std::optional<Fit> fit = BestFit(rules, doc);
  if (!fit) return;
  if (!FitsWell(*fit)) {
    Finding f;
    f.rule = "completeness";
    f.severity = Severity::kInfo;
    f.message = doc.tables.empty() ? "no tables in this document: a " + doc.info.kind +
                                         " published without its tables, or with them elsewhere"
                                   : "its tables follow no template for a " + doc.info.kind + " (the nearest, " +
                                         fit->tmpl->kinds.name + ", has " + std::to_string(fit->found) + " of them)";
    out->push_back(std::move(f));
    return;
  }
  std::vector<bool> listed(doc.tables.size(), false);
  for (size_t i = 0; i < fit->tmpl->tables.size(); ++i) {
    const rules::TemplateTable& table = fit->tmpl->tables[i];
    const int printed = fit->printed_as[i];
    if (printed < 0) {
      if (table.mandatory) out->push_back(Missing(rules, doc, *fit, table));
      continue;
    }
    listed[printed] = true;
    if (Words(Heading(rules, doc, doc.tables[printed])) != Words(table.name)) {
      out->push_back(Listed(doc, *fit, printed, "'" + table.name + "' printed as '" + TableName(doc.tables[printed]) + "'"));
    }
  }
  for (size_t j = 0; j < doc.tables.size(); ++j) {
    if (listed[j]) continue;
    out->push_back(Listed(doc, *fit, static_cast<int>(j),
                          "a table " + fit->tmpl->kinds.name + " does not list: '" + TableName(doc.tables[j]) + "'"));
  }
}

}  // namespace budgetx::audit
