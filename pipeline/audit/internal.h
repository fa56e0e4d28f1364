// Internal to the audit stage: one function per family of findings.
#pragma once

#include <string>
#include <vector>

#include "pipeline/model/model.h"
#include "pipeline/rules/rules.h"

namespace budgetx::audit {

void FromChecks(const Document& doc, std::vector<Finding>* out);
void Completeness(const rules::RuleSet& rules, const Document& doc, std::vector<Finding>* out);
void EmptyTables(const rules::RuleSet& rules, const Document& doc, std::vector<Finding>* out);
void Placeholders(const rules::RuleSet& rules, const Document& doc, std::vector<Finding>* out);
void Comparisons(const rules::RuleSet& rules, const Document& doc, std::vector<Finding>* out);
void CodeNames(const rules::RuleSet& rules, const Document& doc, std::vector<Finding>* out);
void StrayYears(const rules::RuleSet& rules, const Document& doc, std::vector<Finding>* out);

// Evidence pointing at a cell, a table (its title) or a line of text.
Evidence CellEvidence(const Document& doc, const CellRef& ref);
Evidence TableEvidence(const Document& doc, int table);
Evidence LineEvidence(const Line& line);

// The text of a line, its spans joined by one space.
std::string LineText(const Line& line);
// "表3 支出总表" or the title alone.
std::string TableName(const Table& table);

}  // namespace budgetx::audit
