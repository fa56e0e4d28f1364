// cross_table: a cell of one table = a cell of another (表1 支出总计 = 表2 支出总计).
#include "pipeline/model/decimal.h"
#include "pipeline/reconcile/internal.h"

namespace budgetx::reconcile::internal {
namespace {

struct Found {
  const TableView* view = nullptr;
  int row = 0, col = 0;
  Decimal value;
};

int FindRow(const Table& t, const std::string& label) {
  if (t.rows.empty()) return -1;
  if (label.empty()) return 0;
  std::string wanted = Compact(label);
  for (int r = 0; r < static_cast<int>(t.rows.size()); ++r) {
    if (Compact(t.rows[r].name).find(wanted) != std::string::npos) return r;
  }
  return -1;
}

int FindColumn(const TableView& view, const std::string& key) {
  if (!key.empty()) return ColumnByKey(*view.table, key);
  for (int c = 0; c < view.ncols; ++c) {
    if (view.amount[c]) return c;
  }
  return -1;
}

// The first table (in document order) whose title, row and column the selector names and whose
// cell there holds a number. The number is part of the searched title so "表1" selects too.
std::optional<Found> Find(const std::vector<TableView>& views, const CellSelector& sel) {
  std::string title = Compact(sel.table_title);
  for (const auto& view : views) {
    if (Compact(view.table->number + view.table->title).find(title) == std::string::npos) continue;
    int row = FindRow(*view.table, sel.row_label), col = FindColumn(view, sel.column);
    auto value = SumValue(CellAt(*view.table, row, col));
    if (value) return Found{&view, row, col, *value};
  }
  return std::nullopt;
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
  return f.view->name + " " + RowName(t, f.row) + "/" + ColumnName(t, f.col) + " " +
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

void AddCrossTable(const std::vector<TableView>& views, const std::vector<CrossTableIdentity>& ids,
                   std::vector<Check>* out) {
  for (const auto& id : ids) {
    auto left = Find(views, id.left), right = Find(views, id.right);
    if (!left || !right) continue;
    if (auto check = CrossCheck(id, *left, *right)) out->push_back(*check);
  }
}

}  // namespace budgetx::reconcile::internal
