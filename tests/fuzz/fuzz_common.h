// Shared by the fuzz targets: the bundled rules, loaded once, and the pipeline after extraction.
#pragma once

#include <cstdlib>
#include <iostream>

#include "pipeline/driver/driver.h"
#include "pipeline/output/output.h"
#include "pipeline/rules/rules.h"

namespace budgetx::fuzz {

inline const rules::RuleSet& BundledRules() {
  static const rules::RuleSet* rules = [] {
    auto* set = new rules::RuleSet;
    Status s = rules::Load(BUDGETX_RULES_DIR, set);
    if (!s.ok()) {
      std::cerr << s.ToString() << "\n";
      std::abort();
    }
    return set;
  }();
  return *rules;
}

// Every stage after extraction, then the JSON, as budgetx runs them on a document.
inline void Finish(Document* doc) {
  driver::Options options;
  options.read_scans = false;
  driver::Assemble(BundledRules(), options, doc);
  const std::string json = output::ToJson(*doc);
  if (json.empty()) std::abort();
}

}  // namespace budgetx::fuzz
