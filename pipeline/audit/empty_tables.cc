// Empty tables and their notes: a table without amounts says why (本表无数据); one with amounts
// does not say it is empty.
#include <algorithm>

#include "pipeline/audit/internal.h"
#include "pipeline/normalize/normalize.h"

namespace budgetx::audit {
namespace {

// A table of amounts: a list (of units, of projects) is never empty of amounts.
bool HasAmountColumn(const Table& table) {
  return std::any_of(table.columns.begin(), table.columns.end(), [](const Column& c) { return c.amount; });
}

// The columns numbered under a header (** | 1 | 2 | 3 …, 栏次 | 1 | 2), which an empty table prints
// too: whole numbers counting from 1, beside no label but stars or 栏次.
bool ColumnNumbers(const Row& row) {
  int64_t next = 1;
  for (const auto& c : row.cells) {
    if (c.kind == ValueKind::kText && c.text.find_first_not_of('*') != std::string::npos && c.text != "栏次" &&
        c.text != "行次") {
      return false;
    }
    if (!c.number) continue;
    if (c.number->scale != 0 || c.number->units != next || c.text.find(',') != std::string::npos) return false;
    ++next;
  }
  return next > 1;
}

// A table of zeros (合计 0.00) holds nothing: 广州 prints its empty tables so, with their note.
bool HoldsAmounts(const Table& table) {
  for (const auto& row : table.rows) {
    if (ColumnNumbers(row)) continue;
    for (const auto& c : row.cells) {
      if (c.amount_fen && *c.amount_fen != 0) return true;
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

// Whether `a` is printed before `b`: by page, then by source line (a text dump) or by height.
bool Before(const Provenance& a, const Provenance& b) {
  if (a.page != b.page) return a.page < b.page;
  if (a.line > 0 && b.line > 0) return a.line < b.line;
  return a.box && b.box && a.box->y0 < b.box->y0;
}

// The table a note printed at `where` is about: the last whose title comes before it.
int TableAbove(const Document& doc, const Provenance& where) {
  int above = -1;
  for (int t = 0; t < static_cast<int>(doc.tables.size()); ++t) {
    const Provenance& title = doc.tables[t].where;
    if (Before(title, where) && (above < 0 || Before(doc.tables[above].where, title))) above = t;
  }
  return above;
}

// The tables a note says are empty: per table, whether a note is printed under it; and whether
// a note of the document covers every table.
struct Notes {
  std::vector<bool> under;
  bool document = false;
};

Notes NotesOf(const rules::RuleSet& rules, const Document& doc) {
  Notes notes{std::vector<bool>(doc.tables.size(), false), false};
  for (const auto& page : doc.pages) {
    for (const auto& line : page.lines) {
      const rules::Pattern* note = rules::FirstMatch(rules.empty_table_notes, normalize::Compact(LineText(line)));
      if (!note) continue;
      if (note->attrs.at("scope") == "document") {
        notes.document = true;
      } else if (int t = TableAbove(doc, line.where); t >= 0) {
        notes.under[t] = true;
      }
    }
  }
  return notes;
}

}  // namespace

void EmptyTables(const rules::RuleSet& rules, const Document& doc, std::vector<Finding>* out) {
  if (rules.empty_table_notes.empty()) return;
  const Notes notes = NotesOf(rules, doc);
  for (int t = 0; t < static_cast<int>(doc.tables.size()); ++t) {
    const Table& table = doc.tables[t];
    if (!HasAmountColumn(table)) continue;
    const bool amounts = HoldsAmounts(table);
    const bool own_note = notes.under[t] || NoteInRows(rules, table);
    if (amounts && !own_note) continue;
    if (!amounts && (own_note || notes.document)) continue;
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
