// Internal to the OCR extractor: the recognisers built into the module libbudgetx_ocr.so (see
// extractors/ocr/engine.h), chosen by Options::engine.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "extractors/ocr/engine.h"
#include "extractors/ocr/recognisers/image.h"

namespace budgetx::ocr {

// When a page whose reading begins now must be read by (Options::page_seconds); none without a
// limit.
std::optional<std::chrono::steady_clock::time_point> PageDeadline(const Options& options);

// Tesseract: each grid cell of a page read on its own, the text outside the grids line by line;
// every word carries Tesseract's confidence. Null, with `status` saying why, when Tesseract
// cannot load the language data of `options`.
std::unique_ptr<Engine> OpenTesseract(const Options& options, Status* status);

// Tesseract reading digits and number marks only: the recogniser of a cell's lone number, where
// PP-OCR is unsure (it reads a lone 0 among paper noise as "." or "o").
class NumberReader {
 public:
  virtual ~NumberReader() = default;
  struct Number {
    std::string text;
    double confidence = 0;  // 0..1
    bool sure = false;      // a number, read with confidence
  };
  // The rectangle of the page (pixels) read as one number, from the grey page and, when that is
  // unsure, from the black-and-white one.
  virtual Number Read(PIX* grey, PIX* binary, int dpi, const PixelBox& box) = 0;
};
// Null when Tesseract's English data cannot be loaded.
std::unique_ptr<NumberReader> OpenNumberReader(const Options& options);

// PP-OCRv4 (ONNX models run by onnxruntime-node in a helper process, extractors/ocr/ppocr): the
// page's lines of text found and read, cut at the grid's rules. Null, with `status` saying why,
// when it is not installed or cannot start. A grid cell it reads unsure that holds at most a
// number is read by a NumberReader too, when Tesseract's English data is there.
std::unique_ptr<Engine> OpenPpOcr(const Options& options, Status* status);

}  // namespace budgetx::ocr
