// The entry points of libbudgetx_ocr.so, the only symbols it exports (engine.h).
#include <tesseract/baseapi.h>

#include <leptonica/allheaders.h>

#include <string>
#include <type_traits>

#include "extractors/ocr/recognisers/recognisers.h"

extern "C" {

__attribute__((visibility("default"))) budgetx::ocr::Engine* budgetx_ocr_open(const budgetx::ocr::Options& options,
                                                                               budgetx::Status* status) {
  using namespace budgetx::ocr;
  if (options.engine == "tesseract") return OpenTesseract(options, status).release();
  std::unique_ptr<Engine> engine = OpenPpOcr(options, status);
  if (!engine && options.engine == "auto") engine = OpenTesseract(options, status);  // PP-OCR not installed
  return engine.release();
}

__attribute__((visibility("default"))) const char* budgetx_ocr_versions() {
  static const std::string versions = [] {
    char* lept = getLeptonicaVersion();
    std::string out = std::string("tesseract ") + tesseract::TessBaseAPI::Version() + "\n" + lept + "\n";
    lept_free(lept);
    return out;
  }();
  return versions.c_str();
}

}  // extern "C"

static_assert(std::is_same_v<decltype(&budgetx_ocr_open), budgetx::ocr::OpenEngineFunction>);
static_assert(std::is_same_v<decltype(&budgetx_ocr_versions), budgetx::ocr::VersionsFunction>);
