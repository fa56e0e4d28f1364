// Detecting tables in the line stream: where each starts (a title, a region), continues and ends;
// its header, and its rows (wrapped labels, bands, blocks).
#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>

#include "pipeline/normalize/normalize.h"
#include "pipeline/tables/internal.h"
#include "pipeline/tables/tables.h"

namespace budgetx::tables {
namespace {

bool AllPlaced(const std::vector<Cell>& cells) {
  return std::all_of(cells.begin(), cells.end(), [](const Cell& c) { return c.extent.known(); });
}

std::optional<Box> Union(const std::optional<Box>& a, const std::optional<Box>& b) {
  if (!a) return b;
  if (!b) return a;
  return Box{std::min(a->x0, b->x0), std::min(a->y0, b->y0), std::max(a->x1, b->x1), std::max(a->y1, b->y1)};
}

bool Matches(const std::vector<rules::Pattern>& patterns, const std::string& text) {
  return rules::FirstMatch(patterns, text) != nullptr;
}

class Segmenter {
 public:
  Segmenter(const rules::RuleSet& rules, const Options& options, const std::vector<Page>& pages, BuiltTables* out)
      : rules_(rules), options_(options), pages_(pages), out_(out) {}

  void Run() {
    std::vector<LineCells> lines;
    bool contents_above = false;
    for (const auto& page : pages_) {
      size_t first = lines.size();
      for (const auto& line : page.lines) lines.push_back(ReadLineAndColumns(line));
      bool contents = IsContentsPage(rules_, lines, first);
      for (size_t k = first; k < lines.size(); ++k) lines[k].contents = contents;
      if (contents_above && !contents) MarkContentsSpill(rules_, &lines, first);
      contents_above = contents;
    }
    for (size_t i = 0; i < lines.size(); ++i) i = Step(lines, i);
    Close();
  }

 private:
  // Handles lines[i]; returns the index of the last line consumed.
  size_t Step(const std::vector<LineCells>& lines, size_t i) {
    // A table its region opened reads an unruled region's lines by the region's columns.
    const LineCells& line = region_table_ && open_ && lines[i].columned ? *lines[i].columned : lines[i];
    if (line.contents) {
      Close();
      return i;
    }
    if (line.blank) {
      FinishBlockRow();
      return i;
    }
    std::string compact = normalize::Compact(line.text);
    if (line.title) return StartTable(lines, i, *line.title);
    if (auto unit = MatchUnit(rules_, line.text); unit && line.numeric == 0) {
      if (out_->unit.empty()) out_->unit = *unit;
      if (open_ && table().unit.empty()) table().unit = *unit;
      return i;
    }
    if (!open_) {
      if (IsHeaderOfNewPart(line)) {
        StartPart(line, /*labelled=*/true);
      } else if (StartsUntitledRegion(line)) {
        if (ContinuesByGrid(lines, i)) return Reopen(line), Step(lines, i);
        size_t last = StartUntitledTable(lines, i);  // the grid's lines above were passed over
        for (size_t k = last; k <= i; k = last + 1) last = Step(lines, k);
        return last;
      }
      return i;
    }
    if (IsNumberUnderGrid(line)) return i;
    if (LeavesItsRegion(line)) {
      Close();
      return Step(lines, i);
    }
    if (StartsRegionAfterCaption(line)) {
      pending_.clear();  // the caption is the next table's title, not a row of this one
      Close();
      return Step(lines, i);
    }
    if (Matches(rules_.table_ends, compact) && line.numeric == 0) {
      Close();
      return i;
    }
    if (Matches(rules_.skip_lines, compact)) return i;
    last_table_line_ = line.where.line;
    if (line.region >= 0) last_region_ = {line.where.page, line.region};
    if (IsBlockLine(line)) {
      block_.push_back(line);
      return i;
    }
    if (!block_.empty()) FinishBlockRow();
    if (auto last = ScanHeaderReadAgain(lines, i)) return *last;
    // A header line of several labels shows the header is printed again: its one-label lines
    // (a label wrapped onto a line of its own) are dropped with it.
    if (header_set_.count(compact) && (repeating_header_ || line.cells.size() >= 2)) {
      repeating_header_ = true;
      header_again_page_ = line.where.page;
      return i;
    }
    repeating_header_ = false;
    if (line.cell_delimited && StartsAnotherGrid(line)) {
      Close();
      StartPart(line, /*labelled=*/false);
      AddDelimited(line);
      return i;
    }
    if (line.cell_delimited) return AddDelimited(line), i;
    if (size_t last = BandEnd(lines, i, band_gap_, body_started_); last > i && !RepeatsHeader(lines, i, last)) {
      AddTokens(MergeBand(lines, i, last));
      return last;
    }
    if (ContinuesRowAbove(lines, i)) return AppendToRowAbove(line), i;
    AddTokens(line);
    return i;
  }

