// Internal to the PDF extractor: a PDF opened with Poppler's core API (the C++ wrapper gives no
// vector graphics), read page by page in one pass for the words and the ruling lines. Poppler
// types stay in page_reader.cc.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/layout/layout.h"
#include "pipeline/model/model.h"

namespace budgetx::pdf_extractor {

struct PageContent {
  std::vector<layout::Word> words;     // reading order; boxes in PDF points, origin top-left
  std::vector<layout::Ruling> rulings;  // strokes and thin filled rectangles, same frame
};

class PageReader {
 public:
  // Opens the PDF in `bytes` (kept by the caller while the reader lives). Errors: kBadInput for
  // a PDF Poppler cannot open (truncated, damaged) or one with no pages; kUnsupported for an
  // encrypted PDF that `password` does not open.
  static Status Open(const std::string& path, const std::string& bytes, const std::string& password,
                     std::unique_ptr<PageReader>* out);
  ~PageReader();

  int Pages() const;
  // The bytes the page's content streams and the forms its resources hold inflate to, counted up
  // to `limit` + 1: a few kilobytes to megabytes in a budget, a gigabyte in a decompression bomb.
  int64_t ContentBytes(int page, int64_t limit) const;
  PageContent Read(int page) const;  // 1-based
  // In grey; `drop_stamps` lightens red seals (for OCR), otherwise the page is as printed. A
  // page that would take more than `max_pixels` at `dpi` is rendered at the highest resolution
  // that stays under it (the image's dpi says which); an empty image when Poppler cannot render.
  GreyImage Render(int page, int dpi, int64_t max_pixels, bool drop_stamps = true) const;

 private:
  struct Impl;
  explicit PageReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace budgetx::pdf_extractor
