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

std::string Masked(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == ' ') continue;
    out += c >= '0' && c <= '9' ? '#' : c;
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

long FirstNumber(const std::string& text) {
  long n = -1;
  for (char c : text) {
    if (c >= '0' && c <= '9') n = (n < 0 ? 0 : n * 10) + (c - '0');
    else if (n >= 0) break;
  }
  return n;
}

bool Growing(const std::vector<const Place*>& at) {
  for (size_t i = 1; i < at.size(); ++i) {
    if (at[i]->number <= at[i - 1]->number) return false;
  }
  return true;
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
    std::vector<double> ys;
    for (const auto& pl : places) ys.push_back(pl.y);
    std::nth_element(ys.begin(), ys.begin() + static_cast<long>(ys.size() / 2), ys.end());
    double typical = ys[ys.size() / 2];
    std::vector<const Place*> at;
    for (const auto& pl : places) {
      if (std::abs(pl.y - typical) <= kSameHeight) at.push_back(&pl);
    }
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
