// RuleSet queries and merging.
#include <iterator>
#include <set>

#include "pipeline/rules/internal.h"

namespace budgetx::rules {
namespace {

template <typename T>
void MoveAll(std::vector<T>&& from, std::vector<T>* to) {
  to->insert(to->end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

}  // namespace

bool RuleSet::empty() const {
  for (const auto& spec : internal::Sections()) {
    if (spec.patterns && !(this->*spec.patterns).empty()) return false;
  }
  return columns.empty() && header_labels.empty() && ocr_vocabulary.empty() && classification.empty() && classification_former.empty() &&
         templates.empty() && identities.columns.empty() && identities.lines.empty() && identities.ratios.empty() &&
         identities.cross_table.empty() && identities.narrative_links.empty();
}

const Pattern* FirstMatch(const std::vector<Pattern>& patterns, std::string_view text) {
  for (const auto& p : patterns) {
    if (RE2::PartialMatch(text, *p.re)) return &p;
  }
  return nullptr;
}

namespace internal {

std::vector<std::string> KnownWords(const RuleSet& rules) {
  std::set<std::string> words(rules.ocr_vocabulary.begin(), rules.ocr_vocabulary.end());
  for (const auto& label : rules.header_labels) {
    words.insert(label.label);
    words.insert(label.parts.begin(), label.parts.end());
  }
  return {words.begin(), words.end()};
}

void Append(RuleSet&& from, RuleSet* to) {
  for (const auto& spec : Sections()) {
    if (spec.patterns) MoveAll(std::move(from.*spec.patterns), &(to->*spec.patterns));
  }
  MoveAll(std::move(from.columns), &to->columns);
  MoveAll(std::move(from.header_labels), &to->header_labels);
  MoveAll(std::move(from.identities.columns), &to->identities.columns);
  MoveAll(std::move(from.identities.lines), &to->identities.lines);
  MoveAll(std::move(from.identities.ratios), &to->identities.ratios);
  MoveAll(std::move(from.identities.cross_table), &to->identities.cross_table);
  MoveAll(std::move(from.identities.narrative_links), &to->identities.narrative_links);
  MoveAll(std::move(from.ocr_vocabulary), &to->ocr_vocabulary);
  MoveAll(std::move(from.templates), &to->templates);
  for (auto& [code, name] : from.classification) to->classification.emplace(code, std::move(name));
  for (auto& [code, names] : from.classification_former) to->classification_former.emplace(code, std::move(names));
  to->known_words = KnownWords(*to);
}

}  // namespace internal
}  // namespace budgetx::rules
