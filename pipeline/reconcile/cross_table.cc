// cross_table: a cell of one table = a cell of another (表1 支出总计 = 表2 支出总计).
#include "pipeline/model/decimal.h"
#include "pipeline/reconcile/internal.h"

namespace budgetx::reconcile::internal {
namespace {

// Where a selector's row label is printed: the row, and the column of the label when it is
// not the row's name (the 支出 half of a two-sided 总表: 本年支出合计 beside 本年收入合计).
struct LabelAt {
  int row = -1, col = -1;
};

LabelAt FindRow(const TableView& view, const std::string& label) {
  const Table& t = *view.table;
  if (t.rows.empty()) return {};
  if (label.empty()) return {0, -1};
  std::string wanted = Compact(label);
  for (int r = 0; r < static_cast<int>(t.rows.size()); ++r) {
    if (Compact(t.rows[r].name).find(wanted) != std::string::npos) return {r, -1};
  }
  for (int r = 0; r < static_cast<int>(t.rows.size()); ++r) {
    const auto& cells = t.rows[r].cells;
    for (int c = 0; c < static_cast<int>(cells.size()); ++c) {
      if (cells[c].kind == ValueKind::kText && Compact(cells[c].text).find(wanted) != std::string::npos) return {r, c};
    }
  }
  return {};
}

// The column of `key` (empty: the first amount column); of the label's side when the label is
// not the row's name.
int FindColumn(const TableView& view, const std::string& key, int label_col) {
  for (int c = 0; c < view.ncols; ++c) {
    if (label_col >= 0 && view.label_col[c] != label_col) continue;
    bool keyed = c < static_cast<int>(view.table->columns.size()) && view.table->columns[c].key == key;
    if (key.empty() ? view.amount[c] : keyed) return c;
  }
  return -1;
}

// `value` printed in a unit of `from_fen` fen, restated in a unit of `to_fen` fen. Units are
// powers of ten of each other (元, 万元, 亿元 …), so this is exact; nullopt otherwise.
std::optional<Decimal> ToUnit(Decimal value, int64_t from_fen, int64_t to_fen) {
  if (from_fen <= 0 || to_fen <= 0) return std::nullopt;
  for (; from_fen > to_fen && from_fen % 10 == 0; from_fen /= 10) {
    if (__builtin_mul_overflow(value.units, 10, &value.units)) return std::nullopt;
  }
  for (; to_fen > from_fen && to_fen % 10 == 0; to_fen /= 10) ++value.scale;
  if (from_fen != to_fen) return std::nullopt;
  return value;
}

std::string Describe(const Found& f) {
  const Table& t = *f.view->table;
  return f.view->name + " " + RowLabel(*f.view, f.row, f.col) + "/" + ColumnName(t, f.col) + " " +
         CellText(CellAt(t, f.row, f.col));
}

std::optional<Check> CrossCheck(const CrossTableIdentity& id, const Found& left, const Found& right) {
  auto computed = ToUnit(right.value, right.view->table->unit_fen, left.view->table->unit_fen);
  if (!computed) return std::nullopt;
  Check check;
  check.kind = "cross_table";
  check.rule = id.name;
  check.target = {left.view->index, left.row, left.col};
  check.parts = {{right.view->index, right.row, right.col}};
  check.signs = {1};
  check.stated = left.value;
  check.computed = *computed;
  // One unit of the coarser of the two printed digits: the less precise table did the rounding.
  check.tolerance = Compare(LastDigitUnit(left.value), LastDigitUnit(*computed)) >= 0 ? LastDigitUnit(left.value)
                                                                                   : LastDigitUnit(*computed);
  check.result = Judge(check.stated, check.computed, check.tolerance);
  check.description = id.name + ": " + Describe(left) + " = " + Describe(right);
  if (check.result != CheckResult::kPass) {
    check.description += " (computed " + check.computed.ToString() + ", tolerance " + check.tolerance.ToString() + ")";
  }
  return check;
}

}  // namespace

// The first table (in document order) whose title, row and column the selector names and whose
// cell there holds a number. The number is part of the searched title so "表1" selects too.
std::optional<Found> FindCell(const std::vector<TableView>& views, const CellSelector& sel) {
  std::string title = Compact(sel.table_title);
  for (const auto& view : views) {
    if (Compact(view.table->number + view.table->title).find(title) == std::string::npos) continue;
    LabelAt label = FindRow(view, sel.row_label);
    int col = FindColumn(view, sel.column, label.col);
    auto value = SumValue(CellAt(*view.table, label.row, col));
    if (value) return Found{&view, label.row, col, *value};
  }
  return std::nullopt;
}

void AddCrossTable(const std::vector<TableView>& views, const std::vector<CrossTableIdentity>& ids,
                   std::vector<Check>* out) {
  for (const auto& id : ids) {
    auto left = FindCell(views, id.left), right = FindCell(views, id.right);
    if (!left || !right) continue;
    if (auto check = CrossCheck(id, *left, *right)) out->push_back(*check);
  }
}

}  // namespace budgetx::reconcile::internal