  LineCells ReadLineAndColumns(const Line& line) const {
    LineCells read = ReadTitledLine(line);
    if (line.columns.empty()) return read;
    Line columns = line;
    columns.spans = line.columns;
    columns.cell_delimited = true;
    read.columned = std::make_shared<const LineCells>(ReadTitledLine(columns));
    return read;
  }

  LineCells ReadTitledLine(const Line& line) const {
    LineCells read = ReadLine(rules_, line);
    read.title = MatchTitle(rules_, read);
    return read;
  }

  // Only on a page after the open table's last row.
  std::optional<size_t> ScanHeaderReadAgain(const std::vector<LineCells>& lines, size_t i) const {
    if (!body_started_ || table().rows.empty() || table().rows.back().where.page == lines[i].where.page) {
      return std::nullopt;
    }
    return HeaderReadAgain(lines, i, table().header.size(), header_set_);
  }

  // A continuation page prints the header again; its lines are dropped one by one, not read as a row.
  bool RepeatsHeader(const std::vector<LineCells>& lines, size_t first, size_t last) const {
    for (size_t k = first; k <= last; ++k) {
      if (header_set_.count(normalize::Compact(lines[k].text))) return true;
    }
    return false;
  }

  // On a page with positions, a text line just under an amount row, nearer to it than to the
  // next line, is the second line of a wrapped cell of that row (the amounts of a tall row sit
  // between the label's lines), not the start of the next row's label.
  bool ContinuesRowAbove(const std::vector<LineCells>& lines, size_t i) const {
    const LineCells& line = lines[i];
    if (!body_started_ || text_rows_ || !pending_.empty() || line.numeric > 0 || line.cells.size() != 1 ||
        !line.where.box || table().rows.empty() || !table().rows.back().where.box) {
      return false;
    }
    const Box& above = *table().rows.back().where.box;
    const Box& here = *line.where.box;
    if (here.y0 + here.y1 <= above.y0 + above.y1) return false;  // not below the row's middle
    double gap_above = std::max(0.0, here.y0 - above.y1);
    for (size_t j = i + 1; j < lines.size(); ++j) {
      if (lines[j].blank || !lines[j].where.box) continue;
      return gap_above < lines[j].where.box->y0 - here.y1;
    }
    return true;
  }

  // Joins the line to the text cell of the row above that it lies under.
  void AppendToRowAbove(const LineCells& line) {
    Row& row = table().rows.back();
    const Cell& piece = line.cells.front();
    Cell* best = nullptr;
    double best_overlap = 0;
    for (auto& cell : row.cells) {
      if (cell.kind != ValueKind::kText || !cell.extent.known()) continue;
      double overlap = std::min(cell.extent.x1, piece.extent.x1) - std::max(cell.extent.x0, piece.extent.x0);
      if (overlap > best_overlap) best_overlap = overlap, best = &cell;
    }
    if (!best) return AddTokens(line);
    Cell joined = ReadCell(best->raw + piece.raw);
    joined.where = best->where;
    joined.extent = {std::min(best->extent.x0, piece.extent.x0), std::max(best->extent.x1, piece.extent.x1)};
    *best = joined;
    Box& box = *row.where.box;
    box.y1 = std::max(box.y1, line.where.box->y1);
  }

  size_t StartTable(const std::vector<LineCells>& lines, size_t i, Title title) {
    size_t last = i;
    if (title.title.empty()) {
      // "表 1" on its own line: the title is the next non-blank line.
      size_t j = i + 1;
      while (j < lines.size() && lines[j].blank) ++j;
      auto next = j < lines.size() ? lines[j].title : std::nullopt;
      if (next && next->number.empty()) {
        title.title = next->title;  // "附件1:" above "2020年…自评表"
        last = j;
      } else if (j < lines.size() && !next && lines[j].numeric == 0) {
        title.title = normalize::CompactTitle(lines[j].text);
        last = j;
      }
    }
    if (guessed_title_ && MisreadOf(table().title, title.title)) {
      table().number = title.number;  // the untitled grid's title, read right on a later page
      table().title = title.title;
    }
    guessed_title_ = false;
    region_table_ = false;
    // A scan's title read again on the next page may come out with a character misread.
    const bool scanned = !title.number.empty() && ReadByOcr(lines[i]);
    for (size_t t = 0; t < out_->tables.size(); ++t) {
      const Table& existing = out_->tables[t];
      if (t + 1 == out_->tables.size() && existing.number == title.number &&
          (existing.title == title.title || (scanned && MisreadOf(title.title, existing.title)))) {
        // The same table again: a continuation page repeating title and header (or another copy
        // of the form; SplitCopies tells them apart once the rows are known).
        continuations_.push_back(existing.rows.size());
        open_ = true;
        repeating_header_ = true;
        NotePage(lines[i].where.page);
        return last;
      }
    }
    OpenTable(lines, title, lines[i].where, last + 1, /*named=*/true);
    NoteTitleRepair(lines, i, last + 1);
    return last;
  }

