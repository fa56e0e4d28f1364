// Stage: tables — finds tables in the pages of a Document and builds typed rows.
//
// Input:  Document with pages of lines (from any extractor) and the loaded RuleSet.
// Output: Document::tables (number, title, unit, pages, header lines, columns with canonical keys,
//         body rows of normalised, typed cells with provenance), Document::records (one per
//         amount), Document::indicators (rows of performance-target tables), and a Correction for
//         every cell whose text the normaliser changed. A table that continues on later pages
//         (repeated title and header) is one table listing every page.
// Errors: none fatal. Oddities become Warnings naming page, line and cause: a table without a
//         declared unit (the document's unit, else 万元, is assumed), a row with more cells than
//         the header, an amount that needed rounding to fen.
// Layouts understood (decided per line, so one document may mix them):
//   cell-delimited lines (tab-separated cells, one row per line);
//   one cell per line, indented, rows separated by blank lines;
//   whitespace-separated tokens (PDF text order), where wrapped labels sit on the lines above
//   their amounts and headers wrap over several lines.
// Thread-safety: pure function of its inputs.
#pragma once

#include "pipeline/model/model.h"
#include "pipeline/rules/rules.h"

namespace budgetx::tables {

struct Options {
  // Unit assumed for a table that declares none and whose document declares none.
  std::string default_unit = "万元";
  // A text-only line needs at least this many cells to stand as a row of its own; shorter text
  // lines are pieces of a wrapped cell (the label of the next amount row, or of a text row).
  int min_cells_for_text_row = 2;
  // Cells read by OCR with less confidence (0..1) than this are listed for review.
  double review_below = 0.6;
};

void BuildTables(const rules::RuleSet& rules, const Options& options, Document* doc);

}  // namespace budgetx::tables
