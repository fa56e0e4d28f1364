// Internal to the OCR extractor: the recognisers built into the module libbudgetx_ocr.so (see
// extractors/ocr/engine.h), chosen by Options::engine.
#pragma once

#include <memory>

#include "extractors/ocr/engine.h"

namespace budgetx::ocr {

// Tesseract: each grid cell of a page read on its own, the text outside the grids line by line;
// every word carries Tesseract's confidence. Null, with `status` saying why, when Tesseract
// cannot load the language data of `options`.
std::unique_ptr<Engine> OpenTesseract(const Options& options, Status* status);

// PP-OCRv4 (ONNX models run by onnxruntime-node in a helper process, extractors/ocr/ppocr): the
// page's lines of text found and read, cut at the grid's rules. Null, with `status` saying why,
// when it is not installed or cannot start.
std::unique_ptr<Engine> OpenPpOcr(const Options& options, Status* status);

}  // namespace budgetx::ocr