  // OCR repairs that changed the title's lines lines[from, to): the title as read and the repair.
  void NoteTitleRepair(const std::vector<LineCells>& lines, size_t from, size_t to) {
    std::string raw;
    for (size_t k = from; k < to; ++k) {
      for (const Cell& c : lines[k].cells) {
        raw += c.raw;
        if (!c.repair.empty()) table().title_repair = c.repair;
      }
      if (!lines[k].raw_text.empty()) table().title_repair = "ocr_vocabulary";
    }
    if (!table().title_repair.empty()) table().title_raw = normalize::CompactTitle(raw);
  }

  // The table's first line after its title is lines[first].
  // `named`: a title rule matched the title (else it is the line above a region, or none).
  void OpenTable(const std::vector<LineCells>& lines, const Title& title, const Provenance& where, size_t first,
                 bool named) {
    Close();
    band_gap_ = BandGap(lines, first, NextTitle(lines, first));
    Table table;
    table.number = title.number;
    table.title = title.title;
    table.where = where;
    table.named = named;
    out_->tables.push_back(std::move(table));
    open_ = true;
    body_started_ = false;
    header_set_.clear();
    header_again_page_ = 0;
    NotePage(where.page);
  }

  // A table region the layout found on the page (a ruled grid, or lines aligned in columns) is a
  // table even when no title rule matched the line above it (a title misread by OCR, worded
  // unlike any rule, or in another language).
  static bool StartsUntitledRegion(const LineCells& line) { return line.where.box && line.region >= 0; }

  // A lone whole number under a grid's last row on its page, outside the grid, is the page's
  // number (one the running-line check missed), not a row of one amount.
  bool IsNumberUnderGrid(const LineCells& line) const {
    if (line.region >= 0 || line.cells.size() != 1 || line.numeric != 1 || table().rows.empty()) return false;
    const Row& last = table().rows.back();
    const Cell& cell = line.cells.front();
    return last.delimited && last_region_.page == line.where.page && cell.number && cell.number->scale == 0 &&
           cell.text.find(',') == std::string::npos;
  }

  // A table that only its region made (no title rule named it) is that region's rows: the text
  // after the region is not the table's.
  bool LeavesItsRegion(const LineCells& line) const {
    return region_table_ && line.region < 0 && !line.blank && last_region_.page == line.where.page &&
           !table().rows.empty();
  }

  // Another region on the same page, after text lines that followed the open table's region: a
  // caption and the next table (unless the region is headed by known labels: the next part of a
  // form, as IsHeaderOfNewPart).
  bool StartsRegionAfterCaption(const LineCells& line) const {
    if (!StartsUntitledRegion(line) || last_region_.page != line.where.page || last_region_.region == line.region) {
      return false;
    }
    bool caption = std::any_of(pending_.begin(), pending_.end(), [&](const LineCells& l) {
      return l.where.page == line.where.page && l.region < 0 && l.numeric == 0 && !IsSentence(l);
    });
    return caption && KnownLabels(line) < kMinPartLabels;
  }

  // A region that opens a page (nothing above it but a unit line) with the column boundaries of
  // the last table's last row, on the page before, continues that table though no title says so.
  bool ContinuesByGrid(const std::vector<LineCells>& lines, size_t i) const {
    const LineCells& line = lines[i];
    if (out_->tables.empty() || table().rows.empty()) return false;
    const Row& last = table().rows.back();
    if (!last.delimited || last.where.page + 1 != line.where.page || !SameColumns(last.cells, line.cells)) return false;
    for (size_t k = i; k-- > 0 && lines[k].where.page == line.where.page;) {
      if (!lines[k].blank && !MatchUnit(rules_, lines[k].text)) return false;  // text above it on its page
    }
    return true;
  }

