// The sections of a rule file: which keys each entry takes and how it becomes part of a RuleSet.
#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "pipeline/rules/internal.h"

namespace budgetx::rules::internal {
namespace {

// Pattern sections whose entries need nothing beyond the pattern: scalar keys other than name and
// match are kept as attrs for the stage that reads them (skip_lines kind, codes level).
Status ReadPlain(const SectionSpec& spec, const Entry& e, RuleSet* out) {
  Pattern p;
  BUDGETX_RETURN_IF_ERROR(ReadPattern(e, spec.groups, &p));
  for (auto key : spec.keys) {
    if (key == "name" || key == "match" || !Find(e, key)) continue;
    BUDGETX_RETURN_IF_ERROR(ReadString(e, key, &p.attrs[std::string(key)]));
  }
  (out->*spec.patterns).push_back(std::move(p));
  return Status::Ok();
}

// A pattern entry whose `key` names one of `allowed` (absent: the first), kept as an attr: any
// other value would silently match nothing.
Status ReadPlainWithChoice(const SectionSpec& spec, const Entry& e, RuleSet* out, std::string_view key,
                           const std::vector<std::string>& allowed) {
  std::string value = allowed.front();
  BUDGETX_RETURN_IF_ERROR(ReadString(e, key, &value));
  if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
    std::string choices;
    for (size_t i = 0; i < allowed.size(); ++i) choices += (i ? (i + 1 == allowed.size() ? " or " : ", ") : "") + allowed[i];
    return Error(e, *Find(e, key), "key '" + std::string(key) + "' must be " + choices + ", got '" + value + "'");
  }
  BUDGETX_RETURN_IF_ERROR(ReadPlain(spec, e, out));
  (out->*spec.patterns).back().attrs[std::string(key)] = value;
  return Status::Ok();
}

// The narrative stage matches a year or issuer pattern with the text `in` names (absent: lines).
Status ReadHeadPattern(const SectionSpec& spec, const Entry& e, RuleSet* out) {
  return ReadPlainWithChoice(spec, e, out, "in", {"lines", "title"});
}

// The replacement must only name groups the pattern has: checked here, not when a cell is read.
// A repair applies to any cell, or (in: amount_column) only to cells of a column of amounts.
Status ReadRepair(const SectionSpec& spec, const Entry& e, RuleSet* out) {
  BUDGETX_RETURN_IF_ERROR(ReadPlainWithChoice(spec, e, out, "in", {"any", "amount_column"}));
  const Pattern& p = out->ocr_repairs.back();
  std::string why;
  if (!p.re->CheckRewriteString(p.attrs.at("replace"), &why)) {
    return Error(e, *Find(e, "replace"), "replace '" + p.attrs.at("replace") + "' does not fit match: " + why);
  }
  return Status::Ok();
}

// A confusion swaps the character OCR read (match) for the one printed (replace); without a
// match, replace is a character OCR lost. Both are single plain characters.
Status ReadConfusion(const SectionSpec& spec, const Entry& e, RuleSet* out) {
  auto one_char = [](const std::string& s) {  // one UTF-8 code point
    return std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }) == 1;
  };
  if (Find(e, "match")) {
    BUDGETX_RETURN_IF_ERROR(ReadPlain(spec, e, out));
    const std::string& match = out->ocr_confusions.back().pattern;
    if (!one_char(match) || std::string("\\.^$|?*+()[]{}").find(match) != std::string::npos) {
      return Error(e, *Find(e, "match"), "match must be one plain character, got '" + match + "'");
    }
  } else {
    Pattern lost;
    BUDGETX_RETURN_IF_ERROR(ReadNonEmpty(e, "name", &lost.name));
    BUDGETX_RETURN_IF_ERROR(ReadString(e, "replace", &lost.attrs["replace"]));
    lost.source = std::string(e.file) + ":" + std::to_string(e.line);
    out->ocr_confusions.push_back(std::move(lost));
  }
  const Pattern& p = out->ocr_confusions.back();
  if (!one_char(p.attrs.at("replace"))) {
    return Error(e, *Find(e, "replace"), "replace must be one character, got '" + p.attrs.at("replace") + "'");
  }
  return Status::Ok();
}

