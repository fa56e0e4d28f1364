// Fuzz target: a text dump (any bytes) through the text extractor and every later stage.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extractors/text/text_extractor.h"
#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  budgetx::Document doc;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (budgetx::text_extractor::ExtractBytes("fuzz.txt", bytes, &doc).ok()) budgetx::fuzz::Finish(&doc);
  return 0;
}
