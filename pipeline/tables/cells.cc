// Turning a line's spans into typed cells.
#include <re2/re2.h>

#include <algorithm>

#include "pipeline/normalize/normalize.h"
#include "pipeline/tables/internal.h"

namespace budgetx::tables {
namespace {

// Text read with this confidence (0..1) or more is as printed: the vocabulary restores words in
// unsure readings only (a sure 收入合计 is not the known 收入总计 misread).
constexpr double kSureReading = 0.98;

Cell MakeCell(const std::string& raw, const Provenance& where) {
  Cell cell;
  cell.raw = raw;
  cell.text = normalize::NormalizeText(raw).text;
  cell.where = where;
  auto reading = normalize::ReadNumber(cell.text);
  cell.kind = reading.kind;
  cell.number = reading.value;
  return cell;
}

bool IsNumeric(const Cell& c) { return c.kind == ValueKind::kAmount || c.kind == ValueKind::kDash; }

bool IsCode(const rules::RuleSet& rules, const std::string& text) {
  for (const auto& p : rules.codes) {
    if (RE2::FullMatch(text, *p.re)) return true;
  }
  return false;
}

bool EndsWithJoiner(const std::string& text) {
  static const char* kJoiners[] = {"，", "、", "；", "：", ",", ";", "（", "(", "/", "—", "-"};
  for (const char* j : kJoiners) {
    std::string_view s(j);
    if (text.size() >= s.size() && text.compare(text.size() - s.size(), s.size(), s) == 0) return true;
  }
  return false;
}

bool Flag(const rules::Pattern& rule, const char* name) {
  auto it = rule.attrs.find(name);
  return it != rule.attrs.end() && it->second == "true";
}

// The rule saying two tokens are one cell ("5 个社区", "2023 年", "27,126 万元"), matched against
// the pair joined by one space; nullptr when none does. `first` says prev is the row's first cell.
const rules::Pattern* JoinRule(const rules::RuleSet& rules, const Cell& prev, const Cell& next, bool first) {
  std::string pair = prev.text + " " + next.text;
  for (const auto& rule : rules.token_joins) {
    if ((first || !Flag(rule, "at_row_start")) && RE2::PartialMatch(pair, *rule.re)) return &rule;
  }
  return nullptr;
}

// Display columns of space between two tokens of different cells: on a printed page (a PDF) a
// gap of most of a character; in a text dump, where one space may separate the words of a cell,
// four.
constexpr double kColumnsApartPrinted = 1.5;
constexpr double kColumnsApartText = 4;

// Text wider than this (display columns) is running text rather than a label such as 项目.
constexpr int kLabelWidth = 16;

// The rule says the joined number may sit inside running text, which it then also joins.
bool InRunningText(const rules::Pattern* rule) { return rule && Flag(*rule, "in_text"); }

bool IsOneIdeograph(const std::string& text) {
  return text.size() == 3 && static_cast<unsigned char>(text[0]) >= 0xE3 && static_cast<unsigned char>(text[0]) <= 0xE9;
}

Cell Join(const Cell& a, const Cell& b, const char* separator = " ") {
  Cell joined = MakeCell(a.raw + separator + b.raw, a.where);
  joined.extent = a.extent.known() && b.extent.known() ? Extent{a.extent.x0, b.extent.x1} : a.extent;
  return joined;
}

// Tokens with positions that are farther apart than a cell's words ever are belong to different
// columns, whatever their text suggests.
bool FarApart(const Cell& a, const Cell& b) {
  if (!a.extent.known() || !b.extent.known()) return false;
  int width = DisplayWidth(a.text);
  if (width == 0) return false;
  double column = (a.extent.x1 - a.extent.x0) / width;  // one display column (half a CJK character)
  bool printed = a.where.box && b.where.box;
  return b.extent.x0 - a.extent.x1 > column * (printed ? kColumnsApartPrinted : kColumnsApartText);
}

// Whitespace-token lines: most tokens are cells, but a number followed by its measure word, a
// comparator and its number, and text broken after a comma are one cell.
std::vector<Cell> GroupTokens(const rules::RuleSet& rules, const Line& line) {
  std::vector<Cell> cells;
  for (const auto& span : line.spans) {
    Cell cell = MakeCell(span.text, span.where);
    cell.extent = span.extent;
    if (!cells.empty()) {
      Cell& prev = cells.back();
      bool prev_comparator = prev.text == "≥" || prev.text == "≤" || prev.text == ">" || prev.text == "<";
      // Letter-spaced headings ("收 入", "项 目") print one ideograph per token.
      bool spaced_pair = IsOneIdeograph(prev.text) && IsOneIdeograph(cell.text);
      const rules::Pattern* rule = JoinRule(rules, prev, cell, cells.size() == 1);
      if (FarApart(prev, cell)) {
        cells.push_back(std::move(cell));
        continue;
      }
      if (spaced_pair || rule || prev_comparator ||
          (prev.kind == ValueKind::kText && cell.kind == ValueKind::kText && EndsWithJoiner(prev.text))) {
        prev = Join(prev, cell, rule && Flag(*rule, "glue") ? "" : " ");
        size_t n = cells.size();
        if (InRunningText(rule) && n >= 2 && cells[n - 2].kind == ValueKind::kText &&
            std::max(DisplayWidth(prev.text), DisplayWidth(cells[n - 2].text)) > kLabelWidth) {
          cells[n - 2] = Join(cells[n - 2], prev);
          cells.pop_back();
        }
        continue;
      }
    }
    cells.push_back(std::move(cell));
  }
  return cells;
}

void Reread(const std::string& text, std::string repair, Cell* cell) {
  auto reading = normalize::ReadNumber(text);
  cell->text = text;
  cell->kind = reading.kind;
  cell->number = reading.value;
  cell->repair = std::move(repair);
}

// Text read by OCR (it carries a confidence) that a repair rule matches whole is repaired and
// read again; text holding a known word misread by a character or two gets the word back. The
// raw text stays as read.
bool InAmountColumnOnly(const rules::Pattern& repair) {
  auto in = repair.attrs.find("in");
  return in != repair.attrs.end() && in->second == "amount_column";
}

// The ocr_repairs for any cell, or those for cells of a column of amounts, applied in order.
void ApplyOcrRepairs(const rules::RuleSet& rules, bool amount_column, Cell* cell) {
  for (const auto& rule : rules.ocr_repairs) {
    std::string text = cell->text;
    if (InAmountColumnOnly(rule) != amount_column || !RE2::Replace(&text, *rule.re, rule.attrs.at("replace")) ||
        text == cell->text) {
      continue;
    }
    Reread(text, "ocr_repair:" + rule.name, cell);
  }
}

void RepairOcr(const rules::RuleSet& rules, Cell* cell) {
  if (!cell->where.confidence || cell->text.empty()) return;
  ApplyOcrRepairs(rules, false, cell);
  if (cell->kind != ValueKind::kText || *cell->where.confidence >= kSureReading) return;
  if (auto restored = normalize::RestoreKnownWord(cell->text, rules.known_words)) {
    Reread(restored->text, cell->repair.empty() ? "ocr_vocabulary" : cell->repair + "+ocr_vocabulary", cell);
  }
}

// An amount too wide for its cell runs over into the next one, and the text layer then gives its
// decimals as the start of the next cell's number (168,441 | .81154,304.22 for 168,441.81 |
// 154,304.22). The decimals are as many as the next number has (else two), and what is left must
// still be a number with well-placed thousands separators.
void ReturnOverflowedDecimals(std::vector<Cell>* cells) {
  static const RE2 kWhole(R"(\d{1,3}(?:,\d{3})+|\d+)");
  static const RE2 kSpill(R"(\.(\d+?)(?:(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?)?)");
  for (size_t i = 1; i < cells->size(); ++i) {
    Cell& left = (*cells)[i - 1];
    Cell& right = (*cells)[i];
    if (left.kind != ValueKind::kAmount || !RE2::FullMatch(left.text, kWhole)) continue;
    std::string fraction, rest, rest_decimals;
    if (!RE2::FullMatch(right.text, kSpill, &fraction, &rest, &rest_decimals)) continue;
    size_t digits = rest_decimals.empty() ? 2 : rest_decimals.size();
    std::string spilled = fraction + rest;
    if (spilled.size() < digits) continue;
    std::string remainder = spilled.substr(digits);
    std::string rest_text = remainder.empty() ? "" : remainder + (rest_decimals.empty() ? "" : "." + rest_decimals);
    if (!remainder.empty() && (remainder.front() == ',' || normalize::ReadNumber(rest_text).kind != ValueKind::kAmount)) continue;
    Cell joined = MakeCell(left.text + "." + spilled.substr(0, digits), left.where), rest_cell = MakeCell(rest_text, right.where);
    for (auto [cell, read] : {std::pair{&left, &joined}, std::pair{&right, &rest_cell}}) {
      read->raw = cell->raw;
      read->extent = cell->extent;
      read->column_span = cell->column_span;
      read->inset = cell->inset;
      read->repair = "overflow_decimals";
      *cell = *read;
    }
  }
}

// OCR splits a line of running text (a title) into tokens wherever it sees a gap; a known word
// misread across them is restored in the line's text, which titles are matched with. The cells
// keep what was read.
void RestoreWordAcrossTokens(const rules::RuleSet& rules, LineCells* line) {
  if (line->cell_delimited || line->cells.size() < 2 || line->numeric > 0 ||
      !std::all_of(line->cells.begin(), line->cells.end(), [](const Cell& c) { return c.where.confidence.has_value(); }) ||
      std::all_of(line->cells.begin(), line->cells.end(), [](const Cell& c) { return *c.where.confidence >= kSureReading; })) {
    return;
  }
  std::string joined = normalize::CompactTitle(line->text);
  if (auto restored = normalize::RestoreKnownWord(joined, rules.known_words)) {
    line->raw_text = joined;
    line->text = restored->text;
  }
}

}  // namespace

void RepairInAmountColumn(const rules::RuleSet& rules, Cell* cell) {
  if (cell->where.confidence && !cell->text.empty()) ApplyOcrRepairs(rules, true, cell);
}

Cell ReadCell(const std::string& raw) { return MakeCell(raw, Provenance{}); }

int DisplayWidth(const std::string& text) {
  int width = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;
    width += c >= 0xE0 ? 2 : 1;
  }
  return width;
}