// The exports write these values into a Fiscal Data Package, whose model allows only these.
Status ReadFdpMeasure(const SectionSpec& spec, const Entry& e, RuleSet* out) {
  static const std::map<std::string, std::set<std::string>> kValues = {
      {"direction", {"revenue", "expenditure"}}, {"phase", {"approved", "adjusted", "executed"}}};
  static const std::set<std::string> kTexts = {"column_header", "table_title", "column_key", "document_kind"};
  std::string measure, against, name;
  BUDGETX_RETURN_IF_ERROR(ReadString(e, "measure", &measure));
  BUDGETX_RETURN_IF_ERROR(ReadString(e, "against", &against));
  BUDGETX_RETURN_IF_ERROR(ReadString(e, "name", &name));
  auto values = kValues.find(measure);
  if (values == kValues.end()) {
    return Error(e, *Find(e, "measure"), "key 'measure' must be direction or phase, got '" + measure + "'");
  }
  if (!values->second.count(name)) {
    return Error(e, *Find(e, "name"), "key 'name' is not a " + measure + " of a Fiscal Data Package: '" + name + "'");
  }
  if (!kTexts.count(against)) {
    return Error(e, *Find(e, "against"),
                 "key 'against' must be one of column_header, table_title, column_key, document_kind, got '" +
                     against + "'");
  }
  return ReadPlain(spec, e, out);
}

// The tables stage parses level with stoi, so it is validated here and stored in canonical form.
Status ReadCode(const SectionSpec& spec, const Entry& e, RuleSet* out) {
  int64_t level = 0;
  BUDGETX_RETURN_IF_ERROR(ReadInt(e, "level", 1, 9, &level));
  BUDGETX_RETURN_IF_ERROR(ReadPlain(spec, e, out));
  if (level > 0) out->codes.back().attrs["level"] = std::to_string(level);
  return Status::Ok();
}

// The name is the RowKind the tables stage assigns, so only the RowKind names are meaningful.
Status ReadRowKind(const SectionSpec& spec, const Entry& e, RuleSet* out) {
  static constexpr std::array<std::string_view, 4> kKinds = {"total", "subtotal", "of_which", "difference"};
  std::string name;
  BUDGETX_RETURN_IF_ERROR(ReadString(e, "name", &name));
  if (std::find(kKinds.begin(), kKinds.end(), name) == kKinds.end()) {
    return Error(e, *Find(e, "name"),
                 "key 'name' must be one of total, subtotal, of_which, difference, got '" + name + "'");
  }
  return ReadPlain(spec, e, out);
}

// The audit reads a comparing word by its name, so only these names mean something.
Status ReadComparisonWord(const SectionSpec& spec, const Entry& e, RuleSet* out) {
  std::string name;
  BUDGETX_RETURN_IF_ERROR(ReadString(e, "name", &name));
  if (name != "more" && name != "less" && name != "same") {
    return Error(e, *Find(e, "name"), "key 'name' must be one of more, less, same, got '" + name + "'");
  }
  return ReadPlain(spec, e, out);
}

Status ReadContentsLine(const SectionSpec& spec, const Entry& e, RuleSet* out) {
  std::string kind;
  BUDGETX_RETURN_IF_ERROR(ReadString(e, "kind", &kind));
  if (kind != "heading" && kind != "entry") {
    return Error(e, *Find(e, "kind"), "key 'kind' must be heading or entry, got '" + kind + "'");
  }
  return ReadPlain(spec, e, out);
}

