// Stage: model — the plain value types every stage exchanges.
//
// Contract
//   Document → Page → Line → Span  (extractors produce these)
//   Table → Row → Cell             (tables stage produces these from pages)
//   Record, Check, Correction, Warning, NarrativeFact, Indicator (later stages add these)
// All types are plain structs held by value in vectors. Units are stated on every field that has
// one: page numbers count from 1; boxes are PDF points with the origin at the page's top-left
// corner (y grows downward); amounts are integer fen (1 元 = 100 fen), never binary floating point.
// Thread-safety: values only; no shared state.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace budgetx {

// A rectangle on a page in PDF points, origin top-left.
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// Where a piece of text came from. Every field is optional because a text dump knows its line but
// not its box, and an OCR page knows its box but not its source line.
struct Provenance {
  int page = 0;                    // 1-based page; 0 = unknown
  int line = 0;                    // 1-based line in the source text file; 0 = not a text source
  std::optional<Box> box;          // on the page, PDF points
  std::optional<double> confidence;  // 0..1, OCR only
};

// A run of text the extractor saw as one unit: a tab-separated cell, a space-separated token or a
// PDF word.
// Where a span sits across its line, in the line's layout units: PDF points for a PDF, character
// columns for a space-aligned text dump. Tables use it to put cells in columns; it is not output.
struct Extent {
  double x0 = -1, x1 = -1;  // negative: unknown
  bool known() const { return x0 >= 0 && x1 >= x0; }
};

struct Span {
  std::string text;  // as read (after decoding to UTF-8), not normalised
  Provenance where;
  Extent extent;
  int column_span = 1;  // grid columns a merged cell of a ruled table covers
  double inset = -1;    // points from a ruled cell's left edge to its text; -1 unknown
};

// A page rendered for OCR: one byte per pixel (0 black … 255 white), rows top to bottom.
struct GreyImage {
  int width = 0, height = 0;
  int dpi = 0;  // pixels per inch: a pixel is 72 / dpi PDF points
  std::vector<uint8_t> pixels;  // width * height
};

// A line of a text source as written (decoded, not split), for showing it to a person.
struct SourceLine {
  int page = 1;  // pages start at form feeds
  std::string text;
};

// One line of the source in reading order.
struct Line {
  std::vector<Span> spans;
  // True when the source separated spans with an explicit cell delimiter (tab), so each span is a
  // cell; false when spans are whitespace-separated tokens that the tables stage must group.
  bool cell_delimited = false;
  // Leading tabs before the first span; the one-cell-per-line dump layout encodes structure there.
  int indent = 0;
  // The table region of its page this line is a row of (numbered from 0 on each page, in the
  // order the layout found them), or -1: regions come from the page's geometry (a ruled grid),
  // before any rule reads the text.
  int region = -1;
  // A line of a region found from text alignment (no rules) read at the region's gutters: one
  // span per column, empty where the line has nothing there. Empty for other lines. The tables
  // stage reads a table no title rule opened by these columns, a titled one by its spans.
  std::vector<Span> columns;
  Provenance where;
  std::string Text() const;  // spans joined with a single space (tab when cell_delimited)
};

struct Page {
  int number = 0;  // 1-based
  std::vector<Line> lines;
  bool needs_ocr = false;  // the text layer cannot be trusted (set by the PDF extractor)
  // Quarter turns clockwise the page's text is printed at (1 or 3: a table printed sideways).
  // The boxes of such a page are in its reading frame: the page turned back by as many quarter
  // turns about `pivot` (for 1: x' = y, y' = pivot - x; for 3: x' = pivot - y, y' = x).
  int turns = 0;
  double pivot = 0;  // points
};

