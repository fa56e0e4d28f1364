// Stage: tables — finds tables in the pages of a Document and builds typed rows.
//
// Input:  a document's pages of lines (from any extractor; a line may belong to a table region
//         the layout found from the page's geometry, Line::region) and the loaded RuleSet.
// Tables: a title rule opens a table (numbers 表N, 表一, 公开01表, 预算02表, （预算表 1）, titles
//         with or without a number); a region no title opened is a table too, titled by the line
//         above it (with a warning), read by its columns when it is unruled, and it ends with its
//         region. A second region after a caption on the same page is another table; a region
//         opening the next page with the last table's column boundaries continues it. Contents
//         pages (rules contents_lines, or titles and nothing else) and part headings open none;
//         lines under a title that form neither grid nor columns are running text, left out
//         with a warning.
// Output: BuiltTables: the tables (number, title, unit, pages, header lines, columns with canonical
//         keys, body rows of normalised, typed cells with provenance), the indicators (rows of
//         performance-target tables), a Correction for every cell whose text the normaliser
//         changed, the cells OCR read with little confidence, and the document's unit. Records
//         (one per amount) are derived from tables by Records, after any repair of their cells. A table that continues on later pages
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

struct BuiltTables {
  std::vector<Table> tables;
  std::vector<Indicator> indicators;
  std::vector<Correction> corrections;  // the normaliser's changes to cell texts
  std::vector<CellRef> review;          // cells OCR read with less confidence than review_below
  std::vector<Warning> warnings;
  std::string unit;  // the unit the document's first unit line declares, else empty
};

BuiltTables BuildTables(const rules::RuleSet& rules, const Options& options, const std::vector<Page>& pages);

// One Record per amount cell of `tables` (CellRef::table indexes `tables`).
std::vector<Record> Records(const std::vector<Table>& tables);

}  // namespace budgetx::tables
