#include "pipeline/narrative/narrative.h"

#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <optional>

#include "pipeline/normalize/normalize.h"

namespace budgetx::narrative {
namespace {

// How many leading lines may name the document's kind, year and issuer.
constexpr size_t kHeadLines = 80;
// A cover's title: at most this many lines (a joint notice's letterhead lists a dozen bodies),
// below at most kTitleStart lines that are not part of it; a pattern reads at most kTitleJoin of
// its lines joined (a title wraps over three at most).
constexpr size_t kTitleLines = 12;
constexpr int kTitleStart = 2;
constexpr size_t kTitleJoin = 4;
// The kind of a document no document_kinds entry names.
constexpr char kOtherKind[] = "other";

struct Sentence {
  std::string text;
  Provenance where;
};

std::vector<Sentence> Sentences(const std::vector<Page>& pages) {
  std::vector<Sentence> out;
  Sentence cur;
  auto flush = [&] {
    if (!cur.text.empty()) out.push_back(cur);
    cur = Sentence{};
  };
  for (const auto& page : pages) {
    for (const auto& line : page.lines) {
      if (line.spans.empty() || line.cell_delimited) continue;
      std::string text = normalize::NormalizeText(line.Text()).text;
      if (cur.text.empty()) cur.where = line.where;
      cur.text += text;
      if (text.ends_with("。") || text.ends_with("；")) flush();
    }
    flush();
  }
  return out;
}

// The document's first lines, compacted, as the document rules read them.
struct Head {
  std::vector<std::string> title;  // the cover's title lines (see rules/document.yaml)
  std::vector<std::string> lines;  // the first kHeadLines lines; a label's value joined on
};

std::string Compacted(const Line& line) { return normalize::Compact(normalize::NormalizeText(line.Text()).text); }

bool Ends(const rules::RuleSet& rules, const Line& line, const std::string& text) {
  // A table row is never part of a title, whatever its cells say.
  return line.cell_delimited || rules::FirstMatch(rules.title_ends, text) != nullptr;
}

// The first lines of the first page with text, from the first that is not a title end (a page
// mark or an attachment label may sit above the title) up to the next one.
std::vector<std::string> TitleLines(const rules::RuleSet& rules, const Page& page) {
  std::vector<std::string> title;
  int passed = 0;
  for (const auto& line : page.lines) {
    if (line.spans.empty()) continue;
    std::string text = Compacted(line);
    if (Ends(rules, line, text)) {
      if (!title.empty() || ++passed > kTitleStart) break;
      continue;
    }
    title.push_back(std::move(text));
    if (title.size() == kTitleLines) break;
  }
  return title;
}

Head ReadHead(const rules::RuleSet& rules, const std::vector<Page>& pages) {
  Head head;
  for (const auto& page : pages) {
    for (const auto& line : page.lines) {
      if (line.spans.empty()) continue;
      if (head.lines.empty()) head.title = TitleLines(rules, page);
      head.lines.push_back(Compacted(line));
      if (head.lines.size() == kHeadLines) break;
    }
    if (head.lines.size() == kHeadLines) break;
  }
  // A label whose value is printed on the next line (评价项目单位： / 长沙市…) reads as one line.
  for (size_t i = 0; i + 1 < head.lines.size(); ++i) {
    if (head.lines[i].ends_with(":") || head.lines[i].ends_with("：")) head.lines[i] += head.lines[i + 1];
  }
  return head;
}

// The texts a year or issuer pattern reads: each line, or the title read from each of its lines in
// turn, alone and then with up to kTitleJoin - 1 following ones joined on, so that a title wrapped
// anywhere matches and its earliest reading wins.
std::vector<std::string> Texts(const rules::Pattern& p, const Head& head) {
  auto in = p.attrs.find("in");
  if (in == p.attrs.end() || in->second != "title") return head.lines;
  std::vector<std::string> texts;
  for (size_t first = 0; first < head.title.size(); ++first) {
    std::string text;
    for (size_t i = first; i < head.title.size() && i < first + kTitleJoin; ++i) texts.push_back(text += head.title[i]);
  }
  return texts;
}

// Group 1 of the first pattern that matches one of its texts with a capture `accept` takes.
template <typename Accept>
std::string FirstCapture(const std::vector<rules::Pattern>& patterns, const Head& head, Accept accept) {
  std::string value;
  for (const auto& p : patterns) {
    for (const auto& text : Texts(p, head)) {
      if (RE2::PartialMatch(text, *p.re, &value) && accept(value)) return value;
    }
  }
  return "";
}

// "2026", or a year in numerals (二〇二六): ICU knows each character's digit value.
std::optional<int> ReadYear(const std::string& text) {
  if (text.empty()) return std::nullopt;
  int year = 0;
  int32_t i = 0, n = static_cast<int32_t>(text.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    double digit = u_getNumericValue(c);
    if (digit == U_NO_NUMERIC_VALUE || digit < 0 || digit > 9 || digit != static_cast<int>(digit)) return std::nullopt;
    year = year * 10 + static_cast<int>(digit);
  }
  return year;
}

// The kind and title: the title's lines joined until they name a kind, else the first line that does.
void DescribeKind(const rules::RuleSet& rules, const Head& head, DocumentInfo* info) {
  std::string title;
  for (const auto& line : head.title) {
    if (const auto* kind = rules::FirstMatch(rules.document_kinds, title += line)) {
      info->kind = kind->name;
      info->title = title;
      return;
    }
  }
  for (const auto& line : head.lines) {
    if (const auto* kind = rules::FirstMatch(rules.document_kinds, line)) {
      info->kind = kind->name;
      info->title = line;
      return;
    }
  }
  info->kind = kOtherKind;
  info->title = title;
}

int ReadYearIn(const rules::RuleSet& rules, const Head& head) {
  auto year = ReadYear(FirstCapture(rules.years, head, [](const std::string& y) { return ReadYear(y).has_value(); }));
  return year.value_or(0);
}

std::string ReadIssuerIn(const rules::RuleSet& rules, const Head& head) {
  return FirstCapture(rules.issuers, head, [&](const std::string& s) { return !rules::FirstMatch(rules.not_issuers, s); });
}

// A budget that prints only its tables (no cover, no title) is known by the name it was published
// under: 国有资产监督管理委员会_2026年部门预算.pdf. Only fields the document does not print are
// taken from it, and they are listed; a document of no known kind takes nothing (a notice saved
// under a budget's name is no budget).
void TakeFromFileName(const rules::RuleSet& rules, const std::string& file_name, DocumentInfo* info) {
  if (info->kind == kOtherKind || file_name.empty()) return;
  std::string name;
  for (char c : normalize::Compact(normalize::NormalizeText(file_name).text)) name += c == '_' || c == '-' ? "" : std::string(1, c);
  Head named{{name}, {name}};
  if (!info->year) {
    info->year = ReadYearIn(rules, named);
    if (info->year) info->from_file_name.push_back("year");
  }
  if (info->issuer.empty()) {
    info->issuer = ReadIssuerIn(rules, named);
    if (!info->issuer.empty()) info->from_file_name.push_back("issuer");
  }
}

DocumentInfo DescribeHead(const rules::RuleSet& rules, const std::vector<Page>& pages, const std::string& file_name) {
  Head head = ReadHead(rules, pages);
  DocumentInfo info;
  DescribeKind(rules, head, &info);
  info.year = ReadYearIn(rules, head);
  info.issuer = ReadIssuerIn(rules, head);
  TakeFromFileName(rules, file_name, &info);
  // The region is read from the issuer when it names one, else from the title (上海市2026年市级单位预算).
  Head named{{}, {info.issuer, info.title}};
  info.region = FirstCapture(rules.regions, named, [](const std::string&) { return true; });
  return info;
}

void AddFacts(const rules::RuleSet& rules, const Sentence& sentence, std::vector<NarrativeFact>* facts) {
  for (const auto& p : rules.narrative) {
    const RE2& re = *p.re;
    auto groups = re.NamedCapturingGroups();
    int n = re.NumberOfCapturingGroups();
    std::vector<re2::StringPiece> match(static_cast<size_t>(n) + 1);
    re2::StringPiece input(sentence.text);
    size_t pos = 0;
    while (pos < sentence.text.size() &&
           re.Match(input, pos, sentence.text.size(), RE2::UNANCHORED, match.data(), n + 1)) {
      auto group = [&](const char* name) {
        auto it = groups.find(name);
        return it == groups.end() || match[it->second].data() == nullptr ? std::string()
                                                                          : std::string(match[it->second]);
      };
      NarrativeFact fact;
      fact.rule = p.name;
      fact.subject = group("subject");
      fact.text = std::string(match[0]);
      fact.where = sentence.where;
      fact.unit = group("unit").empty() ? "万元" : group("unit");
      auto amount = normalize::ReadNumber(group("amount"));
      auto fen_per_unit = normalize::UnitFen(fact.unit);
      if (amount.value && fen_per_unit) {
        fact.amount = amount.value;
        fact.amount_fen = normalize::ToFen(*amount.value, *fen_per_unit);
      }
      auto percent = normalize::ReadNumber(group("percent"));
      if (percent.value) fact.percent = percent.value;
      facts->push_back(std::move(fact));
      size_t next = static_cast<size_t>(match[0].data() - sentence.text.data()) + match[0].size();
      pos = next > pos ? next : pos + 1;
    }
  }
}

// The roles a comparison's numbers play; groups named word… hold its words (word1, word2: the
// order they are printed in).
constexpr const char* kComparisonNumbers[] = {"base", "amount", "change", "ratio", "growth"};

void AddComparisons(const rules::RuleSet& rules, const Sentence& sentence, std::vector<Comparison>* out) {
  for (const auto& p : rules.narrative_comparisons) {
    const RE2& re = *p.re;
    const int n = re.NumberOfCapturingGroups();
    std::vector<re2::StringPiece> match(static_cast<size_t>(n) + 1);
    size_t pos = 0;
    while (pos < sentence.text.size() &&
           re.Match(sentence.text, pos, sentence.text.size(), RE2::UNANCHORED, match.data(), n + 1)) {
      Comparison c;
      c.rule = p.name;
      c.text = std::string(match[0]);
      c.where = sentence.where;
      for (const auto& [name, index] : re.NamedCapturingGroups()) {
        const auto& group = match[static_cast<size_t>(index)];
        if (group.data() == nullptr || group.empty()) continue;
        if (name.starts_with("word")) {
          c.words.emplace_back(group);
          continue;
        }
        bool role = std::find(std::begin(kComparisonNumbers), std::end(kComparisonNumbers), name) !=
                    std::end(kComparisonNumbers);
        auto number = normalize::ReadNumber(std::string_view(group.data(), group.size()));
        if (role && number.value) c.numbers[name] = *number.value;
      }
      out->push_back(std::move(c));
      size_t next = static_cast<size_t>(match[0].data() - sentence.text.data()) + match[0].size();
      pos = next > pos ? next : pos + 1;
    }
  }
}

}  // namespace

Description Describe(const rules::RuleSet& rules, const std::vector<Page>& pages, const std::string& file_name) {
  Description out;
  out.info = DescribeHead(rules, pages, file_name);
  if (out.info.kind == kOtherKind) out.warnings.push_back({"narrative", "document kind not recognised", {}});
  if (!out.info.year) out.warnings.push_back({"narrative", "fiscal year not found", {}});
  for (const auto& field : out.info.from_file_name) {
    out.warnings.push_back({"narrative", "the document does not print its " + field + "; it is taken from the file name", {}});
  }
  for (const auto& sentence : Sentences(pages)) {
    AddFacts(rules, sentence, &out.facts);
    AddComparisons(rules, sentence, &out.comparisons);
  }
  return out;
}

}  // namespace budgetx::narrative