  void Reopen(const LineCells& line) {
    open_ = true;
    body_started_ = true;
    repeating_header_ = true;  // its header, printed again, is dropped
    NotePage(line.where.page);
  }

  static bool SameColumns(const std::vector<Cell>& a, const std::vector<Cell>& b) {
    if (a.size() != b.size() || !AllPlaced(a) || !AllPlaced(b)) return false;
    for (size_t k = 0; k < a.size(); ++k) {
      if (std::abs(a[k].extent.x0 - b[k].extent.x0) > kColumnSlack) return false;
    }
    return true;
  }

  // The untitled grid begins at its first line of labels; its title is the text line just above
  // that on its page, if there is one. Returns the grid's first line.
  size_t StartUntitledTable(const std::vector<LineCells>& lines, size_t header) {
    auto same_page = [&](size_t k) { return lines[k].where.page == lines[header].where.page; };
    size_t first = header;
    while (first > 0 && same_page(first - 1) && lines[first - 1].region == lines[header].region &&
           !Matches(rules_.table_ends, normalize::Compact(lines[first - 1].text))) {
      --first;
    }
    Title title;
    size_t title_line = 0;
    for (size_t k = first; k-- > 0 && same_page(k);) {
      const LineCells& above = lines[k];
      if (above.blank || MatchUnit(rules_, above.text) || Matches(rules_.skip_lines, normalize::Compact(above.text))) {
        continue;
      }
      if (above.numeric == 0 && !above.cell_delimited && !IsSentence(above)) {
        title.title = normalize::CompactTitle(WrappedLineAbove(lines, k) + above.text);
        title_line = k;
      }
      break;
    }
    OpenTable(lines, title, lines[first].where, first, /*named=*/false);
    if (!title.title.empty()) NoteTitleRepair(lines, title_line, title_line + 1);
    guessed_title_ = true;
    region_table_ = true;
    std::string why = title.title.empty() ? "a ruled table has no title line above it"
                                          : "a ruled table's title matches no title rule; '" + title.title +
                                                "' is taken as its title";
    out_->warnings.push_back({"tables", why, lines[first].where});
    return first;
  }

  // The text of the paragraph line that `lines[k]` wraps from, when there is one: the line just
  // above on its page, of plain text ending in no punctuation, running as far right as any line of
  // the page and starting no further left than lines[k] (a paragraph's first line is indented, the
  // rest flush left). A sentence naming the table below it may wrap (纳入…编 / 制范围的单位包括：).
  static std::string WrappedLineAbove(const std::vector<LineCells>& lines, size_t k) {
    if (k == 0) return "";
    const LineCells& line = lines[k];
    const LineCells& above = lines[k - 1];
    if (above.where.page != line.where.page || above.blank || above.numeric > 0 || above.cell_delimited ||
        above.region >= 0 || !above.where.box || !line.where.box || EndsWithPunctuation(above.text)) {
      return "";
    }
    double right = 0;
    for (size_t j = k; j-- > 0 && lines[j].where.page == line.where.page;) {
      if (lines[j].where.box) right = std::max(right, lines[j].where.box->x1);
    }
    const Box& a = *above.where.box;
    const Box& b = *line.where.box;
    bool full = a.x1 >= right - kWrapSlack && a.x1 > b.x1 + kWrapSlack;
    return full && a.x0 >= b.x0 - kWrapSlack ? above.text : "";
  }

  static bool EndsWithPunctuation(const std::string& text) {
    for (const char* mark : {"。", "：", ":", "；", ";", "！", "？", "，", ",", "、"}) {
      if (text.ends_with(mark)) return true;
    }
    return false;
  }

  size_t NextTitle(const std::vector<LineCells>& lines, size_t from) const {
    size_t i = from;
    while (i < lines.size() && !lines[i].title) ++i;
    return i;
  }

  // After a table closed on narrative text, a line of known column labels (一级指标 二级指标 …)
  // starts another part of that table (a 绩效目标表 prints its task part, a paragraph, then its
  // indicator part).
  bool IsHeaderOfNewPart(const LineCells& line) const {
    if (out_->tables.empty() || line.numeric > 0 || line.cells.size() < 3) return false;
    if (line.where.line - last_table_line_ > kMaxPartGapLines) return false;
    return KnownLabels(line) >= kMinPartLabels;
  }

