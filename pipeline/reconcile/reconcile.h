// Stage: reconcile — checks that the printed numbers agree with each other.
//
// Input:  a Document whose tables are built (rows with codes, kinds and typed cells; columns with
//         canonical keys) and the identities the rules declare.
// Output: Document::checks gains one Check per identity instance, each pass,
//         pass_within_rounding or fail, with stated and computed values. Printed numbers are never
//         changed. Nothing else in the document is modified.
// Kinds of check:
//   code_rollup      a row with a classification code = Σ rows of its direct child codes
//                    (201 = Σ 201xx, 20101 = Σ 20101xx), per amount column;
//   total_row        a 合计/总计 row = Σ the top-level rows above it (per amount column);
//   column_identity  per row, a column = Σ ±other columns, as declared by rules
//                    (支出总计 = 基本支出 + 项目支出); or, for a table whose columns have no keys,
//                    an identity that holds on most rows of the table (reported as "inferred");
//   ratio            per row, a percent column = numerator / denominator × scale (执行率);
//   cross_table      a cell of one table = a cell of another (表1 支出总计 = 表3 支出总计).
// Tolerance: the documents warn of 尾数误差 (rounding when converting units): a difference of at
// most one unit of the last printed digit per summand is pass_within_rounding, never pass.
// Thread-safety: pure function of its inputs.
#pragma once

#include <string>
#include <vector>

#include "pipeline/model/model.h"

namespace budgetx::reconcile {

// target = Σ signs[i] × parts[i], by column key.
struct ColumnIdentity {
  std::string name;  // as written in the rules, e.g. "支出总计 = 基本支出 + 项目支出"
  std::string target;
  std::vector<std::string> parts;
  std::vector<int> signs;  // +1/-1 per part; empty means all +1
};

// target (a percent column) = numerator / denominator × scale.
struct RatioIdentity {
  std::string name;
  std::string target;
  std::string numerator;
  std::string denominator;
  int64_t scale = 100;
};

// A cell named by table title pattern, row label and column key.
struct CellSelector {
  std::string table_title;  // substring of the table title (after normalisation)
  std::string row_label;    // substring of the row name; empty = the table's first row
  std::string column;       // column key; empty = the first amount column
};

struct CrossTableIdentity {
  std::string name;
  CellSelector left;
  CellSelector right;
};

struct Identities {
  std::vector<ColumnIdentity> columns;
  std::vector<RatioIdentity> ratios;
  std::vector<CrossTableIdentity> cross_table;
};

// Appends the checks of every table of `doc` (and across its tables) to doc->checks.
void Reconcile(const Identities& identities, Document* doc);

}  // namespace budgetx::reconcile
