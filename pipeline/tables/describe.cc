// Describing tables from the lines around them, by the rules: titles and their numbers, units,
// and the pages (contents) whose lines name tables that are not there.
#include <re2/re2.h>

#include "pipeline/normalize/normalize.h"
#include "pipeline/tables/internal.h"

namespace budgetx::tables {
namespace {

int FilledCells(const LineCells& line) {
  return static_cast<int>(std::count_if(line.cells.begin(), line.cells.end(), [](const Cell& c) { return !c.text.empty(); }));
}

// A table of contents lists the tables' titles: a page with its heading (目录), with several of
// its entries (leaders, page numbers), or with titles and nothing but text holds no table, and
// its lines are no titles.
constexpr int kMinContentsEntries = 3;
constexpr int kMinListedTitles = 4;
constexpr int kMaxEntryWidth = 60;  // display columns of a contents entry

// A line such as a contents entry: short text, no numbers, no sentence.
bool IsEntryLike(const LineCells& line) {
  return line.blank || (!line.cell_delimited && line.numeric == 0 && !IsSentence(line) && DisplayWidth(line.text) <= kMaxEntryWidth);
}

}  // namespace

std::optional<Title> MatchTitle(const rules::RuleSet& rules, const LineCells& line) {
  const std::string& text = line.text;
  if ((line.cell_delimited && FilledCells(line) > 1) || rules::FirstMatch(rules.headings, normalize::Compact(text))) {
    return std::nullopt;
  }
  for (const auto& p : rules.table_titles) {
    const RE2& re = *p.re;
    auto groups = re.NamedCapturingGroups();
    std::vector<std::string> values(re.NumberOfCapturingGroups());
    std::vector<RE2::Arg> args(values.size());
    std::vector<RE2::Arg*> argp(values.size());
    for (size_t i = 0; i < values.size(); ++i) args[i] = &values[i], argp[i] = &args[i];
    if (!RE2::FullMatchN(text, re, argp.data(), static_cast<int>(argp.size()))) continue;
    Title t;
    if (auto it = groups.find("number"); it != groups.end()) t.number = normalize::Compact(values[it->second - 1]);
    if (auto it = groups.find("title"); it != groups.end()) t.title = normalize::CompactTitle(values[it->second - 1]);
    return t;
  }
  return std::nullopt;
}

std::optional<std::string> MatchUnit(const rules::RuleSet& rules, const std::string& text) {
  std::string unit;
  for (const auto& p : rules.table_units) {
    if (RE2::PartialMatch(text, *p.re, &unit)) return unit;
  }
  return std::nullopt;
}

bool IsContentsPage(const rules::RuleSet& rules, const std::vector<LineCells>& lines, size_t first) {
  int entries = 0, titles = 0;
  bool rows = false;
  for (size_t k = first; k < lines.size(); ++k) {
    const LineCells& line = lines[k];
    const auto* p = rules::FirstMatch(rules.contents_lines, normalize::Compact(line.text));
    if (p && (p->attrs.at("kind") == "heading" || ++entries >= kMinContentsEntries)) return true;
    titles += line.title.has_value();
    rows = rows || line.numeric > 0 || line.cell_delimited;
  }
  return titles >= kMinListedTitles && !rows;
}

// The contents' last entries run over onto the next page (lines[first..]): its first lines, up
// to the text, except a title that a unit line shows to head a table.
void MarkContentsSpill(const rules::RuleSet& rules, std::vector<LineCells>* lines, size_t first) {
  std::optional<size_t> last_title;
  for (size_t k = first; k < lines->size() && IsEntryLike((*lines)[k]); ++k) {
    LineCells& line = (*lines)[k];
    if (MatchUnit(rules, line.text)) {
      for (size_t j = last_title.value_or(k); j < k; ++j) (*lines)[j].contents = false;
      return;
    }
    if (line.title) last_title = k;
    line.contents = true;
  }
}

bool IsSentence(const LineCells& line) { return line.text.ends_with("。"); }

}  // namespace budgetx::tables