  // A cell row with other columns than the row above (another count; in a PDF also other column
  // boundaries) starts another grid: the next part of the table (a 绩效目标表's indicator grid
  // under its task grid). Without positions only a row of column labels says so.
  bool StartsAnotherGrid(const LineCells& line) const {
    if (!body_started_ || table().rows.empty() || !table().rows.back().delimited) return false;
    const std::vector<Cell>& above = table().rows.back().cells;
    bool placed = AllPlaced(line.cells) && AllPlaced(above);
    // A page may size the columns anew: on the next page as many columns are the same grid.
    bool next_page = line.where.page > table().rows.back().where.page;
    if (placed && line.cells.size() == above.size()) return !next_page && !SameColumns(line.cells, above);
    // Nor when the page printed the table's header (or a row of its labels) again.
    if (next_page && (header_again_page_ == line.where.page || RepeatsARowOfTheTable(line))) return false;
    if (line.cells.size() == above.size()) return false;
    return placed || (line.numeric == 0 && KnownLabels(line) >= kMinPartLabels);
  }

  // A form's row of column labels printed again atop the next page, its merged cells drawn
  // otherwise (绩效指标 | 指标名称 | … over 9 columns, then 7): the same texts.
  bool RepeatsARowOfTheTable(const LineCells& line) const {
    std::string text = normalize::Compact(line.text);
    return line.numeric == 0 && std::any_of(table().rows.begin(), table().rows.end(), [&](const Row& row) {
             return normalize::Compact(JoinTexts(row.cells, " ")) == text;
           });
  }

  int KnownLabels(const LineCells& line) const {
    int known = 0;
    for (const auto& c : line.cells) known += !c.text.empty() && ColumnRuleFor(rules_, c.text) != nullptr;
    return known;
  }

  // `labelled`: the line is the part's header of known column labels, and the lines below it
  // are rows with or without amounts. Otherwise the line is the part's first line.
  void StartPart(const LineCells& first, bool labelled) {
    Table part;
    part.number = table().number;
    part.title = table().title;
    part.named = table().named;
    part.part = std::to_string(++parts_[out_->tables.size() - 1] + 1);
    part.where = first.where;
    out_->tables.push_back(std::move(part));
    open_ = true;
    body_started_ = false;
    header_set_.clear();
    header_again_page_ = 0;
    NotePage(first.where.page);
    if (!labelled) return;
    AddHeaderLine(first);
    body_started_ = true;
    text_rows_ = true;
  }

  Table& table() { return out_->tables.back(); }
  const Table& table() const { return out_->tables.back(); }

  void NotePage(int page) {
    if (!open_ || page <= 0) return;
    auto& pages = table().pages;
    if (pages.empty() || pages.back() != page) pages.push_back(page);
  }

  static bool IsBlockLine(const LineCells& line) {
    if (!line.cell_delimited || line.indent == 0) return false;
    int filled = 0;
    for (const auto& c : line.cells) filled += !c.text.empty();
    return filled <= 1;
  }

  void FinishBlockRow() {
    if (block_.empty()) return;
    Row row;
    row.where = block_.front().where;
    row.delimited = true;
    for (const auto& line : block_) {
      Cell cell = line.cells.empty() ? Cell{} : line.cells.back();
      if (line.cells.empty()) cell.where = line.where;
      row.cells.push_back(cell);
    }
    block_.clear();
    bool any = false;
    for (const auto& c : row.cells) any |= !c.text.empty();
    if (any) table().rows.push_back(std::move(row));
  }

  // A label merged over several columns (a ruled table's group heading) heads each of them.
  void AddHeaderLine(const LineCells& line) {
    std::vector<std::string> cells;
    int spread = 0;  // columns to the right still under the last label
    for (const auto& c : line.cells) {
      if (c.text.empty() && spread > 0) {
        cells.push_back(cells.back());
        --spread;
        continue;
      }
      cells.push_back(c.text);
      spread = c.column_span - 1;
    }
    std::vector<std::optional<Box>> boxes;
    for (const auto& c : line.cells) boxes.push_back(c.where.box);
    boxes.resize(cells.size());
    table().header.push_back(std::move(cells));
    table().header_boxes.push_back(std::move(boxes));
    header_set_.insert(normalize::Compact(line.text));
  }

  // Text-only cell rows wait in head_ until the first row with amounts shows what they are.
  void AddDelimited(const LineCells& line) {
    if (line.numeric == 0 && !body_started_) return head_.push_back(line);
    if (!body_started_) ResolveHead();
    body_started_ = true;
    AddDelimitedRow(line);
  }

