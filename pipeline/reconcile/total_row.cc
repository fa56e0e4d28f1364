// total_row: a 合计/总计 row equals the sum of the top-level rows it closes; a 小计 row equals the
// body rows since the previous 小计 or 合计. Per amount column.
#include <algorithm>
#include <limits>

#include "pipeline/reconcile/internal.h"

namespace budgetx::reconcile::internal {
namespace {

struct Candidates {
  std::vector<int> rows;
  bool coded = false;  // chosen by classification code, so the structure is certain
};

bool IsBoundary(RowKind kind) { return kind == RowKind::kTotal || kind == RowKind::kSubtotal; }

bool HasCodes(const Table& t) {
  return std::any_of(t.rows.begin(), t.rows.end(), [](const Row& r) { return !r.code.empty(); });
}

// Body rows in [from, to) with a code of the shortest length found there (类 when present).
std::vector<int> ShallowestCoded(const Table& t, int from, int to) {
  size_t shortest = std::numeric_limits<size_t>::max();
  for (int r = from; r < to; ++r) {
    if (!t.rows[r].code.empty() && t.rows[r].kind == RowKind::kBody) shortest = std::min(shortest, t.rows[r].code.size());
  }
  std::vector<int> rows;
  for (int r = from; r < to; ++r) {
    if (t.rows[r].kind == RowKind::kBody && t.rows[r].code.size() == shortest) rows.push_back(r);
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

int NextTotal(const Table& t, int row) {
  for (int r = row + 1; r < static_cast<int>(t.rows.size()); ++r) {
    if (t.rows[r].kind == RowKind::kTotal) return r;
  }
  return static_cast<int>(t.rows.size());
}

Candidates TotalCandidates(const Table& t, int row) {
  if (HasCodes(t)) return {ShallowestCoded(t, 0, static_cast<int>(t.rows.size())), true};
  std::vector<int> rows = BodyRows(t, PreviousBoundary(t, row, false) + 1, row, true);
  // Many tables print 合计 first, above the rows it adds up.
  if (rows.empty()) rows = BodyRows(t, row + 1, NextTotal(t, row), true);
  return {rows, false};
}

Candidates SubtotalCandidates(const Table& t, int row) {
  int from = PreviousBoundary(t, row, true) + 1;
  if (HasCodes(t)) {
    std::vector<int> rows = ShallowestCoded(t, from, row);
    if (!rows.empty()) return {rows, true};
  }
  return {BodyRows(t, from, row, false), false};
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

// Without codes, an outline (一、… 1.… or bare detail names under 一、) is the only structure: only
// the top items add up to the total, the rest are their details.
std::vector<int> TopOfOutline(const TableView& view, const std::vector<int>& parts, int col) {
  int top = 0;
  for (int r : parts) {
    int level = OutlineLevel(LabelFor(view, r, col));
    if (view.table->rows[r].kind == RowKind::kBody && level > 0 && (top == 0 || level < top)) top = level;
  }
  if (top == 0) return parts;
  std::vector<int> kept;
  for (int r : parts) {
    if (view.table->rows[r].kind != RowKind::kBody || OutlineLevel(LabelFor(view, r, col)) == top) kept.push_back(r);
  }
  return kept;
}

std::string Label(const TableView& view, int row, int col) {
  std::string label = LabelFor(view, row, col);
  return label.empty() ? RowName(*view.table, row) : label;
}

Sum TotalSum(const TableView& view, int row, const std::vector<int>& parts, int col) {
  const Table& t = *view.table;
  Sum sum;
  sum.kind = "total_row";
  sum.rule = t.rows[row].kind == RowKind::kTotal ? "total_row" : "subtotal";
  sum.where = view.name + " " + ColumnName(t, col);
  sum.target = {view.index, row, col};
  sum.target_name = Label(view, row, col);
  for (int r : parts) {
    sum.parts.push_back({view.index, r, col});
    sum.part_names.push_back(Label(view, r, col));
  }
  return sum;
}

void AddBoundary(const TableView& view, int row, std::vector<Check>* out) {
  const Table& t = *view.table;
  Candidates cand = t.rows[row].kind == RowKind::kTotal ? TotalCandidates(t, row) : SubtotalCandidates(t, row);
  for (int c = 0; c < view.ncols; ++c) {
    if (!view.amount[c] || !SumValue(CellAt(t, row, c))) continue;
    auto parts = PartsIn(view, cand.rows, c);
    if (!parts) continue;
    if (!cand.coded) *parts = TopOfOutline(view, *parts, c);
    // Codes make a single 类 a meaningful summand; without them one row could be anything (e.g.
    // the other half of a two-sided table), so at least two are needed.
    if (parts->size() < (cand.coded ? 1u : 2u)) continue;
    if (auto check = EvaluateSum(t, TotalSum(view, row, *parts, c))) out->push_back(*check);
  }
}

}  // namespace

void AddTotals(const TableView& view, std::vector<Check>* out) {
  for (int r = 0; r < static_cast<int>(view.table->rows.size()); ++r) {
    if (IsBoundary(view.table->rows[r].kind)) AddBoundary(view, r, out);
  }
}

}  // namespace budgetx::reconcile::internal
