#include "pipeline/narrative/narrative.h"

#include <re2/re2.h>

#include "pipeline/normalize/normalize.h"

namespace budgetx::narrative {
namespace {

// How many leading lines may name the document's kind, year and issuer.
constexpr int kHeadLines = 80;

struct Sentence {
  std::string text;
  Provenance where;
};

std::vector<Sentence> Sentences(const Document& doc) {
  std::vector<Sentence> out;
  Sentence cur;
  auto flush = [&] {
    if (!cur.text.empty()) out.push_back(cur);
    cur = Sentence{};
  };
  for (const auto& page : doc.pages) {
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

std::string FirstCapture(const std::vector<rules::Pattern>& patterns, const std::string& text) {
  std::string value;
  for (const auto& p : patterns) {
    if (RE2::PartialMatch(text, *p.re, &value)) return value;
  }
  return "";
}

void DescribeHead(const rules::RuleSet& rules, Document* doc) {
  int seen = 0;
  for (const auto& page : doc->pages) {
    for (const auto& line : page.lines) {
      if (line.spans.empty() || ++seen > kHeadLines) continue;
      std::string text = normalize::Compact(normalize::NormalizeText(line.Text()).text);
      if (doc->info.kind.empty()) {
        if (const auto* kind = rules::FirstMatch(rules.document_kinds, text)) {
          doc->info.kind = kind->name;
          doc->info.title = text;
        }
      }
      if (!doc->info.year) {
        std::string year = FirstCapture(rules.years, text);
        if (!year.empty()) doc->info.year = std::stoi(year);
      }
      if (doc->info.issuer.empty()) doc->info.issuer = FirstCapture(rules.issuers, text);
    }
  }
}

void AddFacts(const rules::RuleSet& rules, const Sentence& sentence, Document* doc) {
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
      std::string unit = group("unit").empty() ? "万元" : group("unit");
      auto amount = normalize::ReadNumber(group("amount"));
      auto fen_per_unit = normalize::UnitFen(unit);
      if (amount.value && fen_per_unit) fact.amount_fen = normalize::ToFen(*amount.value, *fen_per_unit);
      auto percent = normalize::ReadNumber(group("percent"));
      if (percent.value) fact.percent = percent.value;
      doc->facts.push_back(std::move(fact));
      size_t next = static_cast<size_t>(match[0].data() - sentence.text.data()) + match[0].size();
      pos = next > pos ? next : pos + 1;
    }
  }
}

}  // namespace

void Describe(const rules::RuleSet& rules, Document* doc) {
  DescribeHead(rules, doc);
  if (doc->info.kind.empty()) doc->warnings.push_back({"narrative", "document kind not recognised", {}});
  if (!doc->info.year) doc->warnings.push_back({"narrative", "fiscal year not found", {}});
  for (const auto& sentence : Sentences(*doc)) AddFacts(rules, sentence, doc);
}

}  // namespace budgetx::narrative