  void AddDelimitedRow(const LineCells& line) {
    Row row;
    row.cells = line.cells;
    row.where = line.where;
    row.delimited = true;
    // A page that opens with the table's first row again may be the form's next copy (SplitCopies).
    auto& rows = table().rows;
    if (!rows.empty() && rows.back().where.page < row.where.page) continuations_.push_back(rows.size());
    rows.push_back(std::move(row));
  }

  // A header row holds short labels only; a form's rows (项目名称 | a long name, 25% | 50%) do not.
  static bool HeaderLike(const LineCells& line) {
    return std::all_of(line.cells.begin(), line.cells.end(), [](const Cell& c) {
      return c.kind == ValueKind::kEmpty || (c.kind == ValueKind::kText && DisplayWidth(c.text) <= kLabelWidth);
    });
  }

  // Rows under a label heading merged down over all of them (its cell filled on the first row
  // only: 县市区/单位 beside three rows of group headings) are one header, however long their
  // headings. A form's rows each name what they hold in the first cell.
  static bool UnderMergedHeading(const std::vector<LineCells>& lines) {
    if (lines.size() < 2 || lines[0].cells.empty()) return false;
    const Cell& heading = lines[0].cells[0];
    if (heading.kind != ValueKind::kText || DisplayWidth(heading.text) > kLabelWidth) return false;
    return std::all_of(lines.begin() + 1, lines.end(), [](const LineCells& l) { return !l.cells.empty() && l.cells[0].text.empty(); });
  }

  // The header is the run of label rows the table starts with. Label rows under other text rows
  // are part of a form (the 一级指标 row of a target table), printed as rows.
  void ResolveHead() {
    size_t k = head_.size();
    while (k > 0 && HeaderLike(head_[k - 1])) --k;
    if (UnderMergedHeading(head_)) k = 0;
    for (const auto& line : head_) {
      if (k == 0) AddHeaderLine(line);
      else AddDelimitedRow(line);
    }
    head_.clear();
  }

  // A table closed before any amount row: its first cell row is the header, the rest are rows;
  // an empty table (a 政府性基金 table printing its header and a bare 合计) keeps all its label
  // rows as header.
  void FlushHead() {
    size_t labels = 0;
    while (labels < head_.size() && HeaderLike(head_[labels]) && !NamesTotal(head_[labels].cells)) ++labels;
    bool empty = std::all_of(head_.begin() + static_cast<long>(labels), head_.end(),
                             [this](const LineCells& l) { return NamesTotal(l.cells); });
    size_t heading = !table().header.empty() ? 0 : empty ? std::max<size_t>(labels, 1) : 1;
    for (size_t k = 0; k < head_.size(); ++k) {
      if (k < heading) AddHeaderLine(head_[k]);
      else AddDelimitedRow(head_[k]);
    }
    head_.clear();
  }

  // The row's first text names a 合计/总计 row.
  bool NamesTotal(const std::vector<Cell>& cells) const {
    for (const auto& c : cells) {
      if (c.kind != ValueKind::kText) continue;
      const auto* kind = rules::FirstMatch(rules_.row_kinds, normalize::Compact(c.text));
      return kind && kind->name == "total";
    }
    return false;
  }

  // A line of several text cells stands as a row; a single cell is a piece of a wrapped cell.
  bool IsTextRow(const LineCells& line) const {
    return static_cast<int>(line.cells.size()) >= options_.min_cells_for_text_row;
  }

  // Whitespace-token lines. Text-only lines wait in pending_ until the next line shows what they
  // are: the wrapped label (and content) of an amount row below, or rows of their own.
  void AddTokens(const LineCells& line) {
    if (text_rows_) return AddTextRowLine(line);
    if (line.numeric == 0) {
      if (IsSentence(line) && last_row_is_total_) return Close();
      if (IsTextRow(line) && !IsSentence(line)) FlushPendingAsRow();
      pending_.push_back(line);
      if (body_started_ && pending_.size() > kMaxPendingLines) Close();
      return;
    }
    if (!body_started_) StartBody(line);
    bool label_on_line = line.cells.front().kind == ValueKind::kText;
    if (label_on_line && !pending_.empty() && pending_.front().cells.size() > 1) FlushPendingAsRow();
    std::vector<Cell> cells = WrappedCells(pending_);
    Provenance where = pending_.empty() ? line.where : pending_.front().where;
    for (const auto& piece : pending_) where.box = Union(where.box, piece.where.box);
    where.box = Union(where.box, line.where.box);
    pending_.clear();
    if (!cells.empty() && line.where.box && AllPlaced(cells) && AllPlaced(line.cells)) {
      // On a page with positions they say where the waiting label goes among the line's cells.
      cells.insert(cells.end(), line.cells.begin(), line.cells.end());
      std::stable_sort(cells.begin(), cells.end(),
                       [](const Cell& a, const Cell& b) { return a.extent.x0 < b.extent.x0; });
    } else if (!cells.empty() && label_on_line) {
      // The label's last piece sits on the amount line.
      Cell& tail = cells.back();
      tail.raw += line.cells.front().raw;
      tail.text += line.cells.front().text;
      cells.insert(cells.end(), line.cells.begin() + 1, line.cells.end());
    } else {
      cells.insert(cells.end(), line.cells.begin(), line.cells.end());
    }
    AddRow(std::move(cells), where);
  }

