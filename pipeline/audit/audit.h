// Stage: audit — what a reviewer of a disclosure would act on, as findings with their evidence.
//
// Input:  a document as the driver assembled it (its kind and year, tables, checks, the lines
//         of its pages and the comparisons its sentences state) and the RuleSet's audit rules
//         (rules/audit.yaml, the classification lists and the comparing words).
// Output: Findings, each naming its rule, a severity, a message saying what is wrong, where and by
//         how much, and the evidence (cells, tables and lines with page and box; the numbers
//         compared):
//   - checks: a failed check is an error (of the sums failing on one printed cell, the one that
//     misses by least: the others are its fault seen through a wrong grouping), a warning when
//     OCR read its cells (a lost minus sign fails a sum as a wrong total does) or when more than
//     a fifth of its table's sums fail, three at least (a table read wrong); one that holds
//     within rounding is info; an amount the text states that the table gives 10,000 times
//     larger or smaller is an error of its unit (unit_mislabel: 0.3万元 for 2,961.68万元);
//   - completeness: among the templates for the document's kind, the one its tables fit best,
//     when they hold half its mandatory tables or more: each mandatory table missing is an error
//     (a warning when its title is printed but no table was read under it), a table printed under
//     another title than the template's is info, a table the template does not list info.
//     Otherwise one finding (info) says the document follows no known template, or has no tables
//     (its tables published elsewhere);
//   - empty tables: a table with a column of amounts but none in it, and no note saying so (本表无数据…)
//     under it or for the whole document is a warning; a table with amounts and such a note
//     among its rows or under it too;
//   - placeholders: text a template left unfilled (XX, 待填写) is a warning;
//   - stray years: a year in a table's title or in a line (as the rule says) that is neither
//     the report's year nor the year before is a warning;
//   - comparisons: a sentence's comparing words against its own amounts (决算数小于预算数 of a
//     决算 above its budget; 增加 and 下降 of one change), and its stated rates against the ones
//     its amounts give, give or take a unit of the last digit, are warnings;
//   - code names: a classification code printed with the name the lists give another code of its
//     level is a warning, in tables that mostly print the listed names.
// Errors: none; a document without a kind or year is audited for what does not need them.
// Thread-safety: pure function of its inputs.
#pragma once

#include <vector>

#include "pipeline/model/model.h"
#include "pipeline/rules/rules.h"

namespace budgetx::audit {

std::vector<Finding> Audit(const rules::RuleSet& rules, const Document& doc);

}  // namespace budgetx::audit
