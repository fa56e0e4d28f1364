// Internal to the reconcile stage; not part of its contract.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/model/model.h"
#include "pipeline/reconcile/reconcile.h"

namespace budgetx::reconcile::internal {

// What the checks need to know about one table's columns, worked out once per table.
struct TableView {
  const Table* table = nullptr;
  int index = 0;               // into Document::tables (CellRef::table)
  int ncols = 0;               // widest of the column list and the rows
  std::vector<bool> amount;    // the column holds amounts (declared, or most cells are)
  std::vector<bool> percent;   // most filled cells are percentages
  std::vector<int> label_col;  // per column: nearest text column to its left, -1 when none
  std::string name;            // "表3" (the number, else the title) for descriptions
};
TableView MakeView(const Table& table, int index);

// --- cells and labels (view.cc) ---
const Cell* CellAt(const Table& table, int row, int col);  // nullptr when the row is shorter
// The value a cell adds to a sum: amounts and plain numbers as printed, a dash as 0; nullopt for
// empty, text and percent cells (a missing part).
std::optional<Decimal> SumValue(const Cell* cell);
// A percentage as printed (the number before %); plain numbers count in a percent column.
std::optional<Decimal> PercentValue(const Cell* cell);
int ColumnByKey(const Table& table, const std::string& key);  // first column with key, else -1
std::string Compact(std::string_view text);                  // every whitespace removed
std::string RowName(const Table& table, int row);             // "2080505 行政运行", else "#4"
// A row named so it cannot be confused with another: names of uncoded rows repeat (every row of a
// 自评表 may start with the same 单位名称), so those get their 1-based number: "#2 示例管理中心".
std::string RowRef(const Table& table, int row);
std::string ColumnName(const Table& table, int col);          // header as printed, else key
// The label of the part of `row` that holds column `col`: in a two-sided table (text, amount,
// text, amount) the right half has its own label. Empty when that part of the row is blank.
std::string LabelFor(const TableView& view, int row, int col);
// Depth of an outline number opening a label: 一、=1, （一）=2, 1.=3, (1)=4; 0 when none.
int OutlineLevel(std::string_view label);
std::string CellText(const Cell* cell);  // as printed, for descriptions

// --- evaluation (check.cc) ---
// pass when equal, pass_within_rounding when |stated - computed| <= tolerance, else fail.
CheckResult Judge(const Decimal& stated, const Decimal& computed, const Decimal& tolerance);

// target = Σ signs[i] × parts[i], all cells of one table.
struct Sum {
  std::string kind, rule;
  std::string where;  // "表3 row 2080505 行政运行" or "表3 支出总计", opens the description
  CellRef target;
  std::string target_name;
  std::vector<CellRef> parts;
  std::vector<std::string> part_names;
  std::vector<int> signs;  // empty = all +1
};
// nullopt when the target or a part holds no number (a missing part is not checked) or the sum
// overflows. Tolerance: one unit of the finest printed digit per summand.
std::optional<Check> EvaluateSum(const Table& table, const Sum& sum);

// A percent cell = numerator / denominator × scale, all in one row.
struct Ratio {
  std::string rule;
  int row = 0;
  int target = 0, numerator = 0, denominator = 0;  // columns
  int64_t scale = 100;
};
// nullopt when a cell holds no number or the denominator is zero.
std::optional<Check> EvaluateRatio(const TableView& view, const Ratio& ratio);

// The per-row sum check of a column identity (declared or inferred).
Sum RowSum(const TableView& view, int row, const std::string& rule, int target,
           const std::vector<int>& parts, const std::vector<int>& signs);

// --- the kinds of check, one file each ---
void AddRollups(const TableView& view, std::vector<Check>* out);
void AddTotals(const TableView& view, std::vector<Check>* out);
// Returns whether any identity applied to the table (all its keys present).
bool AddDeclaredColumnIdentities(const TableView& view, const std::vector<ColumnIdentity>& ids,
                                 std::vector<Check>* out);
void AddInferredColumnIdentities(const TableView& view, std::vector<Check>* out);
bool AddDeclaredRatios(const TableView& view, const std::vector<RatioIdentity>& ids, std::vector<Check>* out);
void AddInferredRatios(const TableView& view, std::vector<Check>* out);
void AddCrossTable(const std::vector<TableView>& views, const std::vector<CrossTableIdentity>& ids,
                   std::vector<Check>* out);

// Whether an inferred identity holds on enough rows to be believed: exactly on >= 80% of the rows
// where it can be evaluated, and exactly with a non-zero target on at least 2 (rows of zeros
// satisfy any sum and prove nothing).
struct Tally {
  int evaluable = 0, exact = 0, exact_nonzero = 0;
  void Add(const Check& check);
  bool Convincing() const { return exact * 5 >= evaluable * 4 && exact_nonzero >= 2; }
};

}  // namespace budgetx::reconcile::internal
