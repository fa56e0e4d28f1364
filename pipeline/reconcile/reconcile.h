// Stage: reconcile — checks that the printed numbers agree with each other.
//
// Input:  built tables (rows with codes, kinds and typed cells; columns with canonical keys), the
//         amounts the text states (narrative facts) and the identities the rules declare.
// Output: a Reconciliation: one Check per identity instance, each pass, pass_within_rounding or
//         fail, with stated and computed values, and one Warning per amount in the text that its
//         table row contradicts. The tables are only read: printed numbers are never changed.
// Kinds of check:
//   code_rollup      a row with a classification code = Σ rows of its direct child codes
//                    (201 = Σ 201xx, 20101 = Σ 20101xx), per amount column (a code applies from
//                    Row::code_column on: only the 支出 half of a 收支总表 is classified; a
//                    table whose header repeats one group of columns, 编码 | 名称 | 金额 twice,
//                    is read as its sides, each with the codes of its own code column);
//   total_row        a 合计/总计 row = Σ the top-level rows above it (per amount column; without
//                    codes, top-level by outline number and by the inferred row hierarchy); a
//                    total under another = that total + the rows between; and, rule "balance",
//                    the two halves of a two-sided table are equal on its last total row;
//   row_hierarchy    for rows no code structures, a row = Σ the rows after it that the amounts
//                    show it heads (工资福利支出 = 基本工资 + 津贴补贴 …; a unit row = Σ its
//                    groups), inferred per side of the table (rule "inferred: row sums");
//   column_identity  per row, a column = Σ ±other columns, as declared by rules
//                    (支出总计 = 基本支出 + 项目支出); or, for a table whose columns have no keys,
//                    an identity that holds on most rows of the table (reported as "inferred"):
//                    nested sums (总计 = 小计 + …, 小计 = …) and change columns (调增数 = 全年 − 年初);
//   line_identity    a total line = Σ other lines named by their labels, as declared by rules
//                    (“三公” 合计 = 因公出国（境）+ 公务接待 + 公务用车购置及运行, as rows down each
//                    amount column or as columns across each row; a blank part is 0);
//   ratio            per row, a percent column = numerator / denominator × scale (执行率), as
//                    declared or inferred from two columns of the row, or a share of the total
//                    row (占比 = amount / 合计 amount × 100);
//   cross_table      a cell of one table = a cell of another (表1 支出总计 = 表3 支出总计);
//   narrative        an amount the text states for a named item (财政拨款收入 3,121.42 万元) = the
//                    cell of the table row of that name (or, in a one-row table, the column),
//                    converted to the text's unit and rounded to its printed digits (the text
//                    rounds; that is a pass). A disagreement is a warning, not a fail: the text
//                    may break down another item by the same names.
// Inference never stands in for the rules where they apply; an inferred identity needs most rows
// (or, for rows, most of the table) to agree, so a lone coincidence makes no check.
// Tolerance: the documents warn of 尾数误差 (rounding when converting units): a difference of at
// most one unit of the last printed digit per summand is pass_within_rounding, never pass.
// Thread-safety: pure function of its inputs.
#pragma once

#include <string>
#include <vector>

#include "pipeline/model/model.h"
#include "pipeline/rules/rules.h"

namespace budgetx::reconcile {

// The identities reconcile checks are the rules' (rules/columns.yaml and the like).
using rules::CellSelector;
using rules::ColumnIdentity;
using rules::CrossTableIdentity;
using rules::Identities;
using rules::LineIdentity;
using rules::NarrativeLink;
using rules::RatioIdentity;

struct Reconciliation {
  std::vector<Check> checks;      // every check of every table, then across tables and the text
  std::vector<Warning> warnings;  // amounts in the text that their table row contradicts
  std::vector<Check> disagreements;  // the same, as failed narrative checks, for the audit
};

// The checks of `tables` (indexed as CellRef::table) and of the text's `facts` against them.
Reconciliation Reconcile(const Identities& identities, const std::vector<Table>& tables,
                         const std::vector<NarrativeFact>& facts);

}  // namespace budgetx::reconcile