Status ReadColumn(const SectionSpec& spec, const Entry& e, RuleSet* out) {
  ColumnRule rule;
  BUDGETX_RETURN_IF_ERROR(ReadNonEmpty(e, "key", &rule.key));
  BUDGETX_RETURN_IF_ERROR(ReadPattern(e, spec.groups, &rule.match));
  BUDGETX_RETURN_IF_ERROR(ReadBool(e, "amount", &rule.amount));
  rule.holds = rule.amount ? "amount" : "text";
  BUDGETX_RETURN_IF_ERROR(ReadString(e, "holds", &rule.holds));
  static const std::set<std::string> kHolds = {"amount", "percent", "text", "code", "code_part"};
  if (!kHolds.count(rule.holds)) {
    return Error(e, *Find(e, "holds"), "key 'holds' must be one of amount, percent, text, code, code_part, got '" + rule.holds + "'");
  }
  if (Find(e, "holds")) rule.amount = rule.holds == "amount";
  rule.match.name = rule.key;
  out->columns.push_back(std::move(rule));
  return Status::Ok();
}

Status ReadHeaderLabel(const SectionSpec&, const Entry& e, RuleSet* out) {
  HeaderLabel label;
  BUDGETX_RETURN_IF_ERROR(ReadNonEmpty(e, "label", &label.label));
  BUDGETX_RETURN_IF_ERROR(ReadStrings(e, "parts", &label.parts));
  for (const auto& part : label.parts) {
    if (part.empty()) return Error(e, *Find(e, "parts"), "key 'parts' has an empty label");
  }
  label.source = std::string(e.file) + ":" + std::to_string(e.line);
  out->header_labels.push_back(std::move(label));
  return Status::Ok();
}

Status ReadVocabularyWord(const SectionSpec&, const Entry& e, RuleSet* out) {
  std::string word;
  BUDGETX_RETURN_IF_ERROR(ReadNonEmpty(e, "word", &word));
  out->ocr_vocabulary.push_back(std::move(word));
  return Status::Ok();
}

// A code is listed once: two names for one code would make the restored name depend on file order.
Status ReadClassification(const SectionSpec&, const Entry& e, RuleSet* out) {
  std::string code, name;
  BUDGETX_RETURN_IF_ERROR(ReadNonEmpty(e, "code", &code));
  BUDGETX_RETURN_IF_ERROR(ReadNonEmpty(e, "name", &name));
  if (code.find_first_not_of("0123456789") != std::string::npos) {
    return Error(e, *Find(e, "code"), "code must be digits, got '" + code + "'");
  }
  if (!out->classification.emplace(code, name).second) {
    return Error(e, *Find(e, "code"), "code " + code + " is listed twice");
  }
  std::vector<std::string> former;
  BUDGETX_RETURN_IF_ERROR(ReadStrings(e, "former", &former));
  if (!former.empty()) out->classification_former[code] = std::move(former);
  return Status::Ok();
}

std::string_view Trim(std::string_view s) {
  size_t begin = s.find_first_not_of(' ');
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(' ') - begin + 1);
}

// parts: [total, -opening] means target = total - opening; a leading "-" is the sign.
Status ReadColumnIdentity(const SectionSpec&, const Entry& e, RuleSet* out) {
  ColumnIdentity id;
  BUDGETX_RETURN_IF_ERROR(ReadNonEmpty(e, "name", &id.name));
  BUDGETX_RETURN_IF_ERROR(ReadNonEmpty(e, "target", &id.target));
  BUDGETX_RETURN_IF_ERROR(ReadStrings(e, "parts", &id.parts));
  const YAML::Node parts = *Find(e, "parts");
  if (id.parts.empty()) return Error(e, parts, "key 'parts' must list at least one column key");
  for (auto& part : id.parts) {
    std::string_view key = part;
    int sign = key.starts_with('-') ? -1 : 1;
    if (sign < 0) key.remove_prefix(1);
    key = Trim(key);
    if (key.empty()) return Error(e, parts, "key 'parts' has a part without a column key: '" + part + "'");
    part = std::string(key);
    id.signs.push_back(sign);
  }
  out->identities.columns.push_back(std::move(id));
  return Status::Ok();
}

