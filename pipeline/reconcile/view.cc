// Reading a table's cells, columns and labels for the checks.
#include <algorithm>

#include <re2/re2.h>

#include "pipeline/model/decimal.h"
#include "pipeline/reconcile/internal.h"

namespace budgetx::reconcile::internal {
namespace {

struct KindCounts {
  int filled = 0, amounts = 0, percents = 0, texts = 0, codes = 0;
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
    n.codes += cell->kind == ValueKind::kCode;
  }
  return n;
}

// The amount columns grouped by their label column, for headers that do not repeat.
void SidesByLabels(TableView* view) {
  for (int c = 0; c < view->ncols; ++c) {
    if (!view->amount[c]) continue;
    bool same = !view->sides.empty() && view->label_col[view->sides.back().front()] == view->label_col[c];
    if (same) {
      view->sides.back().push_back(c);
    } else {
      view->sides.push_back({c});
    }
    view->side_of[c] = static_cast<int>(view->sides.size()) - 1;
  }
}

// The one column of codes in [from, to), else -1 (none, or a code printed over 类 | 款 | 项).
int CodeColumn(const Table& table, int from, int to) {
  int found = -1;
  for (int c = from; c < to; ++c) {
    KindCounts n = CountKinds(table, c);
    if (n.filled == 0 || n.codes * 2 <= n.filled) continue;
    if (found >= 0) return -1;
    found = c;
  }
  return found;
}

void SidesByHeader(TableView* view, int period) {
  int coded = 0;
  for (int from = 0; from + period <= static_cast<int>(view->table->columns.size()); from += period) {
    std::vector<int> amounts;
    for (int c = from; c < from + period; ++c) {
      if (view->amount[c]) amounts.push_back(c);
    }
    if (amounts.empty()) continue;
    for (int c = from; c < from + period; ++c) view->side_of[c] = static_cast<int>(view->sides.size());
    view->sides.push_back(std::move(amounts));
    view->side_code.push_back(CodeColumn(*view->table, from, from + period));
    coded += view->side_code.back() >= 0;
  }
  if (coded == 0 || view->sides.size() < 2) view->side_code.clear();
}

void AddSides(TableView* view) {
  view->side_of.assign(view->ncols, -1);
  const auto& starts = view->table->side_starts;
  if (starts.size() >= 2) {
    SidesByHeader(view, starts[1]);
  } else {
    SidesByLabels(view);
  }
}

// A label printed in another column of `col`'s side where its name column is blank: a total's
// name across the side's merged code and name cells (公用经费合计). -1 when none.
int SideText(const TableView& view, int row, int col) {
  int side = col < static_cast<int>(view.side_of.size()) ? view.side_of[col] : -1;
  if (side < 0) return -1;
  for (int c = 0; c < col; ++c) {
    if (view.side_of[c] != side || view.amount[c]) continue;
    const Cell* cell = CellAt(*view.table, row, c);
    if (cell && cell->kind == ValueKind::kText && !cell->text.empty()) return c;
  }
  return -1;
}

// The column holding the label of the part of `row` that holds `col`: its label column, or
// where that is blank, another text of its side.
int LabelColumn(const TableView& view, int row, int col) {
  int k = col < view.ncols ? view.label_col[col] : -1;
  const Cell* label = CellAt(*view.table, row, k);
  if (k < 0 || (label && !label->text.empty())) return k;
  int other = SideText(view, row, col);
  return other >= 0 ? other : k;
}

// The number k of a column number that states how the column is made: "5=6+7", "6=1+3".
std::optional<int64_t> FormulaColumnNumber(const std::string& text) {
  static const RE2 kFormula(R"((\d{1,2})=\d{1,2}(?:[+\-]\d{1,2})+)");
  int64_t k = 0;
  if (!RE2::FullMatch(text, kFormula, &k)) return std::nullopt;
  return k;
}

// Rows that are no data: the column numbers printed under a header (栏次: 1, 2, 3 … one per
// column, or 5=6+7) and rows with no label at all (a page number "— 19 —" read as a row).
bool OutsideTheData(const Row& r) {
  bool labelled = !r.code.empty() || !r.name.empty();
  int numbers = 0;
  bool counting = true;  // the whole numbers run k, k+1, k+2 … left to right
  bool small = true;     // dashes and whole numbers without separators only, as a page number
  int64_t last = 0;
  for (const auto& cell : r.cells) {
    labelled = labelled || cell.kind == ValueKind::kText || cell.kind == ValueKind::kCode;
    if (cell.kind == ValueKind::kEmpty) continue;
    const auto formula = cell.kind == ValueKind::kText ? FormulaColumnNumber(Compact(cell.text)) : std::nullopt;
    if (cell.kind == ValueKind::kText && numbers == 0 && !formula) continue;  // the label column ("**", "栏次")
    bool whole = (cell.kind == ValueKind::kAmount || cell.kind == ValueKind::kNumber) && cell.number &&
                 cell.number->scale == 0 && cell.text.find(',') == std::string::npos;
    const std::optional<int64_t> k = formula ? formula : whole ? std::optional<int64_t>(cell.number->units) : std::nullopt;
    small = small && (whole || cell.kind == ValueKind::kDash);
    if (!k || (numbers > 0 && *k != last + 1)) counting = false;
    if (k) last = *k;
    ++numbers;
  }
  // A row of amounts with no label can be a table's only row (江苏's 支出预算总表 prints its 合计
  // unnamed); a page number is never more than a few digits between dashes.
  if (!labelled && small) return true;
  return counting && numbers >= 3;
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
    view.outside.push_back(OutsideTheData(table.rows[r]));
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

std::optional<Decimal> RowSum(const Table& table, int row, const std::vector<int>& cols, bool skip_blank) {
  Decimal sum{0, 0};
  for (int c : cols) {
    auto v = SumValue(CellAt(table, row, c));
    if (!v && skip_blank) continue;
    auto next = v ? Add(sum, *v) : std::nullopt;
    if (!next) return std::nullopt;
    sum = *next;
  }
  return sum;
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

int FirstTextColumn(const Row& row) {
  for (int c = 0; c < static_cast<int>(row.cells.size()); ++c) {
    if (row.cells[c].kind == ValueKind::kText) return c;
  }
  return -1;
}

std::string HeaderGroup(const Table& table, int col) {
  if (col < 0 || col >= static_cast<int>(table.columns.size())) return "";
  const std::string& h = table.columns[static_cast<size_t>(col)].header;
  size_t slash = h.rfind('/');
  return slash == std::string::npos ? std::string() : h.substr(0, slash);
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
  const Row& r = t.rows[row];
  int k = LabelColumn(view, row, col);
  const Cell* label = CellAt(t, row, k);
  bool labelled = label && !label->text.empty();
  // The row's own name (a code printed before it in the cell taken off) when the column's
  // label is the row's first text.
  bool own = k < 0 || (labelled && FirstTextColumn(r) == k);
  // Another label of the row takes a code only where the code is that part's: a side's own
  // code, or one borrowed for the half this label names.
  bool coded = own || (labelled && (!view.side_code.empty() || (r.code_column > 0 && k == r.code_column)));
  if (!coded) return label ? label->text : "";
  const std::string& name = own ? r.name : label->text;
  const std::string& code = CodeAt(view, row, col);
  if (code.empty()) return name;
  return name.empty() ? code : code + " " + name;
}

std::string RowLabel(const TableView& view, int row, int col) {
  std::string label = LabelFor(view, row, col);
  return label.empty() ? RowName(*view.table, row) : label;
}

int IndentFor(const TableView& view, int row, int col) {
  const Row& r = view.table->rows[row];
  int k = LabelColumn(view, row, col);
  if (k < 0 || FirstTextColumn(r) == k) return r.indent;
  const Cell* label = CellAt(*view.table, row, k);
  return label ? label->indent : 0;
}

const std::string& CodeAt(const TableView& view, int row, int col) {
  static const std::string kNone;
  const Row& r = view.table->rows[row];
  if (view.side_code.empty()) return col >= r.code_column ? r.code : kNone;
  int side = col >= 0 && col < static_cast<int>(view.side_of.size()) ? view.side_of[col] : -1;
  const Cell* code = side >= 0 ? CellAt(*view.table, row, view.side_code[side]) : nullptr;
  return code && code->kind == ValueKind::kCode ? code->text : kNone;
}

std::string CellText(const Cell* cell) {
  if (!cell) return "";
  if (!cell->text.empty()) return cell->text;
  return cell->number ? cell->number->ToString() : "";
}

}  // namespace budgetx::reconcile::internal
