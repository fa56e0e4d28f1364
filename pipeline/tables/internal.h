// Internal to the tables stage; not part of its contract.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <optional>
#include <set>

#include "pipeline/model/model.h"
#include "pipeline/rules/rules.h"
#include "pipeline/tables/tables.h"

namespace budgetx::tables {

// A table's number and title as a title line prints them.
struct Title {
  std::string number;
  std::string title;
};

// A line after tokens were grouped into cells and each cell normalised and read.
struct LineCells {
  std::vector<Cell> cells;
  std::string text;       // normalised text of the whole line, cells joined by one space
  Provenance where;
  bool cell_delimited = false;
  int indent = 0;
  int region = -1;        // Line::region: the page's table region the line is a row of
  bool contents = false;  // the line is on a table-of-contents page
  // Line::columns read as a cell-delimited line, for a table its region opened.
  std::shared_ptr<const LineCells> columned;
  bool blank = false;
  int numeric = 0;        // cells that read as amounts or dashes
  std::optional<Title> title;  // the line is a table's title (MatchTitle), matched once
  // An OCR line of running text whose known word was split over its tokens (2026年部门一 投公
  // 共预算文出…): `text` has the word restored (RestoreKnownWord), this the text as read.
  std::string raw_text;
};

// --- detect (segment.cc): lines to tables of header lines and rows, not yet typed ---
void Segment(const rules::RuleSet& rules, const Options& options, const std::vector<Page>& pages, BuiltTables* out);

// --- describe (describe.cc): what the lines around a table say, by the rules ---
// A line that is a table title, by the rules (whole-line match on the normalised text). A row of
// a grid with several filled cells, and a heading of the document's parts, are not titles.
std::optional<Title> MatchTitle(const rules::RuleSet& rules, const LineCells& line);
// The unit a unit line (单位：万元) declares.
std::optional<std::string> MatchUnit(const rules::RuleSet& rules, const std::string& text);
// lines[first..] are one page's lines: a table of contents (its heading 目录, several entries, or
// titles and nothing but text), which holds no table and whose lines are no titles.
bool IsContentsPage(const rules::RuleSet& rules, const std::vector<LineCells>& lines, size_t first);
// Marks as contents the first lines of the page after a contents page (lines[first..]) that are
// its last entries run over, up to the text, except a title that a unit line shows to head a table.
void MarkContentsSpill(const rules::RuleSet& rules, std::vector<LineCells>* lines, size_t first);
bool IsSentence(const LineCells& line);  // ends with 。

// --- scanned pages (scanned.cc): titles and headers OCR reads differently on each page ---
// `read` is `title` with one character, or at most one in ten, read as another (OCR's usual slip).
bool MisreadOf(std::string_view read, std::string_view title);
bool ReadByOcr(const LineCells& line);  // some cell carries an OCR confidence
// OCR reads a header printed again on a continuation page differently each time. Ruled lines
// without numbers from lines[i], as many as the header has (`header_lines`), up to the last of
// them much like one of the `header`'s lines (compacted), are that header; returns that last line.
std::optional<size_t> HeaderReadAgain(const std::vector<LineCells>& lines, size_t i, size_t header_lines,
                                      const std::set<std::string>& header);

// --- cells (cells.cc) ---
// Groups a line's spans into cells (joining tokens that belong together: a number and its
// measure word, text wrapped after a comma) and types each cell. Records corrections.
LineCells ReadLine(const rules::RuleSet& rules, const Line& line);

// A cell from text already split off (normalised and read like any other cell).
Cell ReadCell(const std::string& raw);

// The OCR repairs for cells of a column of amounts (in: amount_column) applied to an OCR cell
// of such a column (a dash read as 一), recorded as the cell's repair.
void RepairInAmountColumn(const rules::RuleSet& rules, Cell* cell);

// Display width in columns: CJK and full-width characters count 2, others 1.
int DisplayWidth(const std::string& text);

// Splits text-only lines that precede an amount row into cells: a line much wider than the
// current cell's first line starts a new cell (a label column is narrow, a content column wide).
std::vector<Cell> WrappedCells(const std::vector<LineCells>& lines);

// Index of the first line of `lines` that belongs to a wrapped label ending at the last line:
// the lines of one wrapped cell share the cell's width, only the last may be shorter.
size_t WrappedLabelStart(const std::vector<LineCells>& lines);

// Unruled tables whose cells wrap (bands.cc). The gap between lines above which a new row
// starts, from the gaps among lines [from, to): the natural break between gaps within a cell and
// gaps between rows; 0 when the gaps do not fall into two groups.
double BandGap(const std::vector<LineCells>& lines, size_t from, size_t to);
// The last line of the row band starting at `first`: lines closer than `band_gap`, when they
// include amounts or follow the first amount row (`in_body`; above it they are header lines);
// `first` itself otherwise.
size_t BandEnd(const std::vector<LineCells>& lines, size_t first, double band_gap, bool in_body);
// The band's pieces as one line: pieces whose horizontal extents overlap are one cell, its text
// read top to bottom.
LineCells MergeBand(const std::vector<LineCells>& lines, size_t first, size_t last);

// Types cells of finished rows: codes, confirmed amounts (with fen in `unit_fen`), row kind,
// name and level; builds columns from the header lines.
void FinishTable(const rules::RuleSet& rules, Table* table, std::vector<Warning>* warnings);

// The column rule whose pattern the header path matches first; nullptr when none does.
const rules::ColumnRule* ColumnRuleFor(const rules::RuleSet& rules, const std::string& header);

// Column header paths (政府预算拨款/小计) of a table whose header lines are fragments of wrapped
// labels, read as the rule set's header_labels; empty unless the fragments are wholly known
// labels that make exactly `ncols` columns.
std::vector<std::string> FragmentedHeaderTexts(const rules::RuleSet& rules, const Table& table, size_t ncols);

// Joins cell texts with a separator, skipping empties.
std::string JoinTexts(const std::vector<Cell>& cells, const std::string& sep);

}  // namespace budgetx::tables

namespace budgetx::tables {

// A Correction per normalisation change of a cell (and per OCR repair rule it took).
std::vector<Correction> NormalizerCorrections(const std::vector<Table>& tables);

}  // namespace budgetx::tables

namespace budgetx::tables {

// Gives rows of uncoded tables the codes of a coded table that lists the same names in order.
void BorrowCodes(std::vector<Table>* tables);

// An Indicator per row of a table that has 三级指标 and 指标值 columns.
std::vector<Indicator> CollectIndicators(const rules::RuleSet& rules, const std::vector<Table>& tables);

}  // namespace budgetx::tables