Status ReadLineIdentity(const SectionSpec&, const Entry& e, RuleSet* out) {
  LineIdentity id;
  std::string table, total;
  std::vector<std::string> parts;
  BUDGETX_RETURN_IF_ERROR(ReadNonEmpty(e, "name", &id.name));
  BUDGETX_RETURN_IF_ERROR(ReadNonEmpty(e, "table", &table));
  BUDGETX_RETURN_IF_ERROR(ReadNonEmpty(e, "total", &total));
  BUDGETX_RETURN_IF_ERROR(ReadStrings(e, "parts", &parts));
  BUDGETX_RETURN_IF_ERROR(Compile(e, *Find(e, "table"), table, &id.table));
  BUDGETX_RETURN_IF_ERROR(Compile(e, *Find(e, "total"), total, &id.total));
  const YAML::Node parts_node = *Find(e, "parts");
  if (parts.size() < 2) return Error(e, parts_node, "key 'parts' must list at least two line patterns");
  for (const auto& part : parts) {
    if (part.empty()) return Error(e, parts_node, "key 'parts' has an empty pattern");
    BUDGETX_RETURN_IF_ERROR(Compile(e, parts_node, part, &id.parts.emplace_back()));
  }
  id.source = std::string(e.file) + ":" + std::to_string(e.line);
  out->identities.lines.push_back(std::move(id));
  return Status::Ok();
}

Status ReadRatioIdentity(const SectionSpec&, const Entry& e, RuleSet* out) {
  RatioIdentity id;
  BUDGETX_RETURN_IF_ERROR(ReadNonEmpty(e, "name", &id.name));
  BUDGETX_RETURN_IF_ERROR(ReadNonEmpty(e, "target", &id.target));
  BUDGETX_RETURN_IF_ERROR(ReadNonEmpty(e, "numerator", &id.numerator));
  BUDGETX_RETURN_IF_ERROR(ReadNonEmpty(e, "denominator", &id.denominator));
  BUDGETX_RETURN_IF_ERROR(ReadInt(e, "scale", 1, 1000000, &id.scale));  // 0 would divide by zero
  out->identities.ratios.push_back(std::move(id));
  return Status::Ok();
}

// left/right are nested mappings; messages name their keys as "left.table" and so on.
Status ReadSelector(const Entry& e, std::string_view key, CellSelector* out) {
  const YAML::Node node = *Find(e, key);
  if (!node.IsMap()) {
    return Error(e, node,
                 "key '" + std::string(key) + "' must be a mapping with keys table, row, column, got " +
                     Describe(node));
  }
  // A new Entry, not an assigned copy: YAML::Node::operator= would overwrite the entry's mapping.
  Entry sub{e.file, e.section, e.index, node, LineOf(node, e.line), e.key_prefix + std::string(key) + "."};
  BUDGETX_RETURN_IF_ERROR(CheckKeys(sub, {"table", "row", "column"}, {"table"}));
  BUDGETX_RETURN_IF_ERROR(ReadNonEmpty(sub, "table", &out->table_title));
  BUDGETX_RETURN_IF_ERROR(ReadString(sub, "row", &out->row_label));
  return ReadString(sub, "column", &out->column);
}

Status ReadCrossTable(const SectionSpec&, const Entry& e, RuleSet* out) {
  CrossTableIdentity id;
  BUDGETX_RETURN_IF_ERROR(ReadNonEmpty(e, "name", &id.name));
  BUDGETX_RETURN_IF_ERROR(ReadSelector(e, "left", &id.left));
  BUDGETX_RETURN_IF_ERROR(ReadSelector(e, "right", &id.right));
  out->identities.cross_table.push_back(std::move(id));
  return Status::Ok();
}

