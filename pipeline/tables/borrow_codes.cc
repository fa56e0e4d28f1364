// Codes for tables that print classification names without codes (收支总表, 政府预算拨款收支总表):
// when their names follow, in order, the names of a coded table of the same document (支出总表),
// each matched row takes that code, so the roll-ups can be checked there too.
#include <algorithm>
#include <map>

#include "pipeline/normalize/normalize.h"
#include "pipeline/tables/internal.h"

namespace budgetx::tables {
namespace {

// Share of an uncoded table's named rows that must match before any code is taken.
constexpr int kMinMatchPercent = 80;

struct Named {
  size_t row;
  int column;  // the name cell: the last text cell that has an amount after it
  std::string name;
};

// The column of the names the row's last amount follows (the 支出 half's), on most rows; -1 when
// none.
int NameColumn(const Table& table) {
  std::map<int, int> votes;
  for (const auto& row : table.rows) {
    const auto& cells = row.cells;
    if (cells.empty() || !cells.back().amount_fen) continue;
    for (int c = static_cast<int>(cells.size()) - 1; c >= 0; --c) {
      if (cells[static_cast<size_t>(c)].kind != ValueKind::kText) continue;
      ++votes[c];
      break;
    }
  }
  auto most = std::max_element(votes.begin(), votes.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  return most == votes.end() ? -1 : most->first;
}

bool HasAmountAfter(const Row& row, int column) {
  for (size_t c = static_cast<size_t>(column) + 1; c < row.cells.size(); ++c) {
    if (row.cells[c].amount_fen) return true;
  }
  return false;
}

// Rows naming an item in the name column with an amount after it: a cell left blank further
// right (no 项目支出 for this item) does not unname the row.
std::vector<Named> NamedRows(const Table& table) {
  std::vector<Named> out;
  int column = NameColumn(table);
  if (column < 0) return out;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const Row& row = table.rows[r];
    if (static_cast<size_t>(column) >= row.cells.size()) continue;
    const Cell& name = row.cells[static_cast<size_t>(column)];
    if (name.kind != ValueKind::kText || !HasAmountAfter(row, column)) continue;
    // "一、一般公共服务支出" in a 收支总表 names the item "一般公共服务支出" of a 支出总表.
    out.push_back({r, column, normalize::CompactWithoutOutline(name.text)});
  }
  return out;
}

bool HasPrintedCodes(const Table& table) {
  for (const auto& r : table.rows) {
    if (!r.code.empty() && !r.code_borrowed) return true;
  }
  return false;
}

using Matches = std::vector<std::pair<const Named*, const Row*>>;

Matches Match(const std::vector<Named>& named, const Table& coded) {
  Matches matches;
  size_t next = 0;
  for (const auto& n : named) {
    // Searching on to the end lets the uncoded table leave items out (a 基本支出 table lists a
    // subset of the 经济分类 items); names must still come in the same order.
    for (size_t k = next; k < coded.rows.size(); ++k) {
      const Row& row = coded.rows[k];
      if (row.code.empty() || normalize::CompactWithoutOutline(row.name) != n.name) continue;
      matches.emplace_back(&n, &row);
      next = k + 1;
      break;
    }
  }
  return matches;
}

void Borrow(const std::vector<Table>& tables, Table* table) {
  std::vector<Named> named = NamedRows(*table);
  if (named.empty()) return;
  Matches best;
  for (const auto& coded : tables) {
    if (&coded == table || !HasPrintedCodes(coded)) continue;
    Matches m = Match(named, coded);
    if (m.size() > best.size()) best = std::move(m);
  }
  if (static_cast<int>(best.size() * 100 / named.size()) < kMinMatchPercent) return;
  for (const auto& [n, row] : best) {
    Row& target = table->rows[n->row];
    target.code = row->code;
    target.level = row->level;
    target.code_column = n->column;
    target.code_borrowed = true;
  }
}

}  // namespace

void BorrowCodes(std::vector<Table>* tables) {
  for (auto& table : *tables) {
    bool has_codes = false;
    for (const auto& r : table.rows) has_codes |= !r.code.empty();
    if (!has_codes) Borrow(*tables, &table);
  }
}

}  // namespace budgetx::tables
