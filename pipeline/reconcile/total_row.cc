// total_row: a 合计/总计 row equals the sum of the top-level rows it closes; a 小计 row equals the
// body rows since the previous 小计 or 合计. Per amount column.
#include <algorithm>
#include <limits>

#include "pipeline/reconcile/internal.h"

namespace budgetx::reconcile::internal {
namespace {

struct Candidates {
  std::vector<int> rows;
  bool certain = false;  // chosen by classification code, not guessed
};

bool IsBoundary(RowKind kind) { return kind == RowKind::kTotal || kind == RowKind::kSubtotal; }

// Codes are read where they apply to column `col` (only the 支出 half of a 收支总表 has them;
// each side of a two-sided table has its own).
bool HasCodes(const TableView& view, int col) {
  for (int r = 0; r < static_cast<int>(view.table->rows.size()); ++r) {
    if (!CodeAt(view, r, col).empty()) return true;
  }
  return false;
}

// Body rows in [from, to) with a code of the shortest length found there (类 when present).
std::vector<int> ShallowestCoded(const TableView& view, int from, int to, int col) {
  const Table& t = *view.table;
  size_t shortest = std::numeric_limits<size_t>::max();
  for (int r = from; r < to; ++r) {
    const std::string& code = CodeAt(view, r, col);
    if (!code.empty() && t.rows[r].kind == RowKind::kBody) shortest = std::min(shortest, code.size());
  }
  std::vector<int> rows;
  for (int r = from; r < to; ++r) {
    if (t.rows[r].kind == RowKind::kBody && CodeAt(view, r, col).size() == shortest) rows.push_back(r);
  }
  return rows;
}

// Body rows in [from, to). With `stand_in`, a 小计 replaces the body rows of its block, so a
// 合计 printed below several 小计 adds the 小计s rather than nothing or everything.
std::vector<int> BodyRows(const Table& t, int from, int to, bool stand_in) {
  std::vector<int> rows, pending;
  for (int r = from; r < to; ++r) {
    RowKind kind = t.rows[r].kind;
    if (kind == RowKind::kBody) pending.push_back(r);
    if (kind == RowKind::kSubtotal && stand_in) {
      rows.push_back(r);
      pending.clear();
    }
  }
  rows.insert(rows.end(), pending.begin(), pending.end());
  std::sort(rows.begin(), rows.end());
  return rows;
}

// The previous 合计 (and, for `subtotals`, 小计) row above `row`, or -1.
int PreviousBoundary(const Table& t, int row, bool subtotals) {
  for (int r = row - 1; r >= 0; --r) {
    RowKind kind = t.rows[r].kind;
    if (kind == RowKind::kTotal || (subtotals && kind == RowKind::kSubtotal)) return r;
  }
  return -1;
}

// The next 合计 (and, for `subtotals`, 小计) row below `row`, or the end of the table.
int NextBoundary(const Table& t, int row, bool subtotals) {
  for (int r = row + 1; r < static_cast<int>(t.rows.size()); ++r) {
    RowKind kind = t.rows[r].kind;
    if (kind == RowKind::kTotal || (subtotals && kind == RowKind::kSubtotal)) return r;
  }
  return static_cast<int>(t.rows.size());
}

// Whether total row `p` adds rows printed above it (not a 合计 printed first, above its rows).
bool ClosesRowsAbove(const Table& t, int p) {
  int from = PreviousBoundary(t, p, false) + 1;
  for (int r = from; r < p; ++r) {
    if (t.rows[r].kind == RowKind::kBody || t.rows[r].kind == RowKind::kSubtotal) return true;
  }
  return false;
}

// A total under another (收入总计 below 本年收入合计 and 上年结余) adds that total and the rows
// between them; empty when there is no such total above.
std::vector<int> UnderTotal(const Table& t, int row) {
  int previous = PreviousBoundary(t, row, false);
  if (previous < 0 || !ClosesRowsAbove(t, previous)) return {};
  std::vector<int> rows{previous};
  for (int r : BodyRows(t, previous + 1, row, true)) rows.push_back(r);
  return rows;
}

Candidates TotalCandidates(const TableView& view, int row, int col) {
  const Table& t = *view.table;
  if (HasCodes(view, col)) return {ShallowestCoded(view, 0, static_cast<int>(t.rows.size()), col), true};
  std::vector<int> rows = BodyRows(t, PreviousBoundary(t, row, false) + 1, row, true);
  // Many tables print 合计 first, above the rows it adds up.
  if (rows.empty()) rows = BodyRows(t, row + 1, NextBoundary(t, row, false), true);
  return {rows, false};
}

Candidates SubtotalCandidates(const TableView& view, int row, int col) {
  const Table& t = *view.table;
  int from = PreviousBoundary(t, row, true) + 1;
  if (HasCodes(view, col)) {
    std::vector<int> rows = ShallowestCoded(view, from, row, col);
    if (!rows.empty()) return {rows, true};
  }
  std::vector<int> rows = BodyRows(t, from, row, false);
  // A 小计 printed first, above its rows (长沙市本级及所辖区小计 over the districts), with at most
  // the column numbers between it and the header.
  auto data = [&](int r) { return !view.outside[r]; };
  if (std::none_of(rows.begin(), rows.end(), data)) rows = BodyRows(t, row + 1, NextBoundary(t, row, true), false);
  return {rows, false};
}

// The candidates taking part in column `col`. A row whose part of the table is blank there (the
// shorter half of a two-sided table) is no summand; a labelled row without a number is a missing
// part, and then the sum is not checked.
std::optional<std::vector<int>> PartsIn(const TableView& view, const std::vector<int>& rows, int col) {
  std::vector<int> parts;
  for (int r : rows) {
    if (SumValue(CellAt(*view.table, r, col))) {
      parts.push_back(r);
    } else if (!LabelFor(view, r, col).empty()) {
      return std::nullopt;
    }
  }
  return parts;
}

// Without codes or outline numbers, the names' indentation: only the least indented rows add up.
std::vector<int> TopOfIndents(const TableView& view, const std::vector<int>& parts, int col) {
  int top = -1;
  for (int r : parts) {
    int indent = IndentFor(view, r, col);
    if (view.table->rows[r].kind == RowKind::kBody && (top < 0 || indent < top)) top = indent;
  }
  std::vector<int> kept;
  for (int r : parts) {
    if (view.table->rows[r].kind != RowKind::kBody || IndentFor(view, r, col) == top) kept.push_back(r);
  }
  return kept;
}

// Without codes, an outline (一、… 1.… or bare detail names under 一、) is the only structure: only
// the top items add up to the total, the rest are their details.
std::vector<int> TopOfOutline(const TableView& view, const std::vector<int>& parts, int col) {
  int top = 0;
  for (int r : parts) {
    int level = OutlineLevel(LabelFor(view, r, col));
    if (view.table->rows[r].kind == RowKind::kBody && level > 0 && (top == 0 || level < top)) top = level;
  }
  if (top == 0) return TopOfIndents(view, parts, col);
  std::vector<int> kept;
  for (int r : parts) {
    if (view.table->rows[r].kind != RowKind::kBody || OutlineLevel(LabelFor(view, r, col)) == top) kept.push_back(r);
  }
  return kept;
}

// Without codes, rows the inferred hierarchy puts under another candidate are inside it (政府预算拨款
// above 一般公共预算拨款 and 政府性基金预算拨款, with no outline numbers to tell).
std::vector<int> TopOfHierarchy(const RowTree* tree, const std::vector<int>& parts) {
  if (!tree) return parts;
  std::vector<int> kept;
  for (int r : parts) {
    bool inside = false;
    for (int p = tree->parent[r]; p >= 0 && !inside; p = tree->parent[p]) {
      inside = std::find(parts.begin(), parts.end(), p) != parts.end();
    }
    if (!inside) kept.push_back(r);
  }
  return kept;
}

Sum TotalSum(const TableView& view, int row, const std::vector<int>& parts, int col) {
  const char* rule = view.table->rows[row].kind == RowKind::kTotal ? "total_row" : "subtotal";
  return ColumnSum(view, "total_row", rule, row, parts, col);
}

std::optional<Check> Evaluate(const TableView& view, int row, const std::vector<int>& parts, int col, size_t min) {
  if (parts.size() < min) return std::nullopt;
  return EvaluateSum(*view.table, TotalSum(view, row, parts, col));
}

// Without codes: the top rows by outline and inferred hierarchy. One row is a meaningful summand
// only when it heads an inferred group (本年收入合计 = 政府预算拨款, which adds up its details);
// otherwise one row could be anything (e.g. the other half of a two-sided table).
std::optional<Check> UncodedTotal(const TableView& view, const RowTree* tree, int row, const std::vector<int>& parts,
                                  int col) {
  std::vector<int> nested = TopOfOutline(view, TopOfHierarchy(tree, parts), col);
  bool group = nested.size() == 1 && tree && !tree->children[nested[0]].empty();
  auto check = Evaluate(view, row, nested, col, group ? 1 : 2);
  if (check && check->result != CheckResult::kFail) return check;
  // A total equal to the plain sum of the rows says they do not nest as inferred.
  auto flat = Evaluate(view, row, TopOfOutline(view, parts, col), col, 2);
  return flat && flat->result != CheckResult::kFail ? flat : check;
}

std::optional<Check> BoundaryCheck(const TableView& view, const std::vector<RowTree>& trees, int row, int col) {
  const Table& t = *view.table;
  bool total = t.rows[row].kind == RowKind::kTotal;
  Candidates cand = total ? TotalCandidates(view, row, col) : SubtotalCandidates(view, row, col);
  auto parts = PartsIn(view, cand.rows, col);
  if (!parts) return std::nullopt;
  // Codes make a single 类 a meaningful summand.
  return cand.certain ? Evaluate(view, row, *parts, col, 1) : UncodedTotal(view, TreeFor(trees, col), row, *parts, col);
}

void AddBoundary(const TableView& view, const std::vector<RowTree>& trees, int row, std::vector<Check>* out) {
  const Table& t = *view.table;
  for (int c = 0; c < view.ncols; ++c) {
    if (!view.amount[c] || !SumValue(CellAt(t, row, c))) continue;
    // A total under another is read as that total + the rows between where that holds; else as
    // the sum of its own rows (a second section's 合计 below the first's), failing which as the
    // former.
    std::optional<Check> under;
    if (t.rows[row].kind == RowKind::kTotal) {
      auto parts = PartsIn(view, UnderTotal(t, row), c);
      if (parts) under = Evaluate(view, row, *parts, c, 1);
    }
    auto check = under && under->result != CheckResult::kFail ? under : BoundaryCheck(view, trees, row, c);
    if (!check) check = under;
    if (check) out->push_back(*check);
  }
}

bool EndsWith(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool TotalLabel(const std::string& label) { return EndsWith(label, "合计") || EndsWith(label, "总计"); }

// A 收支总表 balances: on its last total row (收入总计 | 支出总计) the two halves are equal, column
// by column. Only where both halves label that row as a total, and not where each half prints
// its own codes: those are two parts of one classification (301, 303 | 302, 310), not income
// against spending.
void AddBalance(const TableView& view, std::vector<Check>* out) {
  const Table& t = *view.table;
  if (view.sides.size() != 2 || view.sides[0].size() != view.sides[1].size() || !view.side_code.empty()) return;
  for (int r = static_cast<int>(t.rows.size()) - 1; r >= 0; --r) {
    if (t.rows[r].kind != RowKind::kTotal) continue;
    for (size_t i = 0; i < view.sides[0].size(); ++i) {
      int left = view.sides[0][i], right = view.sides[1][i];
      if (!TotalLabel(Compact(LabelFor(view, r, left))) || !TotalLabel(Compact(LabelFor(view, r, right)))) return;
      Sum sum = TotalSum(view, r, {r}, left);
      sum.rule = "balance";
      sum.parts[0].column = right;
      sum.part_names[0] = RowLabel(view, r, right);
      if (auto check = EvaluateSum(t, sum)) out->push_back(*check);
    }
    return;
  }
}

}  // namespace

void AddTotals(const TableView& view, const std::vector<RowTree>& trees, std::vector<Check>* out) {
  for (int r = 0; r < static_cast<int>(view.table->rows.size()); ++r) {
    if (IsBoundary(view.table->rows[r].kind)) AddBoundary(view, trees, r, out);
  }
  AddBalance(view, out);
}

}  // namespace budgetx::reconcile::internal