// An error or warning as a value, with the context needed to act on it:
// "report.pdf: page 12: rules/tables.yaml:34: <what, with the offending text>".
struct Status {
  enum class Code { kOk, kNotFound, kIoError, kBadInput, kBadRule, kUnsupported, kInternal };
  Code code = Code::kOk;
  std::string file;     // the document or rule file concerned
  int page = 0;         // 1-based, 0 = not page-specific
  int line = 0;         // 1-based line in `file`, 0 = unknown
  std::string message;  // what went wrong, quoting the offending text

  static Status Ok() { return {}; }
  static Status Error(Code code, std::string file, std::string message, int line = 0, int page = 0);
  bool ok() const { return code == Code::kOk; }
  std::string ToString() const;
};

// The bytes of the file at `path`: kNotFound "cannot open file", kIoError "read error".
Status ReadWholeFile(const std::string& path, std::string* bytes);

// Returns the Status of `expr` when it is an error; callers chain many steps that can each fail.
#define BUDGETX_RETURN_IF_ERROR(expr)                       \
  do {                                                      \
    if (::budgetx::Status s_ = (expr); !s_.ok()) return s_; \
  } while (0)

struct Warning {
  std::string stage;    // "extract", "tables", "normalize", "reconcile", ...
  std::string message;  // cause, quoting the offending text
  Provenance where;
  // The output is known to be incomplete (e.g. the input ends in the middle of a table row): what
  // was extracted is still written, and the CLI reports the file as failed.
  bool incomplete = false;
};

// A change the normaliser made to a piece of text, kept with the raw text so nothing is silent.
struct Correction {
  std::string kind;      // "nfkc", "cjk_space", "number_chars", "split_number", ...
  std::string raw;       // text as read
  std::string result;    // text after the change
  Provenance where;
  std::string table;     // table number/title when the text is a cell, else empty
  int table_index = -1;  // index into Document::tables when the text is a cell
  int row = -1;          // 0-based body row, -1 when not a cell
  int column = -1;       // 0-based column, -1 when not a cell
  std::string because;   // what decided a repair from the accounts: the identities it makes hold
};

// The typed reading of a cell's text.
enum class ValueKind { kEmpty, kText, kCode, kAmount, kPercent, kNumber, kDash };
const char* ValueKindName(ValueKind kind);

// An exact decimal: value = units / 10^scale. Never a binary float.
struct Decimal {
  int64_t units = 0;
  int scale = 0;  // digits after the point as printed
  std::string ToString() const;
};

struct Cell {
  std::string raw;   // as read, spans joined
  std::string text;  // normalised
  ValueKind kind = ValueKind::kEmpty;
  std::optional<Decimal> number;     // amounts, percents (the number before %), plain numbers
  std::optional<int64_t> amount_fen;  // amounts only, in the table's unit
  Provenance where;
  Extent extent;  // across the line, when the extractor knows it
  int column_span = 1;  // columns a merged cell covers (ruled tables)
  double inset = -1;    // Span::inset: how far the text is indented in its ruled cell (points)
  // How many steps a name is indented in its left-aligned column (0 = flush or not known): the
  // hierarchy of names without codes or outline numbers.
  int indent = 0;
  // The correction that changed `text` beyond normalising it, as a Correction kind:
  // "ocr_repair:RULE" (rules/ocr.yaml), "ocr_vocabulary" (a known word restored, rules/vocabulary.yaml),
  // "code_list_name" (a name read beside its code restored to the listed name, rules/classification.yaml),
  // "overflow_decimals" (decimals run into the next cell), "code_part_padded" (a code part printed as
  // a number, `2` for 02).
  std::string repair;
};

// kDifference: a change row (增减, 比上年增减) = the row above it − the row above that.
enum class RowKind { kBody, kTotal, kSubtotal, kOfWhich, kDifference };
const char* RowKindName(RowKind kind);

