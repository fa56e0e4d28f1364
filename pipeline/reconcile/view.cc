// Reading a table's cells, columns and labels for the checks.
#include <algorithm>

#include "pipeline/reconcile/internal.h"

namespace budgetx::reconcile::internal {
namespace {

struct KindCounts {
  int filled = 0, amounts = 0, percents = 0, texts = 0;
};

KindCounts CountKinds(const Table& table, int col) {
  KindCounts n;
  for (int r = 0; r < static_cast<int>(table.rows.size()); ++r) {
    const Cell* cell = CellAt(table, r, col);
    if (!cell || cell->kind == ValueKind::kEmpty) continue;
    ++n.filled;
    n.amounts += cell->kind == ValueKind::kAmount || cell->kind == ValueKind::kDash;
    n.percents += cell->kind == ValueKind::kPercent;
    n.texts += cell->kind == ValueKind::kText;
  }
  return n;
}

void AddSides(TableView* view) {
  for (int c = 0; c < view->ncols; ++c) {
    if (!view->amount[c]) continue;
    bool same = !view->sides.empty() && view->label_col[view->sides.back().front()] == view->label_col[c];
    if (same) {
      view->sides.back().push_back(c);
    } else {
      view->sides.push_back({c});
    }
  }
}

}  // namespace

TableView MakeView(const Table& table, int index) {
  TableView view;
  view.table = &table;
  view.index = index;
  view.ncols = static_cast<int>(table.columns.size());
  for (const auto& row : table.rows) view.ncols = std::max(view.ncols, static_cast<int>(row.cells.size()));
  view.name = !table.number.empty() ? table.number : !table.title.empty() ? table.title : "table " + std::to_string(index + 1);
  int last_text = -1;
  bool previous_text = false;
  for (int c = 0; c < view.ncols; ++c) {
    KindCounts n = CountKinds(table, c);
    bool declared = c < static_cast<int>(table.columns.size()) && table.columns[c].amount;
    bool percent = n.filled > 0 && n.percents * 2 > n.filled;
    view.percent.push_back(percent);
    bool text = n.filled > 0 && n.texts * 2 > n.filled;
    // A header rule can misfire on a column of labels; the cells have the last word.
    view.amount.push_back(!percent && !text && (declared || (n.filled > 0 && n.amounts * 2 > n.filled)));
    view.label_col.push_back(last_text);
    // A run of text columns (任务名称, 主要内容) is labelled by its first: the name, not the
    // description beside it.
    if (text && !previous_text) last_text = c;
    previous_text = text;
  }
  AddSides(&view);
  for (int r = 0; r < static_cast<int>(table.rows.size()); ++r) {
    bool shifted = false;
    for (int c = 0; c < view.ncols && !shifted; ++c) {
      const Cell* cell = CellAt(table, r, c);
      shifted = cell && cell->kind == ValueKind::kText && view.amount[c];
    }
    view.misaligned.push_back(shifted);
  }
  return view;
}

const Cell* CellAt(const Table& table, int row, int col) {
  if (row < 0 || row >= static_cast<int>(table.rows.size()) || col < 0) return nullptr;
  const auto& cells = table.rows[row].cells;
  return col < static_cast<int>(cells.size()) ? &cells[col] : nullptr;
}

std::optional<Decimal> SumValue(const Cell* cell) {
  if (!cell) return std::nullopt;
  if (cell->kind == ValueKind::kDash) return Decimal{0, 0};
  if (cell->kind != ValueKind::kAmount && cell->kind != ValueKind::kNumber) return std::nullopt;
  return cell->number;
}

std::optional<Decimal> PercentValue(const Cell* cell) {
  if (!cell || (cell->kind != ValueKind::kPercent && cell->kind != ValueKind::kNumber)) return std::nullopt;
  return cell->number;
}

int ColumnByKey(const Table& table, const std::string& key) {
  for (int c = 0; c < static_cast<int>(table.columns.size()); ++c) {
    if (table.columns[c].key == key) return c;
  }
  return -1;
}

std::string RowName(const Table& table, int row) {
  const Row& r = table.rows[row];
  if (r.code.empty() && r.name.empty()) return "#" + std::to_string(row + 1);
  if (r.code.empty()) return r.name;
  return r.name.empty() ? r.code : r.code + " " + r.name;
}

std::string RowRef(const Table& table, int row) {
  const Row& r = table.rows[row];
  if (!r.code.empty()) return RowName(table, row);
  return "#" + std::to_string(row + 1) + (r.name.empty() ? "" : " " + r.name);
}

std::string ColumnName(const Table& table, int col) {
  if (col >= static_cast<int>(table.columns.size())) return "col_" + std::to_string(col + 1);
  const Column& c = table.columns[col];
  return c.header.empty() ? c.key : c.header;
}

std::string LabelFor(const TableView& view, int row, int col) {
  const Table& t = *view.table;
  int k = col < view.ncols ? view.label_col[col] : -1;
  const Cell* label = CellAt(t, row, k);
  // The row's own name (with its code, where that applies to `col`) when the column's label is
  // the row's first text.
  if (k < 0 || (label && !label->text.empty() && label->text == t.rows[row].name)) {
    const Row& r = t.rows[row];
    const std::string& code = CodeAt(r, col);
    if (code.empty()) return r.name;
    return r.name.empty() ? code : code + " " + r.name;
  }
  return label ? label->text : "";
}

std::string RowLabel(const TableView& view, int row, int col) {
  std::string label = LabelFor(view, row, col);
  return label.empty() ? RowName(*view.table, row) : label;
}

const std::string& CodeAt(const Row& row, int col) {
  static const std::string kNone;
  return col >= row.code_column ? row.code : kNone;
}

std::string CellText(const Cell* cell) {
  if (!cell) return "";
  if (!cell->text.empty()) return cell->text;
  return cell->number ? cell->number->ToString() : "";
}

}  // namespace budgetx::reconcile::internal