Status ReadNarrativeLink(const SectionSpec&, const Entry& e, RuleSet* out) {
  NarrativeLink link;
  std::string subject;
  BUDGETX_RETURN_IF_ERROR(ReadNonEmpty(e, "name", &link.name));
  BUDGETX_RETURN_IF_ERROR(ReadNonEmpty(e, "subject", &subject));
  BUDGETX_RETURN_IF_ERROR(Compile(e, *Find(e, "subject"), subject, &link.subject));
  BUDGETX_RETURN_IF_ERROR(ReadSelector(e, "cell", &link.cell));
  out->identities.narrative_links.push_back(std::move(link));
  return Status::Ok();
}

// A template is matched with the document's kind.
Status ReadTemplate(const SectionSpec& spec, const Entry& e, RuleSet* out) {
  Template t;
  BUDGETX_RETURN_IF_ERROR(ReadPattern(e, spec.groups, &t.kinds));
  if (t.kinds.name == spec.name) return Error(e, e.node, "a template needs a name");
  out->templates.push_back(std::move(t));
  return Status::Ok();
}

// A table of a template named above it in the same file.
Status ReadTemplateTable(const SectionSpec& spec, const Entry& e, RuleSet* out) {
  std::string name;
  BUDGETX_RETURN_IF_ERROR(ReadNonEmpty(e, "template", &name));
  auto t = std::find_if(out->templates.begin(), out->templates.end(), [&](const Template& t) { return t.kinds.name == name; });
  if (t == out->templates.end()) {
    return Error(e, *Find(e, "template"), "template '" + name + "' is not defined in this file's templates");
  }
  TemplateTable table;
  BUDGETX_RETURN_IF_ERROR(ReadNonEmpty(e, "name", &table.name));
  BUDGETX_RETURN_IF_ERROR(ReadPattern(e, spec.groups, &table.match));
  BUDGETX_RETURN_IF_ERROR(ReadBool(e, "mandatory", &table.mandatory));
  t->tables.push_back(std::move(table));
  return Status::Ok();
}

// A note covers the empty tables under it, or (scope: document) every one of the document.
Status ReadEmptyTableNote(const SectionSpec& spec, const Entry& e, RuleSet* out) {
  return ReadPlainWithChoice(spec, e, out, "scope", {"page", "document"});
}

// The audit reads a stray year from every line, or from table titles.
Status ReadStrayYear(const SectionSpec& spec, const Entry& e, RuleSet* out) {
  return ReadPlainWithChoice(spec, e, out, "in", {"lines", "titles"});
}

}  // namespace

