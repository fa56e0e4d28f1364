// Internal to the reconcile stage; not part of its contract.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/model/model.h"
#include "pipeline/normalize/normalize.h"
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
  // The amount columns grouped by their label column: one group per half of a two-sided table
  // (收入 | 支出), else one. Rows nest independently in each.
  std::vector<std::vector<int>> sides;
  // Per side, the column printing its codes (-1: none), where the header repeats one group of
  // columns for each side (编码 | 名称 | 金额 twice) and the sides print codes: then each side's
  // codes are its own, not the row's (its first). Empty otherwise.
  std::vector<int> side_code;
  std::vector<int> side_of;  // per column, its side in `sides`; -1 when none is known
  // Per row: text in a column of amounts, so the row's cells are not under their headers (a row
  // shifted by a merged cell). Checks by column position skip it. (Percent columns of 指标 often
  // mix text and percentages, so they say nothing about alignment.)
  std::vector<bool> misaligned;
  // Per row: no data for a check to learn from or judge: the column numbers printed under a
  // header (栏次: 1, 2, 3 …) or a row with no label at all (a page number "— 19 —" read as a row).
  std::vector<bool> outside;
};
TableView MakeView(const Table& table, int index);

// --- cells and labels (view.cc) ---
const Cell* CellAt(const Table& table, int row, int col);  // nullptr when the row is shorter
// The value a cell adds to a sum: amounts and plain numbers as printed, a dash as 0; nullopt for
// empty, text and percent cells (a missing part).
std::optional<Decimal> SumValue(const Cell* cell);
// Σ SumValue of the cells of `cols` in `row`; nullopt when one holds no number (unless
// `skip_blank`: such a cell is left out) or the sum overflows.
std::optional<Decimal> RowSum(const Table& table, int row, const std::vector<int>& cols, bool skip_blank = false);
// A percentage as printed (the number before %); plain numbers count in a percent column.
std::optional<Decimal> PercentValue(const Cell* cell);
int ColumnByKey(const Table& table, const std::string& key);  // first column with key, else -1
using normalize::Compact;  // every whitespace removed
int FirstTextColumn(const Row& row);  // the row's first text cell (its name), else -1
// The header levels above a column's own label ("当年预算" of "当年预算/基本支出"), "" when none.
std::string HeaderGroup(const Table& table, int col);
std::string RowName(const Table& table, int row);             // "2080505 行政运行", else "#4"
// A row named so it cannot be confused with another: names of uncoded rows repeat (every row of a
// 自评表 may start with the same 单位名称), so those get their 1-based number: "#2 示例管理中心".
std::string RowRef(const Table& table, int row);
std::string ColumnName(const Table& table, int col);          // header as printed, else key
// The label of the part of `row` that holds column `col`: in a two-sided table (text, amount,
// text, amount) the right half has its own label. Empty when that part of the row is blank.
std::string LabelFor(const TableView& view, int row, int col);
std::string RowLabel(const TableView& view, int row, int col);  // LabelFor, else RowName
// The indentation step of that label (Cell::indent; the row's own for its first name).
int IndentFor(const TableView& view, int row, int col);
using normalize::OutlineLevel;  // the printed hierarchy of labels without codes
std::string CellText(const Cell* cell);  // as printed, for descriptions
// The row's classification code where it applies to column `col`: in a 收支总表 only the 支出
// half (from Row::code_column on) is classified; in a table whose sides print their own codes,
// the code of `col`'s side. Empty elsewhere.
const std::string& CodeAt(const TableView& view, int row, int col);

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
  bool percents = false;   // the cells are percentages (a 占比变动 column = 占比 − 占比)
};
// nullopt when the target or a part holds no number (a missing part is not checked) or the sum
// overflows. Tolerance: one unit of the finest printed digit per summand.
std::optional<Check> EvaluateSum(const Table& table, const Sum& sum);

// A percent cell = numerator / denominator × scale, in one row; or, for a share of the total
// (占比), with the denominator taken from the total row.
struct Ratio {
  std::string rule;
  int row = 0;
  int target = 0, numerator = 0, denominator = 0;  // columns
  int64_t scale = 100;
  int denominator_row = -1;  // -1 = `row`
};
// nullopt when a cell holds no number or the denominator is zero.
std::optional<Check> EvaluateRatio(const TableView& view, const Ratio& ratio);

// The per-row sum check of a column identity (declared or inferred).
Sum RowSum(const TableView& view, int row, const std::string& rule, int target,
           const std::vector<int>& parts, const std::vector<int>& signs);

// The sum check down one column: rows `parts` of column `col` add up to row `row`. Parts are
// named by their codes when `name_parts_by_code` (a 类 may have dozens of children), else by label.
Sum ColumnSum(const TableView& view, const std::string& kind, const std::string& rule, int row,
              const std::vector<int>& parts, int col, bool name_parts_by_code = false);

