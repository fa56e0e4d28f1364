// Empty tables and their notes: a table without amounts says why (本表无数据); one with amounts
// does not say it is empty.
#include <algorithm>
#include <set>

#include "pipeline/audit/internal.h"
#include "pipeline/normalize/normalize.h"

namespace budgetx::audit {
namespace {

// A table of amounts: a list (of units, of projects) is never empty of amounts.
bool HasAmountColumn(const Table& table) {
  return std::any_of(table.columns.begin(), table.columns.end(), [](const Column& c) { return c.amount; });
}

bool HoldsAmounts(const Table& table) {
  for (const auto& row : table.rows) {
    for (const auto& c : row.cells) {
      if (c.amount_fen) return true;
    }
  }
  return false;
}

// A cell of the table's rows that says the table is empty.
const Cell* NoteInRows(const rules::RuleSet& rules, const Table& table) {
  for (const auto& row : table.rows) {
    for (const auto& c : row.cells) {
      if (!c.text.empty() && rules::FirstMatch(rules.empty_table_notes, normalize::Compact(c.text))) return &c;
    }
  }
  return nullptr;
}

// A line that says the table is empty: on its pages, or anywhere for a note of the document.
const Line* NoteOnPages(const rules::RuleSet& rules, const Document& doc, const Table& table) {
  const std::set<int> pages(table.pages.begin(), table.pages.end());
  for (const auto& page : doc.pages) {
    const bool own = pages.count(page.number) > 0;
    for (const auto& line : page.lines) {
      const rules::Pattern* note = rules::FirstMatch(rules.empty_table_notes, normalize::Compact(LineText(line)));
      if (note && (own || note->attrs.at("scope") == "document")) return &line;
    }
  }
  return nullptr;
}

}  // namespace

void EmptyTables(const rules::RuleSet& rules, const Document& doc, std::vector<Finding>* out) {
  if (rules.empty_table_notes.empty()) return;
  for (int t = 0; t < static_cast<int>(doc.tables.size()); ++t) {
    const Table& table = doc.tables[t];
    if (!HasAmountColumn(table)) continue;
    const bool amounts = HoldsAmounts(table);
    if (amounts && !NoteInRows(rules, table)) continue;
    if (!amounts && (NoteInRows(rules, table) || NoteOnPages(rules, doc, table))) continue;
    Finding f;
    f.rule = amounts ? "empty_table:note_on_filled" : "empty_table:no_note";
    f.severity = Severity::kWarning;
    f.message = amounts ? "'" + TableName(table) + "' holds amounts but says it is empty"
                        : "'" + TableName(table) + "' holds no amounts and no note says why (本表无数据…)";
    f.evidence.push_back(TableEvidence(doc, t));
    out->push_back(std::move(f));
  }
}

}  // namespace budgetx::audit
