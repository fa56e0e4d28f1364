// Extractor: pdf — the text layer of a PDF into the layout model, with positions.
//
// Input:  a PDF file path (and a password when the file is encrypted).
// Output: a Document with source_kind "pdf", sha256 of the file's bytes, and one Page per PDF
//         page (numbered from 1). Each page's words and ruling lines, read in one Poppler pass,
//         are laid out by the layout stage: grid rows of ruled tables, and plain lines of spans
//         (runs of glyphs without a visible gap), with boxes in PDF points (origin top-left, y
//         downward). A page whose text layer is missing or mostly unmapped glyphs (private-use
//         or replacement characters) is marked needs_ocr, keeps no lines, and gets a Warning
//         naming the page and the cause.
// Errors: kNotFound when the file cannot be read; kBadInput for an empty file, bytes that are not
//         a PDF, a PDF Poppler cannot open (truncated, damaged) or one with no pages;
//         kUnsupported for an encrypted PDF the given password (default: empty) does not open —
//         the message says to pass --password.
// Thread-safety: documents are opened per call; Poppler's error messages go through one global
//         callback that keeps the first message per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "pipeline/model/model.h"

namespace budgetx::pdf_extractor {

struct Options {
  std::string password;  // user password for encrypted PDFs; empty opens unprotected ones
  // Share of a page's characters that may be private-use or U+FFFD before the text layer is
  // considered unreadable and the page is left to OCR.
  double max_unmapped_share = 0.3;
  // Pixels a rendered page may take (a byte each in grey, three while Poppler draws it): a
  // larger page (a poster, a page box of 200 inches) is rendered at a lower resolution to fit.
  // 100 million holds an A1 sheet at 300 dpi.
  int64_t max_page_pixels = 100'000'000;
  // Pages read of a longer PDF (a warning says the output is incomplete): no budget comes near;
  // a generated or damaged file of 100,000 pages would hold a worker for minutes.
  int max_pages = 5000;
  // Bytes a page's content may inflate to (its content streams and forms): beyond, the page is
  // neither read nor rendered and a warning says the output is incomplete. A dense budget page
  // is a few megabytes; a decompression bomb (a small file inflating to gigabytes) is stopped
  // after decoding this much.
  int64_t max_page_content = 256LL << 20;
};

Status Extract(const std::string& path, const Options& options, Document* out);

// Renders page `number` (1-based) of the PDF in grey at `dpi` (lower when the page would exceed
// max_page_pixels: the image's dpi says), straight to memory, for OCR; the image's frame is the
// text layer's (pixel × 72 / dpi = PDF points from the top-left corner). An empty image when
// Poppler cannot render the page.
// Errors as for Extract, and kBadInput for a page number the PDF does not have.
Status RenderPage(const std::string& path, const Options& options, int number, int dpi, GreyImage* out);

// Renders every page in turn as printed (red seals kept, in grey), opening the PDF once, for a
// person to look at; stops at the first error `page` returns. Errors as for Extract.
using PageImageSink = std::function<Status(int number, GreyImage image)>;
Status RenderPagesAsPrinted(const std::string& path, const Options& options, int dpi, const PageImageSink& page);

}  // namespace budgetx::pdf_extractor
