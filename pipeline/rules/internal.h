// Internal to the rules stage; not part of its contract.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/model/model.h"
#include "pipeline/rules/rules.h"

namespace budgetx::rules::internal {

// The mapping being read, with what a message needs to point at it.
struct Entry {
  std::string_view file;
  std::string_view section;
  int index = 0;           // 1-based position in the section
  YAML::Node node;         // a mapping
  int line = 0;            // 1-based line of the mapping
  std::string key_prefix;  // "left." inside a cross_table selector, so messages name the full key
};

// "a, b, c": lists allowed keys and section names in messages.
std::string Join(const std::vector<std::string_view>& items);

// 1-based line of `node`, or `fallback` when yaml-cpp has no mark for it.
int LineOf(const YAML::Node& node, int fallback);

// "null", "a scalar 'x'", "a sequence", "a mapping": what was found where something else belonged.
std::string Describe(const YAML::Node& node);

// A kBadRule status at `at` (or at the entry when `at` has no mark), prefixed "<section> entry N: ".
Status Error(const Entry& e, const YAML::Node& at, const std::string& message);

// The value of `key` in the entry's mapping; nullopt when absent. Never creates nodes.
std::optional<YAML::Node> Find(const Entry& e, std::string_view key);

// Rejects non-string, unknown and duplicate keys, then missing required ones.
Status CheckKeys(const Entry& e, const std::vector<std::string_view>& allowed,
                 const std::vector<std::string_view>& required);

// Typed readers. An absent key leaves *out unchanged (the caller's default) and returns Ok; a
// present key of the wrong type is a kBadRule naming the key and quoting the value.
Status ReadString(const Entry& e, std::string_view key, std::string* out);
Status ReadNonEmpty(const Entry& e, std::string_view key, std::string* out);
Status ReadBool(const Entry& e, std::string_view key, bool* out);
Status ReadInt(const Entry& e, std::string_view key, int64_t lo, int64_t hi, int64_t* out);
Status ReadStrings(const Entry& e, std::string_view key, std::vector<std::string>* out);

// Capture groups a section's consumers read from every match.
struct Groups {
  int min_groups = 0;              // numbered or named, at least this many
  std::vector<std::string> named;  // each must be present
};

// Compiles `text` as UTF-8; a rejected pattern is a kBadRule pointing at `node`.
Status Compile(const Entry& e, const YAML::Node& node, const std::string& text, std::shared_ptr<const RE2>* out);

// Compiles the entry's `match` (UTF-8, errors as values) and checks `groups`; fills name (the
// entry's `name`, else the section), pattern, re and source ("<file>:<line of match>").
Status ReadPattern(const Entry& e, const Groups& groups, Pattern* out);

struct SectionSpec {
  std::string_view name;
  std::vector<std::string_view> keys;                 // allowed in an entry
  std::vector<std::string_view> required;             // subset of keys
  Groups groups;                                      // for pattern sections
  std::vector<Pattern> RuleSet::*patterns = nullptr;  // destination of plain pattern sections
  Status (*read)(const SectionSpec& spec, const Entry& e, RuleSet* out) = nullptr;
};

// Every section the format knows, in the order rules/README.md documents them.
const std::vector<SectionSpec>& Sections();

// Moves every rule of `from` to the end of the matching list of `to`.
void Append(RuleSet&& from, RuleSet* to);
// The words normalize::RestoreKnownWord restores: ocr_vocabulary and the header labels and parts.
std::vector<std::string> KnownWords(const RuleSet& rules);

}  // namespace budgetx::rules::internal
