#include "extractors/text/html.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <set>

namespace budgetx::text_extractor {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Elements whose content is not page text.
const std::set<std::string>& Hidden() {
  static const std::set<std::string> names = {"head", "script", "style", "noscript", "template", "svg", "iframe"};
  return names;
}

// Elements that end the line before them and after them.
const std::set<std::string>& Blocks() {
  static const std::set<std::string> names = {
      "address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "div", "dl", "dt",
      "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
      "hr", "li", "main", "nav", "ol", "p", "pre", "section", "title", "ul"};
  return names;
}

// A reference to a control character or to no character reads as U+FFFD, as a browser shows it.
void AppendCodePoint(uint32_t c, std::string* out) {
  bool control = c < 0x20 || (c >= 0x7F && c < 0xA0);
  if (control || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
  char buf[4];
  int32_t n = 0;
  U8_APPEND_UNSAFE(buf, n, c);
  out->append(buf, n);
}

// Decodes the character reference at text[i] ('&'); returns the bytes it consumed, 0 when it is
// not one (the '&' is then text).
size_t DecodeReference(std::string_view text, size_t i, std::string* out) {
  static const std::map<std::string, uint32_t, std::less<>> named = {
      {"nbsp", ' '},     {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
      {"apos", '\''},    {"ensp", ' '},     {"emsp", ' '},     {"thinsp", ' '},   {"ldquo", 0x201C},
      {"rdquo", 0x201D}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"mdash", 0x2014}, {"ndash", 0x2013},
      {"hellip", 0x2026}, {"middot", 0xB7}, {"yen", 0xA5},     {"times", 0xD7},   {"divide", 0xF7},
      {"permil", 0x2030}, {"deg", 0xB0},    {"plusmn", 0xB1},  {"shy", 0xAD}};
  size_t end = text.find(';', i + 1);
  if (end == std::string_view::npos || end - i > 12) return 0;
  std::string_view name = text.substr(i + 1, end - i - 1);
  if (name.size() > 1 && name[0] == '#') {
    bool hex = name[1] == 'x' || name[1] == 'X';
    std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 7) return 0;
    uint32_t c = 0;
    for (char d : digits) {
      int v = std::isdigit(static_cast<unsigned char>(d)) ? d - '0'
              : hex && std::isxdigit(static_cast<unsigned char>(d)) ? std::tolower(d) - 'a' + 10 : -1;
      if (v < 0) return 0;
      c = c * (hex ? 16 : 10) + v;
    }
    AppendCodePoint(c, out);
    return end - i + 1;
  }
  auto it = named.find(Lower(name));
  if (it == named.end()) return 0;
  AppendCodePoint(it->second, out);
  return end - i + 1;
}

struct Tag {
  std::string name;  // lower case, without the '/'
  bool closing = false;
  bool self_closing = false;  // <x ... />
  int colspan = 1, rowspan = 1;
};

int SpanAttribute(const std::string& attributes, const std::string& name) {
  size_t at = attributes.find(name);
  if (at == std::string::npos) return 1;
  at = attributes.find_first_of("0123456789", at + name.size());
  if (at == std::string::npos) return 1;
  int n = 0;
  while (at < attributes.size() && std::isdigit(static_cast<unsigned char>(attributes[at])) && n < 1000)
    n = n * 10 + (attributes[at++] - '0');
  return std::clamp(n, 1, 1000);
}

// Reads the tag at text[i] ('<'); returns the position after it, or i when it is not a tag.
size_t ReadTag(std::string_view text, size_t i, Tag* tag) {
  size_t j = i + 1;
  tag->closing = j < text.size() && text[j] == '/';
  if (tag->closing) ++j;
  size_t name_start = j;
  while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '-')) ++j;
  if (j == name_start || !std::isalpha(static_cast<unsigned char>(text[name_start]))) return i;
  tag->name = Lower(text.substr(name_start, j - name_start));
  char quote = 0;
  size_t attributes_start = j;
  for (; j < text.size(); ++j) {
    if (quote) {
      if (text[j] == quote) quote = 0;
    } else if (text[j] == '"' || text[j] == '\'') {
      quote = text[j];
    } else if (text[j] == '>') {
      break;
    }
  }
  tag->self_closing = j > attributes_start && j < text.size() && text[j - 1] == '/';
  std::string attributes = Lower(text.substr(attributes_start, j - attributes_start));
  tag->colspan = SpanAttribute(attributes, "colspan");
  tag->rowspan = SpanAttribute(attributes, "rowspan");
  return std::min(j + 1, text.size());
}

