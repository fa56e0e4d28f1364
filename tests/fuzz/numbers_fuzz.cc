// Fuzz target: the number and unit readers on any text, and the conversion to fen.
#include <cstddef>
#include <cstdint>
#include <string>

#include "pipeline/normalize/normalize.h"

namespace n = budgetx::normalize;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string raw(reinterpret_cast<const char*>(data), size);
  const n::NormalizedText text = n::NormalizeText(raw);
  const n::NumberReading number = n::ReadNumber(text.text);
  if (number.value) {
    for (const char* unit : {"元", "万元", "亿元"}) n::ToFen(*number.value, *n::UnitFen(unit));
  }
  n::ReadAmountWithUnit(text.text);
  n::ReadIndicatorValue(text.text);
  n::UnitFen(raw);
  n::OutlineLevel(raw);
  n::CompactTitle(raw);
  return 0;
}
