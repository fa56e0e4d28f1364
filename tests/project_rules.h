// For tests of stages that read rules: the project's own rules/ directory, loaded once.
#pragma once

#include <stdexcept>
#include <string>

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

}  // namespace budgetx::testing
