// Stage: narrative — what the document is, and the amounts its running text states.
//
// Input:  a document's pages of lines; the RuleSet.
// Output: a Description: the document's info (kind, fiscal year, issuer, region, title) from the
//         cover's title and the first lines, as rules/document.yaml describes; kind "other" when
//         no rule names it. A document of a known kind that prints no year or issuer takes them
//         from its file name (the stem, as published), and lists them in info.from_file_name.
//          Its facts: one NarrativeFact per narrative rule match, with the amount
//         in fen and the percentage where the sentence gives one. Sentences wrapped over several
//         lines are rejoined before matching (a sentence ends at 。；! or a blank-line gap).
//         Its comparisons: one per narrative_comparisons match, the numbers by the roles their
//         groups name and the comparing words as printed.
// Errors: none; a document whose kind (then "other") or year is not found gets a Warning.
// Thread-safety: pure function of its inputs.
#pragma once

#include "pipeline/model/model.h"
#include "pipeline/rules/rules.h"

namespace budgetx::narrative {

struct Description {
  DocumentInfo info;  // all but the unit, which the tables declare
  std::vector<NarrativeFact> facts;
  std::vector<Comparison> comparisons;
  std::vector<Warning> warnings;
};

Description Describe(const rules::RuleSet& rules, const std::vector<Page>& pages, const std::string& file_name = "");

}  // namespace budgetx::narrative
