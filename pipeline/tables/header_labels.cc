// Headers whose labels wrapped into fragments (a text dump prints 财政专 / 户管理 / 资金 on three
// lines, and the last piece of one label on the line of the next row's first label): the
// fragments, joined, are read as a sequence of the rule set's known labels.
#include <algorithm>
#include <limits>

#include "pipeline/normalize/normalize.h"
#include "pipeline/tables/internal.h"

namespace budgetx::tables {
namespace {

// The known labels the text is made of, the fewest of them; empty when some text is no label.
std::vector<std::string> SplitIntoLabels(const std::string& text, const std::vector<std::string>& vocabulary) {
  constexpr size_t kNone = std::numeric_limits<size_t>::max();
  std::vector<size_t> pieces(text.size() + 1, kNone), from(text.size() + 1, 0);
  pieces[0] = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (pieces[i] == kNone) continue;
    for (const auto& label : vocabulary) {
      size_t end = i + label.size();
      if (end > text.size() || text.compare(i, label.size(), label) != 0 || pieces[i] + 1 >= pieces[end]) continue;
      pieces[end] = pieces[i] + 1;
      from[end] = i;
    }
  }
  if (pieces[text.size()] == kNone) return {};
  std::vector<std::string> labels;
  for (size_t end = text.size(); end > 0; end = from[end]) labels.push_back(text.substr(from[end], end - from[end]));
  std::reverse(labels.begin(), labels.end());
  return labels;
}

const rules::HeaderLabel* Known(const rules::RuleSet& rules, const std::string& label) {
  for (const auto& known : rules.header_labels) {
    if (normalize::Compact(known.label) == label) return &known;
  }
  return nullptr;
}

bool IsPartOf(const rules::HeaderLabel* group, const std::string& label) {
  if (!group) return false;
  return std::any_of(group->parts.begin(), group->parts.end(),
                     [&](const std::string& p) { return normalize::Compact(p) == label; });
}

std::vector<std::string> Vocabulary(const rules::RuleSet& rules) {
  std::vector<std::string> words;
  for (const auto& known : rules.header_labels) {
    words.push_back(normalize::Compact(known.label));
    for (const auto& part : known.parts) words.push_back(normalize::Compact(part));
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

// Column paths from the labels in reading order: the top row runs until the first label that is
// a part of a group before it; then each group, left to right, heads the run of its parts that
// follows (a part once only, so a second 小计 starts the next group).
std::vector<std::string> ColumnPaths(const rules::RuleSet& rules, const std::vector<std::string>& labels) {
  size_t top_end = 0;
  for (; top_end < labels.size(); ++top_end) {
    bool part = std::any_of(labels.begin(), labels.begin() + static_cast<long>(top_end),
                            [&](const std::string& g) { return IsPartOf(Known(rules, g), labels[top_end]); });
    if (part) break;
  }
  std::vector<std::string> paths;
  size_t next = top_end;
  for (size_t i = 0; i < top_end; ++i) {
    const rules::HeaderLabel* group = Known(rules, labels[i]);
    std::vector<std::string> taken;
    while (next < labels.size() && IsPartOf(group, labels[next]) &&
           std::find(taken.begin(), taken.end(), labels[next]) == taken.end()) {
      taken.push_back(labels[next++]);
    }
    if (taken.empty()) paths.push_back(labels[i]);
    for (const auto& part : taken) paths.push_back(labels[i] + "/" + part);
  }
  if (next != labels.size()) return {};
  return paths;
}

}  // namespace

std::vector<std::string> FragmentedHeaderTexts(const rules::RuleSet& rules, const Table& table, size_t ncols) {
  if (rules.header_labels.empty()) return {};
  std::string text;
  for (const auto& line : table.header) {
    for (const auto& label : line) text += normalize::Compact(label);
  }
  std::vector<std::string> paths = ColumnPaths(rules, SplitIntoLabels(text, Vocabulary(rules)));
  if (paths.size() != ncols) return {};
  return paths;
}

}  // namespace budgetx::tables
