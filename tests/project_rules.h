// For tests of stages that read rules: the project's own rules/ directory, loaded once; and
// helpers to look at what they built.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "pipeline/rules/rules.h"

namespace budgetx::testing {

inline const rules::RuleSet& ProjectRules() {
  static const rules::RuleSet* loaded = [] {
    auto* r = new rules::RuleSet;
    Status s = rules::Load(std::string(BUDGETX_SOURCE_DIR) + "/rules", r);
    if (!s.ok()) throw std::runtime_error(s.ToString());
    return r;
  }();
  return *loaded;
}

// The cell texts of a row, for comparing a row at once.
inline std::vector<std::string> Texts(const Row& row) {
  std::vector<std::string> out;
  for (const auto& c : row.cells) out.push_back(c.text);
  return out;
}

}  // namespace budgetx::testing
