// Records (one per amount) and the corrections the normaliser made to cells.
#include <algorithm>

#include "pipeline/normalize/normalize.h"
#include "pipeline/tables/internal.h"
#include "pipeline/tables/tables.h"

namespace budgetx::tables {
namespace {

std::string NameOf(const Table& table) { return table.number.empty() ? table.title : table.number; }

struct Label {
  std::string code, name;
};

// The code and name an amount in column `col` of `row` is recorded under. Each half of a
// two-sided table names its own amounts: its code cell and its first text (the 支出 half of a
// 收支总表 takes the code borrowed for it); in a one-sided table, the row's code and name.
Label LabelOf(const Table& table, const Row& row, size_t col) {
  const auto& starts = table.side_starts;
  auto next = std::upper_bound(starts.begin(), starts.end(), static_cast<int>(col));
  if (next == starts.begin()) return {static_cast<int>(col) >= row.code_column ? row.code : "", row.name};
  size_t from = *(next - 1), to = next == starts.end() ? row.cells.size() : *next;
  to = std::min(to, row.cells.size());
  int first_text = -1;
  for (size_t c = 0; c < row.cells.size() && first_text < 0; ++c) {
    if (row.cells[c].kind == ValueKind::kText) first_text = static_cast<int>(c);
  }
  Label label;
  bool own_code = row.code_column >= static_cast<int>(from) && row.code_column < static_cast<int>(to);
  for (size_t c = from; c < to; ++c) {
    const Cell& cell = row.cells[c];
    if (cell.kind == ValueKind::kCode && label.code.empty()) label.code = cell.text;
    if (cell.kind == ValueKind::kText && label.name.empty()) label.name = static_cast<int>(c) == first_text ? row.name : cell.text;
  }
  if (label.code.empty() && own_code) label.code = row.code;
  if (label.name.empty()) label.name = row.name;
  return label;
}

}  // namespace

std::vector<Correction> NormalizerCorrections(const std::vector<Table>& tables) {
  std::vector<Correction> out;
  for (size_t t = 0; t < tables.size(); ++t) {
    const Table& table = tables[t];
    if (!table.title_repair.empty()) {
      out.push_back({table.title_repair, table.title_raw, table.title, table.where, NameOf(table), static_cast<int>(t)});
    }
    for (size_t r = 0; r < table.rows.size(); ++r) {
      for (size_t c = 0; c < table.rows[r].cells.size(); ++c) {
        const Cell& cell = table.rows[r].cells[c];
        auto at = [&](std::string kind) {
          return Correction{std::move(kind), cell.raw, cell.text, cell.where, NameOf(table), static_cast<int>(t),
                            static_cast<int>(r), static_cast<int>(c)};
        };
        // Only a cell whose text differs from what was read can have been changed; the others
        // need not be normalised a second time.
        auto normalized = cell.raw == cell.text ? normalize::NormalizedText{} : normalize::NormalizeText(cell.raw);
        for (const auto& kind : normalized.changes) out.push_back(at(kind));
        if (!cell.repair.empty()) out.push_back(at(cell.repair));
      }
    }
  }
  return out;
}

std::vector<Record> Records(const std::vector<Table>& tables) {
  std::vector<Record> out;
  for (size_t t = 0; t < tables.size(); ++t) {
    const Table& table = tables[t];
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const Row& row = table.rows[r];
      for (size_t c = 0; c < row.cells.size(); ++c) {
        const Cell& cell = row.cells[c];
        if (!cell.amount_fen) continue;
        Record rec;
        rec.table = NameOf(table);
        rec.table_index = static_cast<int>(t);
        Label label = LabelOf(table, row, c);
        rec.row_code = std::move(label.code);
        rec.row_name = std::move(label.name);
        rec.column = c < table.columns.size() ? table.columns[c].key : "col_" + std::to_string(c + 1);
        rec.amount_fen = *cell.amount_fen;
        rec.row = static_cast<int>(r);
        rec.column_index = static_cast<int>(c);
        rec.where = cell.where;
        out.push_back(std::move(rec));
      }
    }
  }
  return out;
}

}  // namespace budgetx::tables
