// Reading the keys of one entry: key checks, typed values and patterns, each error naming the key.
#include <re2/re2.h>

#include <algorithm>
#include <memory>
#include <set>

#include "pipeline/rules/internal.h"

namespace budgetx::rules::internal {
namespace {

std::string Key(const Entry& e, std::string_view key) {
  return "key '" + e.key_prefix + std::string(key) + "'";
}

}  // namespace

std::string Join(const std::vector<std::string_view>& items) {
  std::string out;
  for (auto item : items) out += (out.empty() ? "" : ", ") + std::string(item);
  return out;
}

int LineOf(const YAML::Node& node, int fallback) {
  YAML::Mark mark = node.Mark();
  return mark.is_null() ? fallback : mark.line + 1;  // yaml-cpp counts lines from 0
}

std::string Describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar: return "'" + node.Scalar() + "'";
    case YAML::NodeType::Sequence: return "a sequence";
    case YAML::NodeType::Map: return "a mapping";
    default: return "an empty value";
  }
}

Status Error(const Entry& e, const YAML::Node& at, const std::string& message) {
  std::string where = std::string(e.section) + " entry " + std::to_string(e.index) + ": ";
  return Status::Error(Status::Code::kBadRule, std::string(e.file), where + message, LineOf(at, e.line));
}

std::optional<YAML::Node> Find(const Entry& e, std::string_view key) {
  // Iterating instead of operator[]: a missing key then never yields a node without a mark.
  for (const auto& kv : e.node) {
    if (kv.first.IsScalar() && kv.first.Scalar() == key) return kv.second;
  }
  return std::nullopt;
}

Status CheckKeys(const Entry& e, const std::vector<std::string_view>& allowed,
                 const std::vector<std::string_view>& required) {
  std::set<std::string, std::less<>> seen;
  for (const auto& kv : e.node) {
    if (!kv.first.IsScalar()) return Error(e, kv.first, "a key must be a string, got " + Describe(kv.first));
    const std::string& key = kv.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return Error(e, kv.first, "unknown " + Key(e, key) + " (allowed: " + Join(allowed) + ")");
    }
    // yaml-cpp keeps both values of a repeated key; reading one would silently drop the other.
    if (!seen.insert(key).second) return Error(e, kv.first, "duplicate " + Key(e, key));
  }
  for (auto key : required) {
    if (!seen.count(key)) return Error(e, e.node, "missing required " + Key(e, key));
  }
  return Status::Ok();
}

Status ReadString(const Entry& e, std::string_view key, std::string* out) {
  auto value = Find(e, key);
  if (!value) return Status::Ok();
  if (!value->IsScalar()) return Error(e, *value, Key(e, key) + " must be a string, got " + Describe(*value));
  *out = value->Scalar();
  return Status::Ok();
}

Status ReadNonEmpty(const Entry& e, std::string_view key, std::string* out) {
  auto value = Find(e, key);
  if (!value) return Status::Ok();
  if (value->IsScalar() && value->Scalar().empty())
    return Error(e, *value, Key(e, key) + " must not be empty");
  return ReadString(e, key, out);
}

Status ReadBool(const Entry& e, std::string_view key, bool* out) {
  auto value = Find(e, key);
  if (!value) return Status::Ok();
  if (!value->IsScalar() || !YAML::convert<bool>::decode(*value, *out)) {
    return Error(e, *value, Key(e, key) + " must be true or false, got " + Describe(*value));
  }
  return Status::Ok();
}

Status ReadInt(const Entry& e, std::string_view key, int64_t lo, int64_t hi, int64_t* out) {
  auto value = Find(e, key);
  if (!value) return Status::Ok();
  int64_t n = 0;
  if (!value->IsScalar() || !YAML::convert<int64_t>::decode(*value, n) || n < lo || n > hi) {
    return Error(e, *value,
                 Key(e, key) + " must be an integer from " + std::to_string(lo) + " to " +
                     std::to_string(hi) + ", got " + Describe(*value));
  }
  *out = n;
  return Status::Ok();
}

Status ReadStrings(const Entry& e, std::string_view key, std::vector<std::string>* out) {
  auto value = Find(e, key);
  if (!value) return Status::Ok();
  if (!value->IsSequence()) {
    return Error(e, *value, Key(e, key) + " must be a sequence of strings, got " + Describe(*value));
  }
  std::vector<std::string> items;
  for (const auto& item : *value) {
    if (!item.IsScalar()) {
      return Error(e, item, Key(e, key) + " must hold only strings, got " + Describe(item));
    }
    items.push_back(item.Scalar());
  }
  *out = std::move(items);
  return Status::Ok();
}

// Compiles `text` (UTF-8), an error pointing at `node` when RE2 rejects it.
Status Compile(const Entry& e, const YAML::Node& node, const std::string& text, std::shared_ptr<const RE2>* out) {
  RE2::Options options;
  options.set_log_errors(false);  // the error is returned as a Status, not printed to stderr
  options.set_encoding(RE2::Options::EncodingUTF8);
  auto re = std::make_shared<const RE2>(text, options);
  if (!re->ok()) return Error(e, node, "RE2 rejects pattern '" + text + "': " + re->error());
  *out = std::move(re);
  return Status::Ok();
}

Status ReadPattern(const Entry& e, const Groups& groups, Pattern* out) {
  out->name = std::string(e.section);
  BUDGETX_RETURN_IF_ERROR(ReadNonEmpty(e, "name", &out->name));
  // Non-empty: an empty pattern matches every line, which is never what a rule means.
  BUDGETX_RETURN_IF_ERROR(ReadNonEmpty(e, "match", &out->pattern));
  const YAML::Node match = *Find(e, "match");  // required in every pattern section
  const std::string quoted = "pattern '" + out->pattern + "'";
  std::shared_ptr<const RE2> re;
  BUDGETX_RETURN_IF_ERROR(Compile(e, match, out->pattern, &re));
  if (re->NumberOfCapturingGroups() < groups.min_groups) {
    return Error(e, match,
                 quoted + " needs at least " + std::to_string(groups.min_groups) + " capture group(s), has " +
                     std::to_string(re->NumberOfCapturingGroups()));
  }
  for (const auto& group : groups.named) {
    if (!re->NamedCapturingGroups().count(group)) {
      return Error(e, match, quoted + " needs the named group (?P<" + group + ">...)");
    }
  }
  out->re = std::move(re);
  out->source = std::string(e.file) + ":" + std::to_string(LineOf(match, e.line));
  return Status::Ok();
}

}  // namespace budgetx::rules::internal
