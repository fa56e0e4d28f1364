#include "extractors/text/text_extractor.h"

#include <functional>
#include <sstream>

#include "extractors/text/decode.h"
#include "extractors/text/html.h"
#include "pipeline/model/sha256.h"

namespace budgetx::text_extractor {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\r' || c == '\v'; }

// Splits on ASCII spaces and U+3000 (ideographic space), which dumps use as cell gaps alike.
// Each token keeps its extent in characters (code points), the grid a space-aligned dump such as
// `pdftotext -layout` prints on.
std::vector<Span> SplitTokens(const std::string& line, const Provenance& where) {
  std::vector<Span> out;
  Span cur;
  double column = 0;
  auto flush = [&] {
    if (cur.text.empty()) return;
    cur.extent.x1 = column;
    out.push_back(std::move(cur));
    cur = Span{};
  };
  for (size_t i = 0; i < line.size(); ++i) {
    bool ideographic = line.compare(i, 3, "\xE3\x80\x80") == 0;
    if (IsSpace(line[i]) || line[i] == '\t' || ideographic) {
      flush();
      if (ideographic) i += 2;
      ++column;
      continue;
    }
    if (cur.text.empty()) cur.where = where, cur.extent.x0 = column;
    cur.text += line[i];
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  }
  flush();
  return out;
}

Line MakeLine(const std::string& text, int page, int line_no) {
  Line line;
  line.where.page = page;
  line.where.line = line_no;
  if (text.find('\t') == std::string::npos) {
    line.spans = SplitTokens(text, line.where);
    return line;
  }
  line.cell_delimited = true;
  while (static_cast<size_t>(line.indent) < text.size() && text[line.indent] == '\t') ++line.indent;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t tab = text.find('\t', pos);
    std::string cell = text.substr(pos, tab == std::string::npos ? std::string::npos : tab - pos);
    while (!cell.empty() && IsSpace(cell.back())) cell.pop_back();
    while (!cell.empty() && IsSpace(cell.front())) cell.erase(0, 1);
    line.spans.push_back(Span{std::move(cell), line.where, {}});
    if (tab == std::string::npos) break;
    pos = tab + 1;
  }
  // Trailing empty cells carry no column information.
  while (!line.spans.empty() && line.spans.back().text.empty()) line.spans.pop_back();
  return line;
}

// Calls `line` for each line of `utf8` with the pages its form feeds start (each form feed starts
// one) and its 1-based number; form feeds and a trailing CR are not part of the text.
void ForEachLine(const std::string& utf8, const std::function<void(int, int, const std::string&)>& line) {
  std::istringstream in(utf8);
  std::string text;
  int line_no = 0;
  while (std::getline(in, text)) {
    ++line_no;
    size_t ff;
    int breaks = 0;
    while ((ff = text.find('\f')) != std::string::npos) {
      text.erase(ff, 1);
      ++breaks;
    }
    if (!text.empty() && text.back() == '\r') text.pop_back();
    line(breaks, line_no, text);
  }
}

}  // namespace

Status ExtractBytes(const std::string& path, std::string_view bytes, Document* out) {
  *out = Document{};
  out->path = path;
  out->source_kind = "text";
  out->sha256 = Sha256Hex(bytes);
  if (bytes.empty()) return Status::Error(Status::Code::kBadInput, path, "empty file");
  std::string utf8;
  Status s = DecodeToUtf8(path, bytes, &utf8, &out->encoding);
  if (!s.ok()) return s;
  out->pages.push_back(Page{1, {}, false});
  if (LooksLikeHtml(utf8)) {
    out->source_kind = "html";
    for (const HtmlLine& line : HtmlToLines(utf8)) out->pages[0].lines.push_back(MakeLine(line.text, 1, line.source_line));
    return Status::Ok();
  }
  ForEachLine(utf8, [out](int new_pages, int line_no, const std::string& text) {
    for (int i = 0; i < new_pages; ++i) out->pages.push_back(Page{static_cast<int>(out->pages.size()) + 1, {}, false});
    // Blank lines are kept: the one-cell-per-line layout separates rows with them.
    out->pages.back().lines.push_back(MakeLine(text, out->pages.back().number, line_no));
  });
  return Status::Ok();
}

Status Extract(const std::string& path, Document* out) {
  std::string bytes;
  Status s = ReadWholeFile(path, &bytes);
  if (!s.ok()) return s;
  return ExtractBytes(path, bytes, out);
}

Status ReadSourceLines(const std::string& path, std::vector<SourceLine>* lines) {
  lines->clear();
  std::string bytes, utf8, encoding;
  BUDGETX_RETURN_IF_ERROR(ReadWholeFile(path, &bytes));
  BUDGETX_RETURN_IF_ERROR(DecodeToUtf8(path, bytes, &utf8, &encoding));
  int page = 1;
  ForEachLine(utf8, [&](int new_pages, int, const std::string& text) {
    page += new_pages;
    lines->push_back({page, text});
  });
  return Status::Ok();
}

}  // namespace budgetx::text_extractor