  // Rows of a part without amounts (indicator rows): a line of several cells is a row; single
  // cells are the pieces of a wrapped name until a value (≥5项, 90%) completes the row.
  void AddTextRowLine(const LineCells& line) {
    if (IsTextRow(line)) {
      FlushPendingAsRow();
      return AddRow(line.cells, line.where);
    }
    bool value = normalize::ReadIndicatorValue(line.text).has_value() && DisplayWidth(line.text) <= kValueWidth;
    if (!value || pending_.empty()) {
      pending_.push_back(line);
      return;
    }
    std::vector<Cell> cells = WrappedCells(pending_);
    Provenance where = pending_.front().where;
    pending_.clear();
    cells.push_back(line.cells.front());
    AddRow(std::move(cells), where);
  }

  // The first amount row: what waited above it is header, except a wrapped label just above.
  void StartBody(const LineCells& line) {
    size_t label_start = line.cells.front().kind == ValueKind::kText ? pending_.size() : WrappedLabelStart(pending_);
    label_start = NameCellStart(label_start);
    // As for cell rows: label lines that start the table are its header; above them, text rows
    // make the table a form whose lines are all rows.
    size_t k = label_start;
    while (k > 0 && HeaderLike(pending_[k - 1])) --k;
    if (k == 0) {
      for (size_t j = 0; j < label_start; ++j) AddHeaderLine(pending_[j]);
    } else {
      for (size_t j = 0; j < label_start; ++j) {
        size_t last = std::min(BandEnd(pending_, j, band_gap_, true), label_start - 1);
        LineCells row = last > j ? MergeBand(pending_, j, last) : pending_[j];
        AddRow(row.cells, row.where);
        j = last;
      }
    }
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<long>(label_start));
    body_started_ = true;
  }

  // A wide wrapped label is a content cell (主要内容); the narrow lines just above it are the
  // row's name cell (任务名称), not header.
  size_t NameCellStart(size_t label_start) const {
    if (label_start >= pending_.size()) return label_start;
    int content_width = DisplayWidth(pending_[label_start].text);
    if (content_width < kContentWidth) return label_start;
    size_t start = label_start;
    while (start > 0 && label_start - start < kMaxNameLines && pending_[start - 1].cells.size() == 1 &&
           DisplayWidth(pending_[start - 1].text) * 2 <= content_width) {
      --start;
    }
    return start;
  }

  void AddRow(std::vector<Cell> cells, const Provenance& where) {
    Row row;
    row.cells = std::move(cells);
    row.where = where;
    last_row_is_total_ = NamesTotal(row.cells);
    table().rows.push_back(std::move(row));
  }

  void FlushPendingAsRow() {
    // Before the first amount row, that row decides what the waiting lines are (StartBody).
    if (pending_.empty() || !body_started_) return;
    std::vector<Cell> cells = WrappedCells(pending_);
    Provenance where = pending_.front().where;
    pending_.clear();
    AddRow(std::move(cells), where);
  }

  // A table that never had an amount row: its first line is the header, the others are rows.
  void HeaderLinesToRows() {
    auto& header = table().header;
    for (size_t k = 1; k < header.size(); ++k) {
      Row row;
      for (const auto& text : header[k]) row.cells.push_back(ReadCell(text));
      row.where = table().where;
      table().rows.push_back(std::move(row));
    }
    if (header.size() > 1) header.resize(1);
    if (table().header_boxes.size() > 1) table().header_boxes.resize(1);
  }

  void Close() {
    if (!open_) return;
    FinishBlockRow();
    FlushHead();
    // Left-over text that starts with a multi-cell line is a row; a single-cell run or a sentence
    // after the last amount row is narrative resuming, not table content.
    if (!pending_.empty() && pending_.front().cells.size() > 1 && !IsSentence(pending_.front())) {
      if (body_started_) FlushPendingAsRow();
      else for (const auto& line : pending_) AddHeaderLine(line);
    }
    pending_.clear();
    if (!body_started_ && table().rows.empty()) HeaderLinesToRows();
    SplitCopies();
    open_ = false;
    text_rows_ = false;
    repeating_header_ = false;
    last_row_is_total_ = false;
  }