// Where the markup construct opened by "<!", "<?" ends (comment, doctype, CDATA, processing
// instruction); npos when text[i] opens none.
size_t SkipDeclaration(std::string_view text, size_t i) {
  if (text.substr(i, 4) == "<!--") {
    size_t end = text.find("-->", i + 4);
    return end == std::string_view::npos ? text.size() : end + 3;
  }
  if (text.substr(i, 2) == "<!" || text.substr(i, 2) == "<?") {
    size_t end = text.find('>', i + 2);
    return end == std::string_view::npos ? text.size() : end + 1;
  }
  return std::string_view::npos;
}

// Text split into pieces at the block boundaries inside one cell or outside any table.
struct Lines {
  std::vector<HtmlLine> lines;
  bool open = false;  // the last line still takes text

  void Add(std::string_view piece, int source_line) {
    if (!open) {
      if (piece == " ") return;
      lines.push_back({source_line, {}});
      open = true;
    }
    if (piece == " " && lines.back().text.empty()) return;
    if (piece == " " && lines.back().text.back() == ' ') return;
    lines.back().text += piece;
  }
  void Break() {
    if (!open) return;
    open = false;
    while (!lines.back().text.empty() && lines.back().text.back() == ' ') lines.back().text.pop_back();
    if (lines.back().text.empty()) lines.pop_back();
  }
  // The lines as one cell: CJK pieces join directly, others with a space.
  std::string Joined() const {
    std::string out;
    for (const HtmlLine& line : lines) {
      bool ascii_seam = !out.empty() && static_cast<unsigned char>(out.back()) < 0x80 &&
                        static_cast<unsigned char>(line.text.front()) < 0x80;
      if (ascii_seam) out += ' ';
      out += line.text;
    }
    return out;
  }
};

struct Cell {
  Lines text;
  int colspan = 1, rowspan = 1;
};

struct Table {
  std::vector<std::vector<Cell>> rows;
  bool holds_table = false;
};

// Columns a table row is read to, as browsers bound colspan: no budget table comes near it, and a
// page of spans cannot make a row of millions of cells.
constexpr size_t kMaxColumns = 1000;

class Converter {
 public:
  explicit Converter(std::string_view html) : html_(html) {}

  std::vector<HtmlLine> Run() {
    size_t i = 0;
    while (i < html_.size()) i = Step(i);
    while (!tables_.empty()) CloseTable();
    flow_.Break();
    return std::move(flow_.lines);
  }

 private:
  size_t Step(size_t i) {
    char c = html_[i];
    if (c == '<') return Markup(i);
    if (c == '&') {
      std::string decoded;
      if (size_t n = DecodeReference(html_, i, &decoded)) {
        Text(decoded, i);
        return i + n;
      }
    }
    size_t end = i + 1;
    if (IsAsciiSpace(c)) {
      while (end < html_.size() && IsAsciiSpace(html_[end])) ++end;
      Text(" ", i);
    } else {
      while (end < html_.size() && html_[end] != '<' && html_[end] != '&' && !IsAsciiSpace(html_[end])) ++end;
      Text(html_.substr(i, end - i), i);
    }
    return end;
  }

  size_t Markup(size_t i) {
    if (size_t end = SkipDeclaration(html_, i); end != std::string_view::npos) return end;
    Tag tag;
    size_t end = ReadTag(html_, i, &tag);
    if (end == i) {
      Text("<", i);
      return i + 1;
    }
    if (!tag.closing && !tag.self_closing && Hidden().count(tag.name)) return SkipElement(tag.name, end);
    if (tag.name == "table") tag.closing ? CloseTable() : OpenTable();
    else if (tag.name == "tr") Break(), EndRow();
    else if ((tag.name == "td" || tag.name == "th") && !tag.closing) OpenCell(tag);
    else if (Blocks().count(tag.name)) Break();
    return end;
  }

  // Past the element's end tag. An unclosed head ends where the body starts; any other unclosed
  // hidden element runs to the end, as a browser reads it.
  size_t SkipElement(const std::string& name, size_t from) {
    std::string close = "</" + name;
    for (size_t at = from; (at = html_.find('<', at)) != std::string_view::npos; ++at) {
      std::string here = Lower(html_.substr(at, close.size()));
      if (name == "head" && here.starts_with("<body")) return at;
      if (here != close) continue;
      size_t end = html_.find('>', at);
      return end == std::string_view::npos ? html_.size() : end + 1;
    }
    return html_.size();
  }

  int SourceLine(size_t at) {
    line_ += std::count(html_.begin() + counted_, html_.begin() + at, '\n');
    counted_ = at;
    return line_;
  }

  void Text(std::string_view piece, size_t at) {
    Cell* cell = CurrentCell();
    (cell ? cell->text : flow_).Add(piece, SourceLine(at));
  }

  void Break() {
    Cell* cell = CurrentCell();
    (cell ? cell->text : flow_).Break();
  }

  Cell* CurrentCell() {
    if (tables_.empty() || tables_.back().rows.empty() || tables_.back().rows.back().empty()) return nullptr;
    return &tables_.back().rows.back().back();
  }

