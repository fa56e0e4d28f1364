// Typing the cells of a segmented table: codes, amounts, row kinds, columns.
#include <re2/re2.h>

#include <algorithm>
#include <cstdint>
#include <map>

#include "pipeline/normalize/normalize.h"
#include "pipeline/tables/internal.h"

namespace budgetx::tables {
namespace {

// Rows with a cell in every column needed before their positions define the columns.
constexpr size_t kMinFullRows = 2;
// Insets (points) within kIndentSlack are one indentation step; steps are a few points to a few
// characters apart, and a name column with more than kMaxIndentSteps of them is not indented.
constexpr double kIndentSlack = 2.0;
constexpr double kMinIndentStep = 8.0;
constexpr double kMaxIndentStep = 30.0;
constexpr size_t kMaxIndentSteps = 4;
// Amounts a column needs, nearly all its cells, before its content alone makes it an amount column.
constexpr size_t kMinAmountCells = 2;
// A header label wrapped in its cell continues less than this many line heights below.
constexpr double kMaxLabelWrapGap = 0.5;

bool IsNumeric(const Cell& c) {
  return c.kind == ValueKind::kAmount || c.kind == ValueKind::kDash || c.kind == ValueKind::kPercent;
}

const rules::Pattern* MatchCode(const rules::RuleSet& rules, const std::string& text) {
  for (const auto& p : rules.codes) {
    if (RE2::FullMatch(text, *p.re)) return &p;
  }
  return nullptr;
}

// The code printed before the name in the name's cell ([201]一般公共服务支出), and the length of
// that prefix; nullopt when the text starts with none.
struct CodePrefix {
  std::string code;
  size_t length = 0;
};

std::optional<CodePrefix> MatchCodePrefix(const rules::RuleSet& rules, const std::string& text) {
  for (const auto& p : rules.code_prefixes) {
    re2::StringPiece input(text), code;
    if (RE2::Consume(&input, *p.re, &code)) return CodePrefix{std::string(code), text.size() - input.size()};
  }
  return std::nullopt;
}

void SetCode(const rules::Pattern& rule, const std::string& code, Row* row) {
  row->code = code;
  auto level = rule.attrs.find("level");
  row->level = level == rule.attrs.end() ? 0 : std::stoi(level->second);
}

// Only the row's first filled cell can be its code, or begin with it.
void MarkCode(const rules::RuleSet& rules, Row* row) {
  for (size_t i = 0; i < row->cells.size(); ++i) {
    Cell& cell = row->cells[i];
    if (cell.text.empty()) continue;
    const rules::Pattern* code = MatchCode(rules, cell.text);
    if (code && i + 1 < row->cells.size() && row->cells[i + 1].kind == ValueKind::kText) {
      cell.kind = ValueKind::kCode;
      cell.number.reset();
      SetCode(*code, cell.text, row);
    } else if (auto prefix = cell.kind == ValueKind::kText ? MatchCodePrefix(rules, cell.text) : std::nullopt) {
      if (const rules::Pattern* rule = MatchCode(rules, prefix->code)) SetCode(*rule, prefix->code, row);
    }
    return;
  }
}

// A number is an amount when it sits among other numbers (a run of amount columns), or closes
// the row or a label–amount pair; a lone number between texts is a count or an ordinal.
bool ConfirmedAmount(const Row& row, size_t i) {
  // Neighbours are the nearest filled cells: a column left empty does not separate amounts.
  std::vector<const Cell*> filled;
  size_t at = 0;
  for (size_t k = 0; k < row.cells.size(); ++k) {
    if (row.cells[k].kind == ValueKind::kEmpty) continue;
    if (k == i) at = filled.size();
    filled.push_back(&row.cells[k]);
  }
  auto numeric = [&](size_t k) { return k < filled.size() && IsNumeric(*filled[k]); };
  auto text = [&](size_t k) { return k < filled.size() && filled[k]->kind == ValueKind::kText; };
  if ((at > 0 && numeric(at - 1)) || numeric(at + 1)) return true;
  // In delimited rows a lone number among texts is a count (a 完成情况 of "3"), not money.
  if (row.delimited || at == 0) return false;
  if (at + 1 == filled.size()) return true;
  return text(at + 1) && numeric(at + 2);
}

void TypeAmounts(int64_t unit_fen, Row* row, const std::vector<Column>& columns,
                 std::vector<Warning>* warnings) {
  for (size_t i = 0; i < row->cells.size(); ++i) {
    Cell& cell = row->cells[i];
    if (cell.kind != ValueKind::kAmount) continue;
    if (unit_fen == 0) {  // no unit: numbers, not money
      cell.kind = ValueKind::kNumber;
      continue;
    }
    bool declared_text = i < columns.size() && !columns[i].amount && columns[i].key.rfind("col_", 0) != 0;
    bool declared_amount = i < columns.size() && columns[i].amount;
    if (declared_text || (!declared_amount && !ConfirmedAmount(*row, i))) {
      cell.kind = ValueKind::kNumber;
      continue;
    }
    bool rounded = false;
    cell.amount_fen = normalize::ToFen(*cell.number, unit_fen, &rounded);
    if (!cell.amount_fen) {
      warnings->push_back({"tables", "amount '" + cell.text + "' has more digits than fen can hold (beyond ±" +
                                         "92,233,720,368,547,758.07 元); left without amount_fen", cell.where});
    } else if (rounded) {
      warnings->push_back({"tables", "amount '" + cell.text + "' is finer than one fen; rounded", cell.where});
    }
  }
}

// A name OCR read beside a listed code, within a character in four of the listed name, is that
// name misread (行政运忏 beside 2010101): restored, and recorded as the cell's repair.
void RestoreListedName(const rules::RuleSet& rules, const std::string& code, size_t prefix_length, Cell* cell,
                       std::string* name) {
  auto listed = rules.classification.find(code);
  if (!cell->where.confidence || listed == rules.classification.end() || *name == listed->second) return;
  size_t distance = normalize::EditDistance(*name, listed->second);
  if (distance > std::max<size_t>(1, normalize::EditDistance(listed->second, "") / 4)) return;
  *name = listed->second;
  cell->text = cell->text.substr(0, prefix_length) + listed->second;
  cell->repair = "code_list_name";
}

void NameAndKind(const rules::RuleSet& rules, Row* row) {
  for (auto& cell : row->cells) {
    if (cell.kind != ValueKind::kText) continue;
    auto prefix = MatchCodePrefix(rules, cell.text);
    size_t prefix_length = prefix && prefix->code == row->code ? prefix->length : 0;
    row->name = cell.text.substr(prefix_length);
    if (!row->code.empty()) RestoreListedName(rules, row->code, prefix_length, &cell, &row->name);
    break;
  }
  std::string compact = normalize::Compact(row->name);
  if (const auto* kind = rules::FirstMatch(rules.row_kinds, compact)) {
    if (kind->name == "total") row->kind = RowKind::kTotal;
    if (kind->name == "subtotal") row->kind = RowKind::kSubtotal;
    if (kind->name == "of_which") row->kind = RowKind::kOfWhich;
    if (kind->name == "difference") row->kind = RowKind::kDifference;
  }
}

// Rows printed from whitespace tokens lose their leading empty cells; amounts sit in the last
// columns, so a short row ending in a number is aligned to the right.
void AlignRight(size_t ncols, Row* row) {
  if (row->cells.empty() || row->cells.size() >= ncols || !IsNumeric(row->cells.back())) return;
  std::vector<Cell> padded(ncols - row->cells.size());
  for (auto& c : padded) c.where = row->where;
  row->cells.insert(row->cells.begin(), padded.begin(), padded.end());
}

// Where the row's amounts begin: the first two numeric cells side by side, so that a sequence
// number printed before the names (4 | 单位 | 项目 | 187.68 | …) is not taken for the first amount.
size_t FirstNumeric(const Row& row) {
  size_t first = row.cells.size();
  for (size_t i = 0; i < row.cells.size(); ++i) {
    if (!IsNumeric(row.cells[i])) continue;
    if (i + 1 < row.cells.size() && IsNumeric(row.cells[i + 1])) return i;
    first = std::min(first, i);
  }
  return first;
}

// Delimited rows that continue a vertically merged cell (序号, 单位名称 printed once for a group)
// start with their next cell; padding them on the left lines their amounts up with the rows that
// print the merged cells. A row already as wide as the widest (a grid row) has lost nothing.
void PadContinuationRows(Table* table) {
  std::map<size_t, size_t> starts;
  size_t widest = 0;
  for (const auto& row : table->rows) widest = std::max(widest, row.cells.size());
  for (const auto& row : table->rows) {
    if (row.delimited && FirstNumeric(row) < row.cells.size()) ++starts[FirstNumeric(row)];
  }
  if (starts.size() < 2) return;
  size_t usual = std::max_element(starts.begin(), starts.end(),
                                  [](const auto& a, const auto& b) { return a.second < b.second; })->first;
  for (auto& row : table->rows) {
    size_t start = FirstNumeric(row);
    if (!row.delimited || start >= usual || start >= row.cells.size() ||
        row.cells.size() + usual - start > widest) {
      continue;
    }
    std::vector<Cell> padding(usual - start);
    for (auto& c : padding) c.where = row.where;
    row.cells.insert(row.cells.begin(), padding.begin(), padding.end());
  }
}

bool AllPlaced(const Row& row) {
  return !row.delimited && std::all_of(row.cells.begin(), row.cells.end(),
                                       [](const Cell& c) { return c.extent.known(); });
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Each column is aligned on one edge: the one whose position varies least over the full rows
// (amounts are usually right-aligned, names and codes left-aligned).
struct ColumnEdges {
  std::vector<double> at;       // the column's edge position
  std::vector<bool> right;      // aligned on the right edge
};

double Spread(std::vector<double> v, double median) {
  for (auto& x : v) x = std::abs(x - median);
  return Median(std::move(v));
}

ColumnEdges ChooseEdges(const std::vector<std::vector<double>>& left, const std::vector<std::vector<double>>& right) {
  ColumnEdges edges;
  for (size_t j = 0; j < left.size(); ++j) {
    double l = Median(left[j]), r = Median(right[j]);
    bool use_right = Spread(right[j], r) < Spread(left[j], l);
    edges.at.push_back(use_right ? r : l);
    edges.right.push_back(use_right);
  }
  return edges;
}

double EdgeOf(const Cell& cell, bool right) { return right ? cell.extent.x1 : cell.extent.x0; }

// Positions mean columns only when the full rows agree on them: each column's edge stays within
// a fifth of the narrowest gap between columns on three rows in four. Text whose cells are merely
// separated by one space fails this.
bool ColumnsLineUp(const Table& table, size_t ncols, const ColumnEdges& edges) {
  double gap = 1e18;
  for (size_t j = 1; j < ncols; ++j) gap = std::min(gap, std::abs(edges.at[j] - edges.at[j - 1]));
  if (gap <= 0) return false;
  double tolerance = std::max(1.0, gap / 5);
  size_t rows = 0, agreeing = 0;
  for (const auto& row : table.rows) {
    if (row.cells.size() != ncols || !AllPlaced(row)) continue;
    bool agrees = true;
    for (size_t j = 0; j < ncols; ++j) agrees = agrees && std::abs(EdgeOf(row.cells[j], edges.right[j]) - edges.at[j]) <= tolerance;
    ++rows;
    agreeing += agrees;
  }
  return agreeing * 4 >= rows * 3;
}

// Rows whose cells have positions (a space-aligned dump, a PDF): the rows with the most cells
// give each column's edge, and a shorter row's cells go to the column they line up with, so an
// empty cell stays empty instead of shifting its neighbours. Returns false when positions cannot
// decide (rows keep their order).
bool AlignByPosition(size_t ncols, Table* table) {
  if (ncols < 2) return false;
  std::vector<std::vector<double>> left(ncols), right(ncols);
  for (const auto& row : table->rows) {
    if (row.cells.size() != ncols || !AllPlaced(row)) continue;
    for (size_t j = 0; j < ncols; ++j) {
      left[j].push_back(row.cells[j].extent.x0);
      right[j].push_back(row.cells[j].extent.x1);
    }
  }
  if (left[0].size() < kMinFullRows) return false;
  ColumnEdges edges = ChooseEdges(left, right);
  if (!ColumnsLineUp(*table, ncols, edges)) return false;
  for (auto& row : table->rows) {
    if (row.cells.size() >= ncols || !AllPlaced(row)) continue;
    std::vector<Cell> placed(ncols);
    int previous = -1;
    bool ordered = true;
    for (const auto& cell : row.cells) {
      int best = 0;
      double best_gap = 1e18;
      for (size_t j = 0; j < ncols; ++j) {
        double gap = std::abs(EdgeOf(cell, edges.right[j]) - edges.at[j]);
        if (gap < best_gap) best_gap = gap, best = static_cast<int>(j);
      }
      ordered = ordered && best > previous;
      previous = best;
      if (ordered) placed[static_cast<size_t>(best)] = cell;
    }
    if (!ordered) continue;
    for (auto& c : placed) {
      if (c.raw.empty() && c.text.empty()) c.where = row.where;
    }
    row.cells = std::move(placed);
  }
  return true;
}

enum class Shape { kAny, kCode, kText, kNumber };

Shape CellShape(const Cell& c) {
  if (c.kind == ValueKind::kCode) return Shape::kCode;
  if (c.kind == ValueKind::kText) return Shape::kText;
  if (IsNumeric(c) || c.kind == ValueKind::kNumber) return Shape::kNumber;
  return Shape::kAny;
}

// What most filled cells of each column look like.
std::vector<Shape> ColumnShapes(const Table& table, size_t ncols) {
  std::vector<Shape> shapes(ncols, Shape::kAny);
  for (size_t i = 0; i < ncols; ++i) {
    int counts[4] = {0, 0, 0, 0};
    for (const auto& row : table.rows) {
      if (i < row.cells.size()) ++counts[static_cast<int>(CellShape(row.cells[i]))];
    }
    for (int k = 1; k < 4; ++k) {
      if (counts[k] * 2 > counts[1] + counts[2] + counts[3]) shapes[i] = static_cast<Shape>(k);
    }
  }
  return shapes;
}

Shape LabelShape(const rules::RuleSet& rules, const std::string& label) {
  const rules::ColumnRule* rule = ColumnRuleFor(rules, label);
  if (!rule) return Shape::kAny;
  if (rule->holds == "code") return Shape::kCode;
  return rule->holds == "amount" || rule->holds == "percent" ? Shape::kNumber : Shape::kText;
}

// A column's horizontal reach over the rows: from the 10th percentile of its cells' left edges
// to the 90th percentile of their right edges (a stray row does not widen it).
std::vector<Extent> ColumnReach(const Table& table, size_t ncols) {
  std::vector<Extent> reach(ncols);
  for (size_t j = 0; j < ncols; ++j) {
    std::vector<double> left, right;
    for (const auto& row : table.rows) {
      if (j >= row.cells.size() || row.cells[j].text.empty() || !row.cells[j].extent.known()) continue;
      left.push_back(row.cells[j].extent.x0);
      right.push_back(row.cells[j].extent.x1);
    }
    if (left.empty()) continue;
    std::sort(left.begin(), left.end());
    std::sort(right.begin(), right.end());
    reach[j] = {left[left.size() / 10], right[right.size() * 9 / 10]};
  }
  return reach;
}

// The columns a label printed at `box` heads: those whose middle lies under it, else the one it
// overlaps most.
std::vector<size_t> ColumnsUnder(const Box& box, const std::vector<Extent>& reach) {
  std::vector<size_t> out;
  size_t best = reach.size();
  double best_overlap = 0;
  for (size_t j = 0; j < reach.size(); ++j) {
    if (!reach[j].known()) continue;
    double mid = (reach[j].x0 + reach[j].x1) / 2;
    if (mid >= box.x0 && mid <= box.x1) out.push_back(j);
    double overlap = std::min(box.x1, reach[j].x1) - std::max(box.x0, reach[j].x0);
    if (overlap > best_overlap) best_overlap = overlap, best = j;
  }
  if (out.empty() && best < reach.size()) out.push_back(best);
  return out;
}

// A label just under another one in the same place continues it (a label wrapped in its cell:
// 预算执行 / 率), rather than naming a sub-column.
bool WrapsFrom(const Box& above, const Box& below) {
  double height = above.y1 - above.y0;
  double overlap = std::min(above.x1, below.x1) - std::max(above.x0, below.x0);
  double narrower = std::min(above.x1 - above.x0, below.x1 - below.x0);
  return below.y0 - above.y1 < height * kMaxLabelWrapGap && overlap > narrower / 2;
}

bool HeaderPlaced(const Table& table) {
  if (table.header_boxes.size() != table.header.size()) return false;
  for (const auto& line : table.header_boxes) {
    for (const auto& box : line) {
      if (!box) return false;
    }
  }
  return !table.header.empty();
}

// Header lines with positions (a PDF): each label heads the columns under it.
std::vector<std::string> PlacedHeaderTexts(const Table& table, size_t ncols) {
  std::vector<std::string> texts(ncols);
  std::vector<std::optional<Box>> last(ncols);  // the last label given to each column
  std::vector<Extent> reach = ColumnReach(table, ncols);
  for (size_t l = 0; l < table.header.size(); ++l) {
    for (size_t k = 0; k < table.header[l].size(); ++k) {
      const std::string& label = table.header[l][k];
      const Box& box = *table.header_boxes[l][k];
      if (label.empty()) continue;
      for (size_t j : ColumnsUnder(box, reach)) {
        bool wrapped = last[j] && WrapsFrom(*last[j], box);
        texts[j] += texts[j].empty() || wrapped ? label : "/" + label;
        last[j] = box;
      }
    }
  }
  return texts;
}

// Header lines printed from tokens do not say which column each label heads. Each line is
// placed at the offset where the labels' kinds (code, text, amount — from the column rules)
// agree best with the kinds of the cells below them; a line that contradicts the cells at
// every offset labels nothing.
std::vector<std::string> HeaderTexts(const rules::RuleSet& rules, const Table& table, size_t ncols) {
  bool delimited = !table.rows.empty() && table.rows.front().delimited;
  if (!delimited && HeaderPlaced(table) && std::all_of(table.rows.begin(), table.rows.end(), AllPlaced)) {
    return PlacedHeaderTexts(table, ncols);
  }
  if (!delimited) {
    std::vector<std::string> known = FragmentedHeaderTexts(rules, table, ncols);
    if (!known.empty()) return known;
  }
  std::vector<std::string> texts(ncols);
  std::vector<Shape> shapes = ColumnShapes(table, ncols);
  for (const auto& line : table.header) {
    if (delimited) {
      // Tabs keep each label above its column; merged upper cells name their first column only.
      for (size_t k = 0; k < line.size() && k < ncols; ++k) {
        if (!line[k].empty()) texts[k] += texts[k].empty() ? line[k] : "/" + line[k];
      }
      continue;
    }
    if (line.size() < 2) continue;
    std::vector<Shape> labels;
    for (const auto& l : line) labels.push_back(LabelShape(rules, l));
    int best_offset = 0, best_score = 0;
    for (int offset = -static_cast<int>(line.size()) + 1; offset < static_cast<int>(ncols); ++offset) {
      int score = 0;
      for (size_t k = 0; k < line.size(); ++k) {
        int col = offset + static_cast<int>(k);
        // An empty column (a 预算单位 column the rows leave blank) neither confirms nor refutes.
        if (col < 0 || col >= static_cast<int>(ncols) || labels[k] == Shape::kAny ||
            shapes[static_cast<size_t>(col)] == Shape::kAny) {
          continue;
        }
        score += labels[k] == shapes[static_cast<size_t>(col)] ? 1 : -2;
      }
      if (score > best_score) best_score = score, best_offset = offset;
    }
    if (best_score < 2) continue;
    for (size_t k = 0; k < line.size(); ++k) {
      int col = best_offset + static_cast<int>(k);
      if (col < 0 || col >= static_cast<int>(ncols) || line[k].empty()) continue;
      std::string& t = texts[static_cast<size_t>(col)];
      t += t.empty() ? line[k] : "/" + line[k];
    }
  }
  return texts;
}

void BuildColumns(const rules::RuleSet& rules, Table* table, size_t ncols) {
  std::vector<std::string> headers = HeaderTexts(rules, *table, ncols);
  table->columns.clear();
  for (size_t i = 0; i < ncols; ++i) {
    Column col;
    col.header = headers[i];
    const rules::ColumnRule* rule = ColumnRuleFor(rules, headers[i]);
    col.key = rule ? rule->key : "col_" + std::to_string(i + 1);
    col.amount = rule && rule->amount;
    table->columns.push_back(col);
  }
}

// A column no rule names whose filled cells are nearly all amounts as printed, with a decimal
// point or a thousands separator among them, holds amounts: its header is worded unlike any
// rule (预算, 金额) or in another language. A column of counts (1, 2, 3) does not qualify.
void InferAmountColumns(Table* table) {
  for (size_t i = 0; i < table->columns.size(); ++i) {
    Column& col = table->columns[i];
    if (col.amount || col.key.rfind("col_", 0) != 0) continue;
    size_t filled = 0, numeric = 0;
    bool formatted = false;
    for (const auto& row : table->rows) {
      if (i >= row.cells.size() || row.cells[i].kind == ValueKind::kEmpty) continue;
      const Cell& c = row.cells[i];
      ++filled;
      if (c.kind != ValueKind::kAmount && c.kind != ValueKind::kDash) continue;
      ++numeric;
      formatted |= c.text.find_first_of(".,") != std::string::npos;
    }
    if (formatted && numeric >= kMinAmountCells && numeric * 5 >= filled * 4) col.amount = true;
  }
}

size_t FirstText(const Row& row) {
  auto name = std::find_if(row.cells.begin(), row.cells.end(), [](const Cell& c) { return c.kind == ValueKind::kText; });
  return name - row.cells.begin();
}

// The name cell of `row` in column `col` (kAnyColumn: the row's first text cell, its name) when it
// has a known inset, else nullptr.
constexpr size_t kAnyColumn = SIZE_MAX;
const Cell* NameAt(const Row& row, size_t col) {
  if (col == kAnyColumn) col = FirstText(row);
  if (col >= row.cells.size()) return nullptr;
  const Cell& cell = row.cells[col];
  return cell.kind == ValueKind::kText && cell.inset >= 0 ? &cell : nullptr;
}

// The step an inset is at: the last step it reaches (within kIndentSlack).
int StepOf(const std::vector<double>& steps, double inset) {
  long step = std::upper_bound(steps.begin(), steps.end(), inset + kIndentSlack) - steps.begin() - 1;
  return static_cast<int>(std::max(0L, step));
}

// The insets the names of column `col` are indented by: clusters of at least two rows,
// kIndentSlack wide, between kMinIndentStep and kMaxIndentStep apart. Empty when the insets do
// not step so (centred names), or the first name of the table's body is not the least indented.
std::vector<double> IndentSteps(const Table& table, size_t col) {
  std::vector<double> insets;
  for (const auto& row : table.rows) {
    if (const Cell* name = NameAt(row, col)) insets.push_back(name->inset);
  }
  std::sort(insets.begin(), insets.end());
  std::vector<double> steps;  // clusters of two rows or more, a step apart
  for (size_t i = 0; i < insets.size();) {
    size_t j = i;
    while (j < insets.size() && insets[j] - insets[i] <= kIndentSlack) ++j;
    if (j - i >= 2 && (steps.empty() || insets[i] - steps.back() >= kMinIndentStep)) steps.push_back(insets[i]);
    i = j;
  }
  if (steps.size() < 2 || steps.size() > kMaxIndentSteps) return {};
  for (size_t k = 1; k < steps.size(); ++k) {
    if (steps[k] - steps[k - 1] > kMaxIndentStep) return {};
  }
  for (const auto& row : table.rows) {
    const Cell* name = NameAt(row, col);
    if (row.kind != RowKind::kBody || !name) continue;
    if (StepOf(steps, name->inset) > 0) return {};
    break;
  }
  return steps;
}

// Names a left-aligned name column indents by steps (a unit over its 经济分类 items, a 类 over its
// 款 without codes): each name cell's step, column by column, as each half of a two-sided table
// indents its own names. Where one column's names are too few to step, the rows' names taken
// together (in whichever column each row names itself: a unit over its projects) may.
void MarkIndents(Table* table) {
  size_t ncols = 0;
  for (const auto& row : table->rows) ncols = std::max(ncols, row.cells.size());
  std::vector<double> names_steps = IndentSteps(*table, kAnyColumn);
  for (size_t col = 0; col < ncols; ++col) {
    std::vector<double> steps = IndentSteps(*table, col);
    bool own = !steps.empty();
    if (!own) steps = names_steps;
    if (steps.empty()) continue;
    for (auto& row : table->rows) {
      if (!NameAt(row, col) || row.kind == RowKind::kTotal) continue;  // a 合计 is often centred
      if (!own && FirstText(row) != col) continue;
      row.cells[col].indent = StepOf(steps, row.cells[col].inset);
      if (FirstText(row) == col) row.indent = row.cells[col].indent;
    }
  }
}

void MarkAmountColumns(Table* table) {
  for (size_t i = 0; i < table->columns.size(); ++i) {
    size_t amounts = 0, filled = 0;
    for (const auto& row : table->rows) {
      if (i >= row.cells.size() || row.cells[i].text.empty()) continue;
      ++filled;
      amounts += row.cells[i].amount_fen.has_value() || row.cells[i].kind == ValueKind::kDash;
    }
    if (filled && amounts * 2 > filled) table->columns[i].amount = true;
  }
}

bool AllDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The digits a code part column usually prints (款 and 项: 2), 0 when too few parts tell.
size_t UsualPartWidth(const Table& table, size_t col) {
  std::map<size_t, size_t> widths;
  for (const auto& row : table.rows) {
    if (col >= row.cells.size()) continue;
    std::string part = normalize::Compact(row.cells[col].text);
    if (AllDigits(part)) ++widths[part.size()];
  }
  auto usual = std::max_element(widths.begin(), widths.end(), [](auto& a, auto& b) { return a.second < b.second; });
  return usual == widths.end() || usual->second < 2 ? 0 : usual->first;
}

// Classification codes printed one level per column (类 | 款 | 项): the row's code is the parts
// joined; a leading part left blank repeats the one above (rows under 201 may print | 06 | 01).
// A part a spreadsheet printed as a number (`2` for 02) gets back the zeros its column's other
// parts have, and says so (Cell::repair).
void JoinCodeParts(const rules::RuleSet& rules, Table* table) {
  std::vector<size_t> columns, widths;
  for (size_t i = 0; i < table->columns.size(); ++i) {
    const rules::ColumnRule* rule = ColumnRuleFor(rules, table->columns[i].header);
    if (rule && rule->holds == "code_part") columns.push_back(i), widths.push_back(UsualPartWidth(*table, i));
  }
  if (columns.size() < 2) return;
  std::vector<std::string> above(columns.size());
  for (auto& row : table->rows) {
    std::vector<std::string> parts;
    size_t filled = 0;
    for (size_t k = 0; k < columns.size(); ++k) {
      parts.push_back(columns[k] < row.cells.size() ? normalize::Compact(row.cells[columns[k]].text) : "");
      if (!parts[k].empty()) filled = k + 1;
    }
    std::vector<bool> padded(columns.size());
    std::string code;
    for (size_t k = 0; k < filled; ++k) {
      if (parts[k].empty()) parts[k] = above[k];
      if (k > 0 && AllDigits(parts[k]) && parts[k].size() < widths[k]) {
        parts[k].insert(0, widths[k] - parts[k].size(), '0');
        padded[k] = true;
      }
      code += parts[k];
    }
    const rules::Pattern* rule = AllDigits(code) ? MatchCode(rules, code) : nullptr;
    if (!rule) continue;
    above = parts;
    above.resize(columns.size());
    row.code = code;
    auto level = rule->attrs.find("level");
    row.level = level == rule->attrs.end() ? 0 : std::stoi(level->second);
    for (size_t k = 0; k < filled; ++k) {
      Cell& cell = row.cells[columns[k]];
      if (cell.text.empty()) continue;
      cell.kind = ValueKind::kCode;
      cell.number.reset();
      if (!padded[k]) continue;
      cell.text = parts[k];
      cell.repair = "code_part_padded";
    }
  }
}

// The halves of a two-sided table: the shortest group of column keys the header repeats side by
// side (科目编码 | 科目名称 | 决算数 twice; 项目 | 预算数 twice), each copy holding amounts and
// labels. Keys come from the column rules; unnamed columns (col_N) never repeat.
void MarkSides(Table* table) {
  const auto& columns = table->columns;
  size_t n = columns.size();
  for (size_t p = 2; p * 2 <= n; ++p) {
    if (n % p != 0) continue;
    bool repeats = true, labels = false, amounts = false;
    for (size_t c = p; c < n && repeats; ++c) repeats = columns[c].key == columns[c - p].key;
    for (size_t c = 0; c < p; ++c) (columns[c].amount ? amounts : labels) = true;
    if (!repeats || !labels || !amounts) continue;
    for (size_t from = 0; from < n; from += p) table->side_starts.push_back(static_cast<int>(from));
    return;
  }
}

// A code column repeated further right (the second half of a two-sided 基本支出表: 301 | … |
// 302 | …) holds codes in every row, not only where the code opens the row; the checks read
// each half's codes from its own column.
void MarkCodeColumns(const rules::RuleSet& rules, Table* table) {
  for (size_t i = 0; i < table->columns.size(); ++i) {
    const rules::ColumnRule* rule = ColumnRuleFor(rules, table->columns[i].header);
    if (!rule || rule->holds != "code") continue;
    for (auto& row : table->rows) {
      if (i >= row.cells.size()) continue;
      Cell& cell = row.cells[i];
      if (cell.kind != ValueKind::kAmount && cell.kind != ValueKind::kNumber) continue;
      if (!MatchCode(rules, cell.text)) continue;
      cell.kind = ValueKind::kCode;
      cell.number.reset();
    }
  }
}

// In a table of classification codes, the uncoded rows printed before the first coded row are the
// budget units' totals (预算单位 rows): they sum the top-level codes below.
void MarkUnitTotals(Table* table) {
  size_t first_coded = 0;
  while (first_coded < table->rows.size() && table->rows[first_coded].code.empty()) ++first_coded;
  if (first_coded == table->rows.size()) return;
  for (size_t r = 0; r < first_coded; ++r) {
    if (table->rows[r].kind == RowKind::kBody) table->rows[r].kind = RowKind::kTotal;
  }
}

}  // namespace

const rules::ColumnRule* ColumnRuleFor(const rules::RuleSet& rules, const std::string& header) {
  std::string compact = normalize::Compact(header);
  for (const auto& rule : rules.columns) {
    if (RE2::PartialMatch(compact, *rule.match.re)) return &rule;
  }
  return nullptr;
}

void FinishTable(const rules::RuleSet& rules, Table* table, std::vector<Warning>* warnings) {
  auto unit_fen = table->unit.empty() ? std::optional<int64_t>(0) : normalize::UnitFen(table->unit);
  if (!unit_fen) {
    warnings->push_back({"tables", "table " + table->number + ": unknown unit '" + table->unit + "'; assumed 万元",
                         table->where});
    table->unit = "万元";
    unit_fen = normalize::UnitFen(table->unit);
  }
  table->unit_fen = *unit_fen;
  PadContinuationRows(table);
  size_t ncols = 0;
  for (const auto& row : table->rows) ncols = std::max(ncols, row.cells.size());
  // A one-line header may name a leading column that body rows leave empty (预算单位).
  if (!table->header.empty()) {
    size_t leaf = table->header.back().size();
    if (leaf > ncols && leaf <= ncols + 2) ncols = leaf;
  }
  bool placed = AlignByPosition(ncols, table);
  for (auto& row : table->rows) {
    if (!placed) AlignRight(ncols, &row);
    MarkCode(rules, &row);
  }
  BuildColumns(rules, table, ncols);
  JoinCodeParts(rules, table);
  MarkCodeColumns(rules, table);
  InferAmountColumns(table);
  for (auto& row : table->rows) {
    for (size_t i = 0; i < row.cells.size() && i < table->columns.size(); ++i) {
      if (table->columns[i].amount) RepairInAmountColumn(rules, &row.cells[i]);
    }
  }
  for (auto& row : table->rows) {
    TypeAmounts(table->unit_fen, &row, table->columns, warnings);
    NameAndKind(rules, &row);
  }
  MarkAmountColumns(table);
  MarkSides(table);
  MarkUnitTotals(table);
  MarkIndents(table);
}

}  // namespace budgetx::tables