const std::vector<SectionSpec>& Sections() {
  // Locals, not namespace constants: Sections() may run during another file's static init.
  const Groups kAny{0, {}};
  const Groups kOneGroup{1, {}};
  const std::vector<std::string_view> kNameMatch = {"name", "match"};
  const std::vector<std::string_view> kMatch = {"match"};
  // name, allowed keys, required keys, capture groups, destination, reader
  static const std::vector<SectionSpec> kSections = {
      {"document_kinds", kNameMatch, kNameMatch, kAny, &RuleSet::document_kinds, ReadPlain},
      {"title_ends", kNameMatch, kMatch, kAny, &RuleSet::title_ends, ReadPlain},
      {"years", {"name", "match", "in"}, kMatch, kOneGroup, &RuleSet::years, ReadHeadPattern},
      {"issuers", {"name", "match", "in"}, kMatch, kOneGroup, &RuleSet::issuers, ReadHeadPattern},
      {"not_issuers", kNameMatch, kMatch, kAny, &RuleSet::not_issuers, ReadPlain},
      {"regions", kNameMatch, kMatch, kOneGroup, &RuleSet::regions, ReadPlain},
      {"table_titles", kNameMatch, kMatch, {0, {"title"}}, &RuleSet::table_titles, ReadPlain},
      {"table_units", kNameMatch, kMatch, kOneGroup, &RuleSet::table_units, ReadPlain},
      {"skip_lines", {"name", "match", "kind"}, kMatch, kAny, &RuleSet::skip_lines, ReadPlain},
      {"table_ends", kNameMatch, kMatch, kAny, &RuleSet::table_ends, ReadPlain},
      {"contents_lines", {"name", "match", "kind"}, {"match", "kind"}, kAny, &RuleSet::contents_lines,
       ReadContentsLine},
      {"headings", kNameMatch, kMatch, kAny, &RuleSet::headings, ReadPlain},
      {"columns", {"key", "match", "amount", "holds"}, {"key", "match"}, kAny, nullptr, ReadColumn},
      {"header_labels", {"label", "parts"}, {"label"}, kAny, nullptr, ReadHeaderLabel},
      {"codes", {"name", "match", "level"}, kMatch, kAny, &RuleSet::codes, ReadCode},
      {"code_prefixes", kNameMatch, kMatch, kOneGroup, &RuleSet::code_prefixes, ReadPlain},
      {"row_kinds", kNameMatch, kNameMatch, kAny, &RuleSet::row_kinds, ReadRowKind},
      {"narrative", kNameMatch, kNameMatch, {0, {"subject", "amount"}}, &RuleSet::narrative, ReadPlain},
      {"narrative_comparisons", kNameMatch, kNameMatch, {0, {"amount"}}, &RuleSet::narrative_comparisons, ReadPlain},
      {"comparison_words", kNameMatch, kNameMatch, kAny, &RuleSet::comparison_words, ReadComparisonWord},
      {"token_joins", {"name", "match", "in_text", "at_row_start", "glue"}, kMatch, kAny, &RuleSet::token_joins, ReadPlain},
      {"ocr_repairs", {"name", "match", "replace", "in"}, {"name", "match", "replace"}, kAny, &RuleSet::ocr_repairs, ReadRepair},
      {"ocr_confusions", {"name", "match", "replace"}, {"name", "replace"}, kAny, &RuleSet::ocr_confusions,
       ReadConfusion},
      {"ocr_vocabulary", {"word"}, {"word"}, kAny, nullptr, ReadVocabularyWord},
      {"classification", {"code", "name", "former"}, {"code", "name"}, kAny, nullptr, ReadClassification},
      {"column_identities",
       {"name", "target", "parts"},
       {"name", "target", "parts"},
       kAny,
       nullptr,
       ReadColumnIdentity},
      {"line_identities",
       {"name", "table", "total", "parts"},
       {"name", "table", "total", "parts"},
       kAny,
       nullptr,
       ReadLineIdentity},
      {"ratio_identities",
       {"name", "target", "numerator", "denominator", "scale"},
       {"name", "target", "numerator", "denominator"},
       kAny,
       nullptr,
       ReadRatioIdentity},
      {"cross_table", {"name", "left", "right"}, {"name", "left", "right"}, kAny, nullptr, ReadCrossTable},
      {"narrative_links", {"name", "subject", "cell"}, {"name", "subject", "cell"}, kAny, nullptr, ReadNarrativeLink},
      {"fdp_measures",
       {"name", "match", "measure", "against"},
       {"name", "match", "measure", "against"},
       kAny,
       &RuleSet::fdp_measures,
       ReadFdpMeasure},
      {"templates", kNameMatch, kNameMatch, kAny, nullptr, ReadTemplate},
      {"template_tables", {"template", "name", "match", "mandatory"}, {"template", "name", "match"}, kAny, nullptr,
       ReadTemplateTable},
      {"template_title_noise", kNameMatch, kMatch, kAny, &RuleSet::template_title_noise, ReadPlain},
      {"empty_table_notes", {"name", "match", "scope"}, kMatch, kAny, &RuleSet::empty_table_notes, ReadEmptyTableNote},
      {"placeholders", kNameMatch, kMatch, kAny, &RuleSet::placeholders, ReadPlain},
      {"stray_years", {"name", "match", "in"}, kMatch, kOneGroup, &RuleSet::stray_years, ReadStrayYear},
  };
  return kSections;
}

}  // namespace budgetx::rules::internal