struct Row {
  std::vector<Cell> cells;
  RowKind kind = RowKind::kBody;
  std::string code;   // classification code (3/5/7 digits) when the row has one
  std::string name;   // the row's label (科目名称, 项目名称 …), normalised
  int level = 0;      // 1 = 类 (3 digits), 2 = 款 (5), 3 = 项 (7), 0 = none
  int indent = 0;  // the Cell::indent of the row's name (its first text cell)
  // First column the code applies to: a 收支总表 row is an income item and an expenditure item
  // side by side, and only the 支出 half carries the classification.
  int code_column = 0;
  // The code was not printed in this row but taken from a coded table listing the same names.
  bool code_borrowed = false;
  // The source separated the cells explicitly (tabs, one cell per line), so each cell's position
  // is its column; otherwise cells were grouped from whitespace-separated tokens.
  bool delimited = false;
  Provenance where;
};

struct Column {
  std::string key;     // canonical key from rules (e.g. "total", "basic", "project"), or "col_N"
  std::string header;  // header text as printed, levels joined with "/"
  bool amount = false;  // the column holds amounts
};

struct Table {
  std::string number;   // "表3", "附件1", "1", or empty
  std::string title;    // without the number
  std::string unit;     // "元", "万元", "亿元"
  int64_t unit_fen = 1000000;  // fen per unit
  std::vector<int> pages;      // 1-based, every page the table is on
  std::vector<std::vector<std::string>> header;  // header lines as read (cells per line)
  // Where each header label was printed, when the extractor knows (layout; not output).
  std::vector<std::vector<std::optional<Box>>> header_boxes;
  std::vector<Column> columns;
  std::vector<Row> rows;  // body rows only
  // A two-sided table whose header repeats one group of columns for each half (项目 | 预算数
  // twice, 编码 | 名称 | 金额 twice): the first column of each half. Empty otherwise.
  std::vector<int> side_starts;
  std::string part;       // when one numbered table is printed in parts
  Provenance where;       // title position
  // A title rule named the table; otherwise its region on the page made it (its title is the
  // line above, or none). Not output.
  bool named = false;
  // When OCR repairs changed the title: the title as read and the repair (a Correction kind).
  // Not output as such: the table's corrections list it.
  std::string title_raw;
  std::string title_repair;
};

// One amount as an analytics database loads it.
struct Record {
  std::string table;     // table number or title
  int table_index = 0;   // index into Document::tables
  std::string row_code;
  std::string row_name;
  std::string column;    // column key
  int64_t amount_fen = 0;
  int row = 0;           // 0-based body row
  int column_index = 0;  // 0-based
  Provenance where;
};

// A performance indicator value parsed into fields (“≥95%”, “≥578 人”, “5.5 万户”).
struct Indicator {
  int level = 0;  // 1/2/3 (一级/二级/三级指标), 0 = unknown
  std::string level1, level2, name;
  std::string target_text;
  std::string comparator;  // "≥", "≤", ">", "<", "=" or empty
  std::optional<Decimal> value;
  std::string unit;        // "%", "人", "万户", ...
  std::string actual_text;
  Provenance where;
};

// An amount stated in narrative text, e.g. “部门预算收入 27,126万元”.
struct NarrativeFact {
  std::string rule;      // rule name that matched
  std::string subject;   // what the amount is of (收入, 支出, 科目 name, ...)
  std::string text;      // the matched sentence fragment
  std::optional<Decimal> amount;  // as printed, in `unit`
  std::string unit;               // 元, 万元 … (万元 when the text names none)
  std::optional<int64_t> amount_fen;
  std::optional<Decimal> percent;
  Provenance where;
};

// A sentence that states an amount, what it is compared with and how they compare in words
// (年初预算为 A 万元，支出决算为 B 万元，完成年初预算的 C%。决算数小于预算数): the numbers and the
// words as printed, for the audit to weigh against each other.
struct Comparison {
  std::string rule;
  std::string text;                        // the matched sentence fragment
  std::map<std::string, Decimal> numbers;  // by role: base, amount, change, ratio, growth
  std::vector<std::string> words;          // the words that compare (增加, 增长, 小于 …), in order
  Provenance where;
};

