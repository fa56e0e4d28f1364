// Fuzz target: a rule file (any bytes) through the rules loader's YAML reading and validation.
#include <cstddef>
#include <cstdint>
#include <string>

#include "pipeline/rules/rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  budgetx::rules::RuleSet rules;
  const budgetx::Status s =
      budgetx::rules::LoadText("fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size), &rules);
  if (!s.ok() && s.message.empty()) __builtin_trap();  // a refusal always says why
  return 0;
}
