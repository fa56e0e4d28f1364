// Extractor: ocr — a page image (a scan, or a page whose text layer cannot be trusted) into the
// layout model, with a confidence on every piece of text.
//
// Input:  a grey page image (rendered by the PDF extractor, red seals taken for paper) and its
//         page.
// Output: the page's Lines, laid out by the layout stage as for a text layer: the image is
//         deskewed and binarised (Leptonica), its ruling lines found by morphology and turned
//         into grids. The recogniser (Options::engine; docs/ocr.md) reads the text: PP-OCR finds
//         the page's lines and reads each grid cell's part of them (a cell it is unsure of that
//         holds at most a number is read by Tesseract's digit reader too), Tesseract reads each
//         grid cell on its own and the rest line by line. Boxes are in PDF points of the page (pixel
//         × 72 / dpi); a page printed sideways is read turned upright and its boxes are in that
//         frame (Page::turns, pivot). Each span's provenance carries the recogniser's confidence
//         (0..1). A page with no text gets a Warning, as does one deskewed or read turned.
// Errors: Reader::Open fails with kUnsupported when the recogniser or its data is missing (the
//         message names the package or scripts/setup) or the recogniser module cannot be loaded.
// Loading: the recognisers and Leptonica live in the module libbudgetx_ocr.so beside the
//         executable, loaded by the first Reader::Open (engine.h), so processes that read no scan
//         never load them; PP-OCR runs in a helper process the Reader starts.
// Thread-safety: a Reader holds one recogniser instance; use one Reader per thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "pipeline/model/model.h"

namespace budgetx::ocr {

struct Options {
  // The recogniser: "ppocr" (PP-OCRv4, with Tesseract's digit reader for lone numbers; read
  // better on every set of pages measured, docs/ocr.md), "tesseract", or
  // "auto": PP-OCR when scripts/setup installed it, else Tesseract.
  std::string engine = "auto";
  std::string ppocr_dir;  // the PP-OCR helper's folder; empty: extractors/ocr/ppocr of the source
  std::string languages = "chi_sim";  // Tesseract languages, e.g. "chi_sim+eng"
  std::string tessdata;               // language data folder; empty: Tesseract's default
  int dpi = 300;                      // resolution pages are rendered at for OCR
  // Threads PP-OCR's models may run on: the cores no other document being read at the same
  // time needs (Tesseract reads on one; its OpenMP threads spin on each other).
  int threads = 1;
  // Seconds the recogniser may spend on one page; past them the page's reading stops (PP-OCR's
  // helper is killed and started again for the next page) and a warning says the output is
  // incomplete. A scanned page takes seconds; 0: no limit.
  double page_seconds = 300;
};

class Reader {
 public:
  static Status Open(const Options& options, std::unique_ptr<Reader>* out);
  ~Reader();

  // Fills page->lines, and page->turns and pivot when the page is printed sideways.
  void ReadPage(const GreyImage& image, Page* page, std::vector<Warning>* warnings);

 private:
  struct Impl;
  explicit Reader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The recogniser's libraries and versions, one per line (loads the module); or why it cannot
// be loaded.
std::string RecogniserVersions();

}  // namespace budgetx::ocr
