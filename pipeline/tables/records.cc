// Records (one per amount) and the corrections the normaliser made to cells.
#include "pipeline/normalize/normalize.h"
#include "pipeline/tables/internal.h"
#include "pipeline/tables/tables.h"

namespace budgetx::tables {
namespace {

std::string NameOf(const Table& table) { return table.number.empty() ? table.title : table.number; }

}  // namespace

std::vector<Correction> NormalizerCorrections(const std::vector<Table>& tables) {
  std::vector<Correction> out;
  for (size_t t = 0; t < tables.size(); ++t) {
    const Table& table = tables[t];
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
        rec.row_code = row.code;
        rec.row_name = row.name;
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