// --- nesting (nesting.cc) ---
// How a partial sum of children compares with their would-be parent. kOver: the sum can only
// move further away (no negative numbers), so the walk stops.
enum class Fit { kNone, kOver, kWithinRounding, kExact };
// What an item is to a walk from a parent: a possible child, skipped (其中 rows restate part of
// a sibling) or the end of the walk (a 合计 row, a heading, the end of a run of amount columns).
enum class Step { kChild, kSkip, kStop };
struct NestingRules {
  int n = 0;  // items 0..n-1 in order
  std::function<bool(int item)> can_parent;
  // first_child: the walk's first child, -1 while it has none (siblings are alike).
  std::function<Step(int parent, int item, int first_child)> step;
  std::function<Fit(int parent, const std::vector<int>& children)> fit;
  // Where the structure is known (a coded row spans the rows of its child codes): the last item
  // of the group `item` heads, -1 when unknown. Optional.
  std::function<int(int item)> fixed_end;
  int min_children = 1;
  // Walks explore alternatives; this bounds the work per parent (long runs of zeros make every
  // grouping fit).
  int steps_per_parent = 20000;
};
struct Nesting {
  std::vector<std::vector<int>> children;  // per item, its direct children in order; empty = none
  std::vector<int> end;                     // per item, the last item of its group (itself if none)
};
Nesting FindNesting(const NestingRules& rules);

// --- inferred row hierarchy (row_hierarchy.cc) ---
// The nesting of the rows of one side of a table, found from the amounts alone.
struct RowTree {
  std::vector<int> columns;                  // the side's amount columns
  std::vector<std::vector<int>> children;    // per row
  std::vector<int> parent;                   // per row, -1 when none
};
std::vector<RowTree> FindRowTrees(const TableView& view);
const RowTree* TreeFor(const std::vector<RowTree>& trees, int col);  // nullptr when none

// --- the kinds of check, one file each ---
void AddRollups(const TableView& view, std::vector<Check>* out);
void AddDifferences(const TableView& view, std::vector<Check>* out);
void AddTotals(const TableView& view, const std::vector<RowTree>& trees, std::vector<Check>* out);
// Per parent row of the trees and amount column, unless a code_rollup check in *out covers the
// cell or *out already holds the same sum (same target and parts, e.g. a total_row check).
void AddRowHierarchy(const TableView& view, const std::vector<RowTree>& trees, std::vector<Check>* out);
// Returns whether any identity applied to the table (all its keys present).
bool AddDeclaredColumnIdentities(const TableView& view, const std::vector<ColumnIdentity>& ids,
                                 std::vector<Check>* out);
// The rules' line identities whose table pattern matches the table's number and title.
void AddLineIdentities(const TableView& view, const std::vector<LineIdentity>& ids, std::vector<Check>* out);
void AddInferredColumnIdentities(const TableView& view, std::vector<Check>* out);
// Change columns: col t = col x − col y (调增数 = 全年预算数 − 年初预算数) on most rows, x and y
// left of t, for columns no inferred sum uses (`used`).
void AddColumnDifferences(const TableView& view, const std::vector<bool>& used, std::vector<Check>* out);
// Returns the percent columns the declared ratios explain, for inference to leave alone.
std::vector<int> AddDeclaredRatios(const TableView& view, const std::vector<RatioIdentity>& ids,
                                   std::vector<Check>* out);
void AddInferredRatios(const TableView& view, const std::vector<int>& covered, std::vector<Check>* out);
// A cell a selector names (cross_table.cc): the first table in document order whose number and
// title hold the selector's table, its row by label (on either half of a two-sided table) and
// its column by key; nothing when none holds a number there.
struct Found {
  const TableView* view = nullptr;
  int row = 0, col = 0;
  Decimal value;
};
std::optional<Found> FindCell(const std::vector<TableView>& views, const CellSelector& sel);

void AddCrossTable(const std::vector<TableView>& views, const std::vector<CrossTableIdentity>& ids,
                   std::vector<Check>* out);
// Per narrative fact naming a row of some table: a check when the row's amount agrees with the
// text, a warning when it does not.
void AddNarrativeLinks(const std::vector<TableView>& views, const std::vector<NarrativeFact>& facts,
                       const std::vector<NarrativeLink>& links, Reconciliation* out);

// Whether an inferred identity holds on enough rows to be believed: exactly on >= 80% of the rows
// where it can be evaluated, and exactly with a non-zero target on at least 2 (rows of zeros
// satisfy any sum and prove nothing).
struct Tally {
  int evaluable = 0, exact = 0, exact_nonzero = 0, within = 0;
  void Add(const Check& check) { Add(check.result, check.stated.units != 0); }
  void Add(CheckResult result, bool nonzero_target);
  bool Convincing() const { return exact * 5 >= evaluable * 4 && exact_nonzero >= 2; }
  // A printed percentage is rounded from unrounded amounts, so its last digit is often one off
  // what the printed amounts give: rows within rounding count, provided most rows are exact.
  bool ConvincingRatio() const {
    return (exact + within) * 5 >= evaluable * 4 && exact * 2 >= evaluable && exact_nonzero >= 2;
  }
};

// --- ratios on every row (ratio.cc, share.cc) ---
struct RatioFit {
  std::vector<Check> checks;
  Tally tally;
};
RatioFit FitRatio(const TableView& view, const Ratio& base);  // base.row is ignored
// Percent column p as a share of a total row (占比 = row / 合计 × 100) in the amount column that
// explains it best; empty when none convinces.
RatioFit BestShare(const TableView& view, int p);

}  // namespace budgetx::reconcile::internal
