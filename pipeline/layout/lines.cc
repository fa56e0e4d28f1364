// Plain lines: words grouped by vertical overlap, spans by horizontal gaps.
#include <algorithm>

#include "pipeline/layout/layout.h"

namespace budgetx::layout {
namespace {

// Words closer than this share of the font size are one run that the text layer split (at a font
// change); a wider gap is a space, and between CJK words often a column gutter.
constexpr double kJoinGap = 0.1;

// A run split right after a full stop is two texts that touch (two cells of a table), not one
// text split at a font change.
bool EndsSentence(const std::string& text) {
  for (const char* stop : {"。", "；", "！", "？"}) {
    std::string_view s(stop);
    if (text.size() >= s.size() && text.compare(text.size() - s.size(), s.size(), s) == 0) return true;
  }
  return false;
}

double Height(const Box& b) { return b.y1 - b.y0; }
double Overlap(const Box& a, const Box& b) { return std::min(a.y1, b.y1) - std::max(a.y0, b.y0); }

bool SameLine(const Box& a, const Box& b) {
  double smaller = std::min(Height(a), Height(b));
  return smaller > 0 && Overlap(a, b) > smaller / 2;
}

// Two neighbouring words of a line are one run when nothing separates them: no space, the same
// source block, no full stop between, and no visible gap.
bool OneRun(const Word& a, const Word& b) {
  return !a.space_after && a.block == b.block && !EndsSentence(a.text) &&
         b.box.x0 - a.box.x1 < std::max(b.font_size, Height(b.box)) * kJoinGap;
}

Span ToSpan(const Word& w, int page) {
  Span s;
  s.text = w.text;
  s.where.page = page;
  s.where.box = w.box;
  s.extent = {w.box.x0, w.box.x1};
  s.where.confidence = w.confidence;
  return s;
}

void Append(Span* span, const Word& w) {
  span->text += w.text;
  Box& b = *span->where.box;
  b = {std::min(b.x0, w.box.x0), std::min(b.y0, w.box.y0), std::max(b.x1, w.box.x1), std::max(b.y1, w.box.y1)};
  span->extent.x1 = b.x1;
  if (w.confidence) span->where.confidence = std::min(span->where.confidence.value_or(1.0), *w.confidence);
}

Line ToLine(std::vector<Word> words, int page) {
  std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) { return a.box.x0 < b.box.x0; });
  Line line;
  line.where.page = page;
  Box all = words.front().box;
  for (size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    all = {std::min(all.x0, w.box.x0), std::min(all.y0, w.box.y0), std::max(all.x1, w.box.x1),
           std::max(all.y1, w.box.y1)};
    bool joins = i > 0 && OneRun(words[i - 1], w);
    if (joins) Append(&line.spans.back(), w);
    else line.spans.push_back(ToSpan(w, page));
  }
  line.where.box = all;
  return line;
}

}  // namespace

std::vector<Line> GroupIntoLines(std::vector<Word> words, int page) {
  std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) {
    return (a.box.y0 + a.box.y1) < (b.box.y0 + b.box.y1);
  });
  std::vector<std::vector<Word>> rows;
  for (auto& w : words) {
    if (!rows.empty() && SameLine(rows.back().front().box, w.box)) rows.back().push_back(std::move(w));
    else rows.push_back({std::move(w)});
  }
  std::vector<Line> lines;
  for (auto& row : rows) lines.push_back(ToLine(std::move(row), page));
  return lines;
}

}  // namespace budgetx::layout