// A reference to a cell of the document.
struct CellRef {
  int table = 0;   // index into Document::tables
  int row = 0;     // 0-based body row
  int column = 0;  // 0-based column
};

enum class CheckResult { kPass, kPassWithinRounding, kFail };
const char* CheckResultName(CheckResult result);

struct Check {
  std::string kind;   // "code_rollup", "total_row", "column_identity", "ratio", "cross_table", ...
  std::string rule;   // the rule that asserted it
  std::string description;
  CheckResult result = CheckResult::kPass;
  CellRef target;
  std::vector<CellRef> parts;  // summands (or numerator, denominator for ratios)
  std::vector<int> signs;      // +1/-1 per part for sums
  Decimal stated;              // the printed value, in the printed unit
  Decimal computed;            // the value the parts give, in the printed unit
  Decimal tolerance;           // allowed |stated - computed| for pass-within-rounding
};

// How much a finding matters to a reviewer: an error is a fault of the disclosure (a total that
// does not add up, a mandatory table missing); a warning is likely one (a year off, a placeholder
// left in); info is worth knowing (a difference within rounding, a table printed under another
// name).
enum class Severity { kError, kWarning, kInfo };
const char* SeverityName(Severity severity);

// What a finding points at: a cell, a table, or a piece of text, where it is printed.
struct Evidence {
  std::string kind;               // "cell", "table", "text"
  std::string text;               // as printed (a cell's text, a table's title, a sentence)
  std::optional<CellRef> cell;    // for a cell
  std::optional<int> table;       // index into Document::tables, for a cell or a table
  std::optional<Decimal> value;   // the number it states, in `unit`
  std::string unit;
  Provenance where;
};

// Something a reviewer of the disclosure would act on, found by an audit rule (rules/audit.yaml)
// or by a failed check.
struct Finding {
  std::string rule;      // the audit rule or check that found it
  Severity severity = Severity::kWarning;
  std::string message;   // what is wrong, where, by how much
  std::vector<Evidence> evidence;
  std::optional<Decimal> stated, computed;  // the numbers compared, when it compares numbers
};

// What a finished document holds, counted (for summaries on the terminal and in the JSON).
struct DocumentCounts {
  size_t tables = 0, rows = 0, records = 0;
  size_t pass = 0, pass_within_rounding = 0, fail = 0;  // checks by result
};

struct DocumentInfo {
  std::string kind;    // 部门预算, 部门决算, 项目绩效自评表, ...; "other" when no rule names it
  int year = 0;
  std::string issuer;  // the 部门 or 单位 the document reports on
  std::string region;  // the region the issuer or title names (上海市普陀区), when it names one
  std::string unit;    // the unit most tables declare
  std::string title;
  std::vector<std::string> from_file_name;  // fields not printed, read from the file's name ("year")
};

struct Document {
  std::string path;
  std::string sha256;       // of the file's bytes, lowercase hex
  std::string source_kind;  // "text", "html" (a dump that is a web page) or "pdf"
  std::string encoding;     // detected input encoding ("UTF-8", "GB18030", ...)
  std::vector<Page> pages;
  DocumentInfo info;
  std::vector<Table> tables;
  std::vector<Record> records;
  std::vector<Indicator> indicators;
  std::vector<NarrativeFact> facts;
  std::vector<Comparison> comparisons;  // read by the audit; not part of the output
  std::vector<Check> checks;
  // Amounts the text states that their table row contradicts, as failed checks; reported as
  // warnings, read by the audit, not part of the output.
  std::vector<Check> disagreements;
  std::vector<Finding> findings;
  std::vector<Correction> corrections;
  std::vector<CellRef> review;  // cells read by OCR with less confidence than the review threshold
  std::vector<Warning> warnings;
};

DocumentCounts Count(const Document& doc);

}  // namespace budgetx