std::string JoinTexts(const std::vector<Cell>& cells, const std::string& sep) {
  std::string out;
  for (const auto& c : cells) {
    if (c.text.empty()) continue;
    if (!out.empty()) out += sep;
    out += c.text;
  }
  return out;
}

LineCells ReadLine(const rules::RuleSet& rules, const Line& line) {
  LineCells out;
  out.where = line.where;
  out.cell_delimited = line.cell_delimited;
  out.indent = line.indent;
  out.region = line.region;
  if (line.cell_delimited) {
    for (const auto& span : line.spans) {
      out.cells.push_back(MakeCell(span.text, span.where));
      out.cells.back().extent = span.extent;
      out.cells.back().column_span = span.column_span;
      out.cells.back().inset = span.inset;
    }
  } else {
    out.cells = GroupTokens(rules, line);
  }
  for (auto& cell : out.cells) RepairOcr(rules, &cell);
  ReturnOverflowedDecimals(&out.cells);
  // An indented line without text is an empty cell of the one-cell-per-line layout, not a gap.
  out.blank = !line.cell_delimited;
  for (size_t i = 0; i < out.cells.size(); ++i) {
    const Cell& c = out.cells[i];
    if (!c.text.empty()) out.blank = false;
    // A code starts a label ("201 一般公共服务支出", or a code alone above its wrapped name).
    bool leading_code = i == 0 && IsCode(rules, c.text) &&
                        (out.cells.size() == 1 || out.cells[1].kind == ValueKind::kText);
    if (IsNumeric(c) && !leading_code) ++out.numeric;
  }
  out.text = JoinTexts(out.cells, " ");
  RestoreWordAcrossTokens(rules, &out);
  return out;
}

