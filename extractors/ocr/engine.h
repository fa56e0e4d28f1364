// Internal to the OCR extractor: the boundary between the extractor and the recogniser it loads.
//
// The recogniser (Tesseract and Leptonica with the libraries they pull in) is a module,
// libbudgetx_ocr.so, loaded when the first scanned page is read: a text PDF, a text dump or
// `--help` never pays for loading it, which was most of the start-up time of a process.
//
// Input:  a grey page image and its page number.
// Output: the words read on it and its ruling lines, both in PDF points of the page (or of its
//         reading frame, for a page printed sideways); the extractor lays them out. Warnings
//         name the page.
#pragma once

#include <string>
#include <vector>

#include "extractors/ocr/ocr_extractor.h"
#include "pipeline/layout/layout.h"
#include "pipeline/model/model.h"

namespace budgetx::ocr {

struct RecognisedPage {
  std::vector<layout::Word> words;
  std::vector<layout::Ruling> rulings;
  // A page printed sideways is read turned upright: its words and rulings are in that reading
  // frame, and these say how it lies on the page (model::Page::turns, pivot).
  int turns = 0;
  double pivot = 0;
};

class Engine {
 public:
  virtual ~Engine() = default;
  virtual RecognisedPage Read(const GreyImage& image, int page, std::vector<Warning>* warnings) = 0;
};

// The module's two entry points, looked up by name.
// budgetx_ocr_open: a new Engine for `options`, or null with `status` saying why.
using OpenEngineFunction = Engine* (*)(const Options& options, Status* status);
inline constexpr char kOpenEngineSymbol[] = "budgetx_ocr_open";
// budgetx_ocr_versions: the recogniser's libraries and their versions, one per line.
using VersionsFunction = const char* (*)();
inline constexpr char kVersionsSymbol[] = "budgetx_ocr_versions";

inline constexpr char kModuleFile[] = "libbudgetx_ocr.so";

}  // namespace budgetx::ocr
