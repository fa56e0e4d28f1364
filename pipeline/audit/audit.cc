#include "pipeline/audit/audit.h"

#include "pipeline/audit/internal.h"

namespace budgetx::audit {

std::vector<Finding> Audit(const rules::RuleSet& rules, const Document& doc) {
  std::vector<Finding> out;
  FromChecks(doc, &out);
  Completeness(rules, doc, &out);
  EmptyTables(rules, doc, &out);
  Placeholders(rules, doc, &out);
  StrayYears(rules, doc, &out);
  CodeNames(rules, doc, &out);
  Comparisons(rules, doc, &out);
  return out;
}

Evidence CellEvidence(const Document& doc, const CellRef& ref) {
  Evidence e;
  e.kind = "cell";
  e.cell = ref;
  e.table = ref.table;
  const auto& tables = doc.tables;
  if (ref.table < 0 || ref.table >= static_cast<int>(tables.size())) return e;
  const Table& t = tables[ref.table];
  if (ref.row < 0 || ref.row >= static_cast<int>(t.rows.size())) return e;
  const auto& cells = t.rows[ref.row].cells;
  if (ref.column < 0 || ref.column >= static_cast<int>(cells.size())) return e;
  const Cell& c = cells[ref.column];
  e.text = c.raw.empty() ? c.text : c.raw;
  e.value = c.number;
  if (c.number) e.unit = t.unit;
  e.where = c.where;
  return e;
}

Evidence TableEvidence(const Document& doc, int table) {
  Evidence e;
  e.kind = "table";
  e.table = table;
  e.text = TableName(doc.tables[table]);
  e.where = doc.tables[table].where;
  return e;
}

Evidence LineEvidence(const Line& line) {
  Evidence e;
  e.kind = "text";
  e.text = LineText(line);
  e.where = line.where;
  return e;
}

std::string LineText(const Line& line) {
  std::string text;
  for (const auto& s : line.spans) text += (text.empty() ? "" : " ") + s.text;
  return text;
}

std::string TableName(const Table& table) {
  return table.number.empty() ? table.title : table.number + " " + table.title;
}

}  // namespace budgetx::audit
