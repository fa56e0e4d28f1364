#include "extractors/text/text_extractor.h"

#include <sstream>

#include "extractors/text/decode.h"
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
  std::istringstream in(utf8);
  std::string text;
  int line_no = 0;
  while (std::getline(in, text)) {
    ++line_no;
    size_t ff;
    while ((ff = text.find('\f')) != std::string::npos) {
      text.erase(ff, 1);
      out->pages.push_back(Page{static_cast<int>(out->pages.size()) + 1, {}, false});
    }
    if (!text.empty() && text.back() == '\r') text.pop_back();
    // Blank lines are kept: the one-cell-per-line layout separates rows with them.
    out->pages.back().lines.push_back(MakeLine(text, out->pages.back().number, line_no));
  }
  return Status::Ok();
}

Status Extract(const std::string& path, Document* out) {
  std::string bytes;
  Status s = ReadWholeFile(path, &bytes);
  if (!s.ok()) return s;
  return ExtractBytes(path, bytes, out);
}

}  // namespace budgetx::text_extractor
