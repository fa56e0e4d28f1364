// The tables stage: lines segmented into tables, then whole-document passes over them (running
// text and empty titles left out, units assumed, cells typed, codes borrowed, records of review).
#include <algorithm>
#include <map>
#include <set>

#include "pipeline/normalize/normalize.h"
#include "pipeline/tables/internal.h"
#include "pipeline/tables/tables.h"

namespace budgetx::tables {
namespace {

int LastTextLine(const std::vector<Page>& pages) {
  for (auto page = pages.rbegin(); page != pages.rend(); ++page) {
    for (auto line = page->lines.rbegin(); line != page->lines.rend(); ++line) {
      if (!line->spans.empty()) return line->where.line;
    }
  }
  return 0;
}

size_t AmountCount(const Row& row) {
  size_t n = 0;
  for (const auto& c : row.cells) n += c.amount_fen.has_value() || c.kind == ValueKind::kDash;
  return n;
}

// A dump cut off mid-row ends with a table row that has fewer amounts than the table's rows
// usually have.
void FlagTruncatedRow(const std::vector<Page>& pages, BuiltTables* out) {
  if (out->tables.empty() || out->tables.back().rows.size() < 2) return;
  const Table& table = out->tables.back();
  const Row& last = table.rows.back();
  int last_line = LastTextLine(pages);
  if (last_line == 0 || last.cells.empty() || last.cells.back().where.line != last_line) return;
  std::map<size_t, size_t> counts;
  for (size_t r = 0; r + 1 < table.rows.size(); ++r) ++counts[AmountCount(table.rows[r])];
  size_t usual = std::max_element(counts.begin(), counts.end(),
                                  [](const auto& a, const auto& b) { return a.second < b.second; })->first;
  size_t have = AmountCount(last);
  if (usual < 2 || have == 0 || have >= usual) return;
  Warning w{"tables", "input ends in the middle of a row of table " + table.number + " " + table.title + ": " +
                          std::to_string(have) + " of " + std::to_string(usual) + " amounts ('" +
                          last.cells.back().raw + "' is the last text)",
            last.cells.back().where};
  w.incomplete = true;
  out->warnings.push_back(std::move(w));
}

// A title with nothing under it is a line of the table of contents, or a caption in running text.
void DropEmptyTables(std::vector<Table>* tables) {
  std::erase_if(*tables, [](const Table& t) { return t.rows.empty(); });
}

// Share of rows of running text that makes lines under a title running text.
constexpr double kProseShare = 0.8;
constexpr size_t kMinProseRows = 3;
// Display columns of a piece of a justified line: its characters spread apart, a line of running
// text comes out as pieces of a character or two.
constexpr int kJustifiedPiece = 4;
constexpr int kMinJustifiedPieces = 4;
// A table of text prints the same number of cells, at least this many, on most of its rows.
constexpr size_t kMinShapedCells = 3;

std::vector<const Cell*> Filled(const Row& row) {
  std::vector<const Cell*> filled;
  for (const auto& c : row.cells) {
    if (!c.text.empty()) filled.push_back(&c);
  }
  return filled;
}

bool HasSentenceMark(const std::string& text) {
  for (std::string_view mark : {"，", "。", "；", "：", "、", "！", "？"}) {
    if (text.find(mark) != std::string::npos) return true;
  }
  return false;
}

// A line of running text among the rows: one holding a sentence (in one cell, or after a list's
// marker), or a justified line broken at its widened gaps into many pieces of a character or two.
bool IsProseRow(const std::vector<const Cell*>& filled) {
  std::string joined;
  std::vector<int> widths;
  for (const Cell* c : filled) {
    joined += c->text;
    widths.push_back(DisplayWidth(c->text));
  }
  if (HasSentenceMark(joined)) return true;
  if (widths.size() < kMinJustifiedPieces) return false;
  std::nth_element(widths.begin(), widths.begin() + static_cast<long>(widths.size() / 2), widths.end());
  return widths[widths.size() / 2] <= kJustifiedPiece;
}

// A number of a table of amounts, rates or counts; a page's number or a list's 1 2 3 is none.
bool IsQuantity(const Cell& c) {
  constexpr size_t kMaxOrdinalDigits = 2;
  bool ordinal = c.text.size() <= kMaxOrdinalDigits && c.text.find_first_not_of("0123456789") == std::string::npos;
  return !ordinal && (c.kind == ValueKind::kAmount || c.kind == ValueKind::kPercent || c.kind == ValueKind::kNumber);
}

// The title reads as a table's (…支出表, …情况表), whatever opened the table.
bool TitledAsTable(const rules::RuleSet& rules, const Table& table) {
  LineCells title;
  title.text = table.title;
  std::optional<Title> match = MatchTitle(rules, title);
  return match && !match->title.empty();
}

// Lines under a title that form neither a grid nor columns, one piece of text each, are running
// text (a contents entry or a heading taken for a title, and the chapter after it). So are lines
// of sentences or justified lines broken into pieces, without a quantity, that neither a table's
// title heads nor one shape of row holds (a letter, a list of duties printed among the tables).
// They are left to the narrative, and the title is reported.
bool IsProse(const rules::RuleSet& rules, const Table& table) {
  if (table.rows.size() < kMinProseRows) return false;
  size_t single = 0, texts = 0, prose = 0;
  bool placed = true, quantities = false;
  std::map<size_t, size_t> shapes;  // filled cells -> rows
  for (const auto& row : table.rows) {
    std::vector<const Cell*> filled = Filled(row);
    placed = placed && !row.delimited && row.where.box;
    single += filled.size() <= 1;
    texts += !filled.empty();
    prose += !filled.empty() && IsProseRow(filled);
    ++shapes[filled.size()];
    quantities = quantities || std::any_of(row.cells.begin(), row.cells.end(), IsQuantity);
  }
  const double rows = static_cast<double>(table.rows.size());
  if (placed && static_cast<double>(single) >= kProseShare * rows) return true;
  const bool shaped = std::any_of(shapes.begin(), shapes.end(), [&](const auto& s) {
    return s.first >= kMinShapedCells && static_cast<double>(s.second) >= kProseShare * rows;
  });
  return static_cast<double>(prose) >= kProseShare * static_cast<double>(texts) && !quantities && !shaped &&
         !TitledAsTable(rules, table);
}

void DropProse(const rules::RuleSet& rules, BuiltTables* out) {
  auto prose = [&](const Table& table) { return IsProse(rules, table); };
  for (const auto& table : out->tables) {
    if (!prose(table)) continue;
    out->warnings.push_back({"tables", "the " + std::to_string(table.rows.size()) + " lines under '" + table.number +
                                           table.title + "' are running text, not a table; left out of tables",
                             table.where});
  }
  std::erase_if(out->tables, prose);
}

// Cells OCR read with little confidence, for a person to compare with the page image.
std::vector<CellRef> ListForReview(double below, const std::vector<Table>& tables) {
  std::vector<CellRef> out;
  for (int t = 0; t < static_cast<int>(tables.size()); ++t) {
    const auto& rows = tables[t].rows;
    for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
      for (int c = 0; c < static_cast<int>(rows[r].cells.size()); ++c) {
        const auto& confidence = rows[r].cells[c].where.confidence;
        if (confidence && *confidence < below) out.push_back({t, r, c});
      }
    }
  }
  return out;
}

// A header label of the table names a column of amounts by the rules (合计, 预算数 …).
bool NamesAmountColumn(const rules::RuleSet& rules, const Table& table) {
  for (const auto& line : table.header) {
    for (const auto& label : line) {
      const rules::ColumnRule* rule = label.empty() ? nullptr : ColumnRuleFor(rules, normalize::Compact(label));
      if (rule && rule->amount) return true;
    }
  }
  return false;
}

// The pages a table's title and rows are on (narrative after a table's last row is not the table's).
void NoteRowPages(Table* table) {
  std::set<int> pages(table->pages.begin(), table->pages.end());
  for (const auto& row : table->rows) {
    pages.insert(row.where.page);
    for (const auto& c : row.cells) pages.insert(c.where.page);
  }
  pages.erase(0);
  table->pages.assign(pages.begin(), pages.end());
}

// A table without a unit line takes the document's (else the default) when it is named or heads
// a known amount column; otherwise its numbers are not read as amounts.
void AssumeUnit(const rules::RuleSet& rules, const Options& options, const std::string& document_unit, Table* table,
                std::vector<Warning>* warnings) {
  if (!table->unit.empty()) return;
  std::string name = "table " + table->number + " " + table->title;
  if (table->named || !document_unit.empty() || NamesAmountColumn(rules, *table)) {
    table->unit = document_unit.empty() ? options.default_unit : document_unit;
    warnings->push_back({"tables", name + " declares no unit; assumed " + table->unit, table->where});
  } else {
    warnings->push_back({"tables", name + " declares no unit and names no amount column; its numbers are not read as amounts",
                         table->where});
  }
}

}  // namespace

BuiltTables BuildTables(const rules::RuleSet& rules, const Options& options, const std::vector<Page>& pages) {
  BuiltTables out;
  Segment(rules, options, pages, &out);
  DropEmptyTables(&out.tables);
  DropProse(rules, &out);
  for (auto& table : out.tables) {
    NoteRowPages(&table);
    AssumeUnit(rules, options, out.unit, &table, &out.warnings);
    FinishTable(rules, &table, &out.warnings);
  }
  BorrowCodes(&out.tables);
  out.corrections = NormalizerCorrections(out.tables);
  out.review = ListForReview(options.review_below, out.tables);
  out.indicators = CollectIndicators(rules, out.tables);
  FlagTruncatedRow(pages, &out);
  return out;
}

}  // namespace budgetx::tables
