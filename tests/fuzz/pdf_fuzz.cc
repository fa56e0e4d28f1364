// Fuzz target: a PDF (any bytes) through Poppler, the text layer, layout and every later stage.
// Scanned pages are not read: OCR is the recognisers' business, not the PDF path's.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "extractors/pdf/pdf_extractor.h"
#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/dev/shm/budgetx-fuzz-" + std::to_string(getpid()) + ".pdf";
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  budgetx::Document doc;
  if (budgetx::pdf_extractor::Extract(path, {}, &doc).ok()) budgetx::fuzz::Finish(&doc);
  return 0;
}