size_t WrappedLabelStart(const std::vector<LineCells>& lines) {
  if (lines.empty() || lines.back().cells.size() > 1) return lines.size();
  size_t start = lines.size() - 1;
  int last = DisplayWidth(lines.back().text);
  while (start > 0 && lines[start - 1].cells.size() == 1) {
    int top = DisplayWidth(lines[start - 1].text);
    if (last > top + 2) break;
    bool same_width = true;
    for (size_t i = start; i + 1 < lines.size(); ++i) {
      if (std::abs(DisplayWidth(lines[i].text) - top) > 2) same_width = false;
    }
    if (!same_width) break;
    --start;
  }
  return start;
}

std::vector<Cell> WrappedCells(const std::vector<LineCells>& lines) {
  if (lines.empty()) return {};
  std::vector<Cell> cells = lines.front().cells;
  int cell_width = cells.empty() ? 0 : DisplayWidth(cells.back().text);
  for (size_t i = 1; i < lines.size(); ++i) {
    std::string text = lines[i].text;
    int width = DisplayWidth(text);
    if (cells.empty() || width * 10 > cell_width * 22) {
      cells.insert(cells.end(), lines[i].cells.begin(), lines[i].cells.end());
      cell_width = width;
      continue;
    }
    // Wrapping broke the text, not the words: the pieces join without a space.
    Cell& last = cells.back();
    std::string raw = last.raw;
    for (const auto& c : lines[i].cells) raw += c.raw;
    Cell joined = MakeCell(raw, last.where);
    joined.extent = last.extent;
    last = joined;
  }
  return cells;
}

}  // namespace budgetx::tables