  // A page that repeats the title and opens with the table's first row again (its 合计, or its
  // first item) is the next copy of the form (the same table for each unit), not a continuation.
  void SplitCopies() {
    std::vector<size_t> starts;
    const auto& rows = table().rows;
    std::set<std::string> opening = OpeningTexts();
    for (size_t b : continuations_) {
      if (b > 0 && b < rows.size() && opening.count(FirstText(rows[b]))) starts.push_back(b);
    }
    // A repeated title and a page break may mark the same row.
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    continuations_.clear();
    size_t at = out_->tables.size();
    for (auto b = starts.rbegin(); b != starts.rend(); ++b) {
      Table& whole = out_->tables[at - 1];
      std::vector<Row> rows = std::move(whole.rows);
      Table copy = whole;  // title, unit, header and pages; the rows are divided below
      whole.rows.assign(std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.begin() + static_cast<long>(*b)));
      copy.rows.assign(std::make_move_iterator(rows.begin() + static_cast<long>(*b)), std::make_move_iterator(rows.end()));
      copy.where = copy.rows.front().where;
      int first_page = copy.where.page;
      std::erase_if(whole.pages, [&](int p) { return p >= first_page; });
      std::erase_if(copy.pages, [&](int p) { return p < first_page; });
      out_->tables.insert(out_->tables.begin() + static_cast<long>(at), std::move(copy));
    }
  }

  // How the open table's copy of a form opens: the first label of each header line and of its
  // first row (a form's first lines are taken for its header when they are labels).
  std::set<std::string> OpeningTexts() const {
    std::set<std::string> texts;
    for (const auto& line : table().header) {
      auto label = std::find_if(line.begin(), line.end(), [](const std::string& s) { return !s.empty(); });
      if (label != line.end()) texts.insert(normalize::Compact(*label));
    }
    if (!table().rows.empty()) texts.insert(FirstText(table().rows.front()));
    texts.erase("");
    return texts;
  }

  static std::string FirstText(const Row& row) {
    for (const auto& c : row.cells) {
      if (c.kind == ValueKind::kText) return normalize::Compact(c.text);
    }
    return "";
  }

  static constexpr size_t kMaxPendingLines = 12;
  static constexpr int kMinPartLabels = 3;  // known column labels in a line that starts a part
  static constexpr double kColumnSlack = 2.0;  // points two grids' column boundaries may differ
  static constexpr double kWrapSlack = 14.0;   // points, about a character: a paragraph's ragged edge
  static constexpr int kMaxPartGapLines = 80;  // source lines between a table and its next part
  static constexpr int kContentWidth = 40;  // display columns of a wrapped content cell
  static constexpr int kValueWidth = 24;    // display columns of an indicator value cell
  static constexpr size_t kMaxNameLines = 3;
  static constexpr int kLabelWidth = 40;  // display columns of the longest header label
  const rules::RuleSet& rules_;
  const Options& options_;
  const std::vector<Page>& pages_;
  BuiltTables* out_;
  bool open_ = false;
  bool body_started_ = false;
  bool repeating_header_ = false;
  int header_again_page_ = 0;  // the page the open table's header was last printed again on
  struct RegionId {
    int page = 0, region = -1;
  };
  RegionId last_region_;  // the region of the last cell row a table took
  bool guessed_title_ = false;  // the open table's title is the line above an untitled grid
  bool region_table_ = false;   // the open table was opened by its region, not by a title rule
  std::vector<size_t> continuations_;  // rows of the open table where a repeated title resumed it
  bool last_row_is_total_ = false;
  bool text_rows_ = false;
  std::set<std::string> header_set_;
  std::map<size_t, int> parts_;  // table index → parts started after it
  int last_table_line_ = 0;      // source line of the last line a table took
  double band_gap_ = 0;          // line gap that separates rows of the open table (bands.cc)
  std::vector<LineCells> pending_;
  std::vector<LineCells> block_;
  std::vector<LineCells> head_;
};

}  // namespace

void Segment(const rules::RuleSet& rules, const Options& options, const std::vector<Page>& pages, BuiltTables* out) {
  Segmenter(rules, options, pages, out).Run();
}

}  // namespace budgetx::tables
