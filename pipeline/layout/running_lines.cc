// Page numbers: the first or last line of most pages, the same text but for a number that grows
// from page to page ("- 3 -", "第 3 页 共 20 页", "3"). A line repeated verbatim is not one: a
// table's title or unit printed atop each of its pages must stay.
#include <algorithm>
#include <cmath>
#include <map>

#include "pipeline/layout/layout.h"

namespace budgetx::layout {
namespace {

// Lines this far from the top or bottom of a page's text (counted in lines) may be page numbers.
constexpr size_t kEdgeLines = 1;
// Recurrence needed: on this share of the pages, and on at least kMinPages of them.
constexpr double kMinShare = 0.6;
constexpr size_t kMinPages = 3;
// Heights within this many points are the same place.
constexpr double kSameHeight = 4.0;

// The text with each run of digits as one '#': "- 9 -" and "- 10 -" are one running line.
std::string Masked(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == ' ') continue;
    bool digit = c >= '0' && c <= '9';
    if (!digit) out += c;
    else if (out.empty() || out.back() != '#') out += '#';
  }
  return out;
}

struct Place {
  size_t page, line;
  double y;
  long number;  // the first number of the line
};

// A page number's text is its number and a few marks around it: "- 3 -", "第 3 页 共 9 页",
// "3/9", "Page 3"; "表3" is a table's number.
bool OnlyPageMarks(const std::string& masked) {
  static const std::vector<std::string> kMarks = {"#", "-", "—", "–", "第", "页", "共", "/", "(", ")", "（",
                                                  "）", ".", "·", "Page", "page", "of"};
  for (size_t i = 0; i < masked.size();) {
    bool matched = false;
    for (const auto& m : kMarks) {
      if (masked.compare(i, m.size(), m) == 0) {
        i += m.size();
        matched = true;
        break;
      }
    }
    if (!matched) return false;
  }
  return true;
}

// No document has this many pages: a longer run of digits is a code or an amount (found by
// scripts/fuzz tables, as an overflow of a 19-digit run).
constexpr long kMaxPageNumber = 1'000'000;

// Spaces inside the number are the text layer's ("- 1 4 -" for page 14), as in Masked. -1 when
// the text holds no number, or one too long to number a page.
long FirstNumber(const std::string& text) {
  long n = -1;
  for (char c : text) {
    if (c >= '0' && c <= '9') n = (n < 0 ? 0 : n * 10) + (c - '0');
    else if (n >= 0 && c != ' ') break;
    if (n > kMaxPageNumber) return -1;
  }
  return n;
}

bool Growing(const std::vector<const Place*>& at) {
  for (size_t i = 1; i < at.size(); ++i) {
    if (at[i]->number <= at[i - 1]->number) return false;
  }
  return true;
}

// The places at heights where the line recurs on kMinPages pages or more, in page order. Portrait
// and landscape pages of one document print their numbers at two heights.
std::vector<const Place*> AtRecurringHeights(const std::vector<Place>& places) {
  std::vector<const Place*> by_height;
  for (const auto& pl : places) by_height.push_back(&pl);
  std::sort(by_height.begin(), by_height.end(), [](const Place* a, const Place* b) { return a->y < b->y; });
  std::vector<const Place*> out;
  for (size_t first = 0, last = 0; first < by_height.size(); first = last) {
    while (last < by_height.size() && by_height[last]->y - by_height[first]->y <= kSameHeight) ++last;
    if (last - first >= kMinPages) out.insert(out.end(), by_height.begin() + static_cast<long>(first), by_height.begin() + static_cast<long>(last));
  }
  std::sort(out.begin(), out.end(), [](const Place* a, const Place* b) { return a->page < b->page; });
  return out;
}

}  // namespace

size_t DropRunningLines(std::vector<Page>* pages) {
  std::map<std::string, std::vector<Place>> seen;
  for (size_t p = 0; p < pages->size(); ++p) {
    const auto& lines = (*pages)[p].lines;
    for (size_t l = 0; l < lines.size(); ++l) {
      if (l >= kEdgeLines && l + kEdgeLines < lines.size()) continue;
      const Line& line = lines[l];
      if (line.cell_delimited || !line.where.box) continue;
      std::string text = line.Text();
      long number = FirstNumber(text);
      std::string masked = Masked(text);
      if (number >= 0 && OnlyPageMarks(masked)) seen[masked].push_back({p, l, line.where.box->y0, number});
    }
  }
  size_t needed = std::max(kMinPages, static_cast<size_t>(std::ceil(kMinShare * static_cast<double>(pages->size()))));
  std::vector<std::vector<bool>> drop(pages->size());
  for (size_t p = 0; p < pages->size(); ++p) drop[p].assign((*pages)[p].lines.size(), false);
  size_t dropped = 0;
  for (auto& [text, places] : seen) {
    if (text.empty() || places.size() < needed) continue;
    std::vector<const Place*> at = AtRecurringHeights(places);
    if (at.size() < needed || !Growing(at)) continue;
    for (const Place* pl : at) drop[pl->page][pl->line] = true, ++dropped;
  }
  for (size_t p = 0; p < pages->size(); ++p) {
    auto& lines = (*pages)[p].lines;
    size_t k = 0;
    lines.erase(std::remove_if(lines.begin(), lines.end(), [&](const Line&) { return drop[p][k++]; }), lines.end());
  }
  return dropped;
}

}  // namespace budgetx::layout
