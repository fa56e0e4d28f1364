// Reading rule files: YAML text → sections → entries, and a directory of files → one RuleSet.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <yaml-cpp/eventhandler.h>

#include "pipeline/rules/internal.h"

namespace budgetx::rules {
namespace {

using internal::Entry;
using internal::SectionSpec;

Status BadRule(const std::string& file, const std::string& message, int line) {
  return Status::Error(Status::Code::kBadRule, file, message, line);
}

const SectionSpec* FindSection(const std::string& name) {
  for (const auto& spec : internal::Sections()) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

std::string SectionNames() {
  std::vector<std::string_view> names;
  for (const auto& spec : internal::Sections()) names.push_back(spec.name);
  return internal::Join(names);
}

Status ReadSection(const std::string& file, const SectionSpec& spec, const YAML::Node& key,
                   const YAML::Node& list, RuleSet* out) {
  // The key's line: yaml-cpp marks an empty value at the line after it.
  int line = internal::LineOf(key, 0);
  if (!list.IsSequence()) {
    return BadRule(file,
                   "section '" + std::string(spec.name) +
                       "' must be a sequence of entries (use [] for none), got " + internal::Describe(list),
                   line);
  }
  for (size_t i = 0; i < list.size(); ++i) {
    const YAML::Node item = list[i];
    Entry e{file, spec.name, static_cast<int>(i) + 1, item, internal::LineOf(item, line), ""};
    if (!item.IsMap()) {
      return internal::Error(e, item,
                             "an entry must be a mapping with keys " + internal::Join(spec.keys) + ", got " +
                                 internal::Describe(item));
    }
    BUDGETX_RETURN_IF_ERROR(internal::CheckKeys(e, spec.keys, spec.required));
    BUDGETX_RETURN_IF_ERROR(spec.read(spec, e, out));
  }
  return Status::Ok();
}

Status ReadDocument(const std::string& file, const YAML::Node& doc, RuleSet* out) {
  if (doc.IsNull()) return Status::Ok();  // an empty file (or only comments) declares nothing
  if (!doc.IsMap()) {
    return BadRule(
        file, "the top level must be a mapping of section names to lists, got " + internal::Describe(doc),
        internal::LineOf(doc, 1));
  }
  std::vector<std::string> seen;
  for (const auto& kv : doc) {
    std::string name = kv.first.IsScalar() ? kv.first.Scalar() : internal::Describe(kv.first);
    int line = internal::LineOf(kv.first, 0);
    const SectionSpec* spec = kv.first.IsScalar() ? FindSection(name) : nullptr;
    if (!spec) return BadRule(file, "unknown section '" + name + "' (valid: " + SectionNames() + ")", line);
    // yaml-cpp would read both copies, but a section repeated in one file is almost always a paste error.
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      return BadRule(file, "section '" + name + "' appears twice", line);
    }
    seen.push_back(name);
    BUDGETX_RETURN_IF_ERROR(ReadSection(file, *spec, kv.first, kv.second, out));
  }
  return Status::Ok();
}

// Where each document of a YAML stream starts: the mark of its first node.
class DocumentStarts : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> starts;
  void OnDocumentStart(const YAML::Mark&) override { open_ = true; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { Node(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { Node(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string&) override { Node(mark); }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    Node(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    Node(mark);
  }
  void OnMapEnd() override {}

 private:
  void Node(const YAML::Mark& mark) {
    if (open_) starts.push_back(mark);
    open_ = false;
  }
  bool open_ = false;
};

// A file holds one document. yaml-cpp 0.7's LoadAll loops for ever, growing, on some malformed
// streams (a stray ','): its parser then returns the same empty document again and again, never
// taking the token. So at most three documents are parsed here; one that starts where the one
// before it did is a token the parser could not take.
Status CheckOneDocument(const std::string& name, const std::string& yaml) {
  std::istringstream in(yaml);
  YAML::Parser parser(in);
  DocumentStarts documents;
  for (int n = 0; n < 3 && parser.HandleNextDocument(documents); ++n) {
  }
  const auto& starts = documents.starts;
  for (size_t k = 1; k < starts.size(); ++k) {
    if (starts[k].pos == starts[k - 1].pos) {
      return BadRule(name, "YAML error: unexpected '" + yaml.substr(starts[k].pos, 1) + "'", starts[k].line + 1);
    }
  }
  // Only the first document would be read; the others would be silently ignored.
  if (starts.size() > 1) {
    return BadRule(name, "more than one YAML document (---); put each file's sections in one mapping", starts[1].line + 1);
  }
  return Status::Ok();
}

Status Parse(const std::string& name, const std::string& yaml, RuleSet* out) {
  try {
    BUDGETX_RETURN_IF_ERROR(CheckOneDocument(name, yaml));
    YAML::Node doc = YAML::Load(yaml);
    return doc.IsNull() ? Status::Ok() : ReadDocument(name, doc, out);
  } catch (const YAML::Exception& e) {
    return BadRule(name, "YAML error: " + e.msg, e.mark.is_null() ? 0 : e.mark.line + 1);
  }
}

bool IsRuleFile(const std::filesystem::directory_entry& entry) {
  std::error_code ec;
  auto ext = entry.path().extension();
  return (ext == ".yaml" || ext == ".yml") && entry.is_regular_file(ec);
}

// The rule files of `dir`, sorted by file name so rule order (first match wins) is reproducible.
Status ListRuleFiles(const std::string& dir, std::vector<std::filesystem::path>* files) {
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) return Status::Error(Status::Code::kNotFound, dir, "cannot read rules directory: " + ec.message());
  // increment(ec) rather than a range-for: Load reports errors as values, never by throwing.
  for (; !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    if (IsRuleFile(*it)) files->push_back(it->path());
  }
  if (ec) return Status::Error(Status::Code::kIoError, dir, "cannot list rules directory: " + ec.message());
  if (files->empty())
    return Status::Error(Status::Code::kNotFound, dir, "no *.yaml rule files in the directory");
  std::sort(files->begin(), files->end(),
            [](const auto& a, const auto& b) { return a.filename().string() < b.filename().string(); });
  return Status::Ok();
}

Status ReadFile(const std::filesystem::path& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error(Status::Code::kIoError, path.string(), "cannot open rule file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::Error(Status::Code::kIoError, path.string(), "cannot read rule file");
  *text = buffer.str();
  return Status::Ok();
}

}  // namespace

Status LoadText(const std::string& name, const std::string& yaml, RuleSet* out) {
  // Parsed into a scratch set so a failing file adds nothing; the contract then empties *out.
  RuleSet add;
  Status s = Parse(name, yaml, &add);
  if (!s.ok()) {
    *out = RuleSet();
    return s;
  }
  internal::Append(std::move(add), out);
  return Status::Ok();
}

Status Load(const std::string& dir, RuleSet* out) {
  *out = RuleSet();
  std::vector<std::filesystem::path> files;
  BUDGETX_RETURN_IF_ERROR(ListRuleFiles(dir, &files));
  RuleSet all;
  for (const auto& path : files) {
    std::string text;
    BUDGETX_RETURN_IF_ERROR(ReadFile(path, &text));
    BUDGETX_RETURN_IF_ERROR(LoadText(path.string(), text, &all));
  }
  *out = std::move(all);
  return Status::Ok();
}

}  // namespace budgetx::rules
