// Internal to the OCR extractor: the Tesseract recogniser, built into the module libbudgetx_ocr.so
// (see extractors/ocr/engine.h). Each grid cell of a page is read on its own, the text outside the
// grids line by line; every word carries Tesseract's confidence.
#pragma once

#include <memory>

#include "extractors/ocr/engine.h"

namespace budgetx::ocr {

// Null, with `status` saying why, when Tesseract cannot load the language data of `options`.
std::unique_ptr<Engine> OpenTesseract(const Options& options, Status* status);

}  // namespace budgetx::ocr