  void OpenTable() {
    Break();
    if (!tables_.empty()) {
      // A table in a table: the outer one is for layout; what it holds so far comes first.
      tables_.back().holds_table = true;
      EmitLayout(&tables_.back());
    }
    flow_.Break();
    tables_.push_back(Table{});
  }

  void CloseTable() {
    if (tables_.empty()) return;
    Break();
    Table table = std::move(tables_.back());
    tables_.pop_back();
    if (table.holds_table || !IsDataTable(table)) EmitLayout(&table);
    else EmitData(table);
  }

  void EndRow() {
    if (tables_.empty()) return;
    if (tables_.back().rows.empty() || !tables_.back().rows.back().empty()) tables_.back().rows.emplace_back();
  }

  void OpenCell(const Tag& tag) {
    if (tables_.empty()) return;  // a cell outside any table is read as flow text
    Break();
    Table& table = tables_.back();
    if (table.rows.empty()) table.rows.emplace_back();
    table.rows.back().push_back(Cell{{}, tag.colspan, tag.rowspan});
  }

  static int Filled(const std::vector<Cell>& row) {
    return std::count_if(row.begin(), row.end(), [](const Cell& c) { return !c.text.lines.empty(); });
  }

  static bool IsDataTable(const Table& table) {
    return std::any_of(table.rows.begin(), table.rows.end(), [](const auto& row) { return Filled(row) >= 2; });
  }

  void Emit(HtmlLine line) {
    flow_.Break();
    flow_.lines.push_back(std::move(line));
  }

  void EmitLayout(Table* table) {
    for (auto& row : table->rows) {
      for (Cell& cell : row) {
        cell.text.Break();
        for (HtmlLine& line : cell.text.lines) Emit(std::move(line));
        cell.text.lines.clear();
      }
    }
    // The cell in progress, if any, goes on taking text.
    if (!table->rows.empty() && !table->rows.back().empty()) {
      Cell open = std::move(table->rows.back().back());
      table->rows.clear();
      table->rows.push_back({std::move(open)});
    } else {
      table->rows.clear();
    }
  }

  void EmitData(const Table& table) {
    size_t width = 0;
    for (const auto& row : table.rows) {
      size_t w = 0;
      for (const Cell& cell : row) w = std::min(w + cell.colspan, kMaxColumns);
      width = std::max(width, w);
    }
    std::vector<int> rows_left;  // per column: rows a cell above still spans
    for (const auto& row : table.rows) {
      if (row.empty()) continue;
      int filled = Filled(row);
      if (filled == 1 && row.size() == 1 && static_cast<size_t>(row[0].colspan) >= width) {
        Emit({row[0].text.lines.front().source_line, row[0].text.Joined()});
        continue;
      }
      EmitDataRow(row, &rows_left);
    }
  }

  void EmitDataRow(const std::vector<Cell>& row, std::vector<int>* rows_left) {
    std::vector<std::string> columns;
    int source_line = 0;
    auto skip_spanned = [&] {
      while (columns.size() < rows_left->size() && (*rows_left)[columns.size()] > 0) {
        --(*rows_left)[columns.size()];
        columns.emplace_back();
      }
    };
    for (const Cell& cell : row) {
      skip_spanned();
      size_t first = columns.size();
      if (first >= kMaxColumns) break;
      columns.push_back(cell.text.Joined());
      if (!source_line && !cell.text.lines.empty()) source_line = cell.text.lines.front().source_line;
      columns.resize(std::min(first + cell.colspan, kMaxColumns));
      if (rows_left->size() < columns.size()) rows_left->resize(columns.size(), 0);
      for (size_t k = first; k < columns.size(); ++k) (*rows_left)[k] = cell.rowspan - 1;
    }
    skip_spanned();
    for (size_t k = columns.size(); k < rows_left->size(); ++k) (*rows_left)[k] = std::max(0, (*rows_left)[k] - 1);
    if (!source_line) return;  // no cell holds text
    std::string text;
    for (size_t k = 0; k < columns.size(); ++k) text += (k ? "\t" : "") + columns[k];
    Emit({source_line, std::move(text)});
  }

  std::string_view html_;
  Lines flow_;
  std::vector<Table> tables_;
  int line_ = 1;
  size_t counted_ = 0;
};

}  // namespace

bool LooksLikeHtml(std::string_view utf8) {
  size_t i = utf8.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (i < utf8.size() && IsAsciiSpace(utf8[i])) ++i;
  if (i >= utf8.size() || utf8[i] != '<') return false;
  std::string head = Lower(utf8.substr(i, 1024));
  return head.starts_with("<!doctype html") || head.find("<html") != std::string::npos;
}

std::vector<HtmlLine> HtmlToLines(std::string_view utf8) { return Converter(utf8).Run(); }

}  // namespace budgetx::text_extractor
