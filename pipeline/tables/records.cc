// Records (one per amount) and the corrections the normaliser made to cells.
#include "pipeline/normalize/normalize.h"
#include "pipeline/tables/internal.h"

namespace budgetx::tables {

void CollectRecordsAndCorrections(Document* doc) {
  for (size_t t = 0; t < doc->tables.size(); ++t) {
    const Table& table = doc->tables[t];
    std::string name = table.number.empty() ? table.title : table.number;
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const Row& row = table.rows[r];
      for (size_t c = 0; c < row.cells.size(); ++c) {
        const Cell& cell = row.cells[c];
        // Only a cell whose text differs from what was read can have been changed; the others
        // need not be normalised a second time.
        auto normalized = cell.raw == cell.text ? normalize::NormalizedText{} : normalize::NormalizeText(cell.raw);
        for (const auto& kind : normalized.changes) {
          doc->corrections.push_back({kind, cell.raw, cell.text, cell.where, name, static_cast<int>(t),
                                      static_cast<int>(r), static_cast<int>(c)});
        }
        if (!cell.repair.empty()) {
          doc->corrections.push_back({"ocr_repair:" + cell.repair, cell.raw, cell.text, cell.where, name,
                                      static_cast<int>(t), static_cast<int>(r), static_cast<int>(c)});
        }
        if (!cell.amount_fen) continue;
        Record rec;
        rec.table = name;
        rec.table_index = static_cast<int>(t);
        rec.row_code = row.code;
        rec.row_name = row.name;
        rec.column = c < table.columns.size() ? table.columns[c].key : "col_" + std::to_string(c + 1);
        rec.amount_fen = *cell.amount_fen;
        rec.row = static_cast<int>(r);
        rec.column_index = static_cast<int>(c);
        rec.where = cell.where;
        doc->records.push_back(std::move(rec));
      }
    }
  }
}

}  // namespace budgetx::tables
