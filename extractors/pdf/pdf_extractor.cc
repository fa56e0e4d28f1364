#include "extractors/pdf/pdf_extractor.h"

#include <algorithm>
#include <memory>

#include "extractors/pdf/page_reader.h"
#include "extractors/pdf/text_layer.h"
#include "pipeline/model/sha256.h"

namespace budgetx::pdf_extractor {
namespace {

Status CheckHeader(const std::string& path, const std::string& bytes) {
  if (bytes.empty()) return Status::Error(Status::Code::kBadInput, path, "empty file");
  if (bytes.compare(0, 5, "%PDF-") != 0 && bytes.find("%PDF-") > 1024) {
    return Status::Error(Status::Code::kBadInput, path, "not a PDF (no %PDF- header)");
  }
  return Status::Ok();
}

// `bytes` holds the file for as long as the reader reads it.
Status OpenReader(const std::string& path, const Options& options, std::string* bytes,
                  std::unique_ptr<PageReader>* reader) {
  BUDGETX_RETURN_IF_ERROR(ReadWholeFile(path, bytes));
  BUDGETX_RETURN_IF_ERROR(CheckHeader(path, *bytes));
  return PageReader::Open(path, *bytes, options.password, reader);
}

// A page whose content inflates beyond the limit; the warning is for Extract to give.
bool Inflates(const PageReader& reader, const Options& options, int number) {
  return reader.ContentBytes(number, options.max_page_content) > options.max_page_content;
}

}  // namespace

Status Extract(const std::string& path, const Options& options, Document* out) {
  *out = Document{};
  out->path = path;
  out->source_kind = "pdf";
  std::string bytes;
  Status s = ReadWholeFile(path, &bytes);
  if (!s.ok()) return s;
  out->sha256 = Sha256Hex(bytes);
  s = CheckHeader(path, bytes);
  if (!s.ok()) return s;
  std::unique_ptr<PageReader> reader;
  s = PageReader::Open(path, bytes, options.password, &reader);
  if (!s.ok()) return s;
  const int pages = std::min(reader->Pages(), options.max_pages);
  if (pages < reader->Pages()) {
    Warning w{"extract", "the PDF has " + std::to_string(reader->Pages()) + " pages; only the first " +
                             std::to_string(pages) + " are read (--max-pages)", {pages, 0, {}, {}}};
    w.incomplete = true;
    out->warnings.push_back(std::move(w));
  }
  for (int number = 1; number <= pages; ++number) {
    Page p;
    p.number = number;
    if (Inflates(*reader, options, number)) {
      Warning w{"extract", "the page's content inflates to more than " + std::to_string(options.max_page_content >> 20) +
                               " MB (a decompression bomb, or a damaged stream): the page is not read (--max-page-content)",
                {number, 0, {}, {}}};
      w.incomplete = true;
      out->warnings.push_back(std::move(w));
      out->pages.push_back(std::move(p));
      continue;
    }
    PageContent content = reader->Read(number);
    TextLayerVerdict verdict = JudgeTextLayer(content.words, options.max_unmapped_share);
    if (!verdict.usable) {
      p.needs_ocr = true;
      out->warnings.push_back({"extract", verdict.cause + "; the page needs OCR", {p.number, 0, {}, {}}});
    } else {
      layout::PageLayout laid = layout::LayOutPage(std::move(content.words), content.rulings, p.number);
      p.lines = std::move(laid.lines);
      p.turns = laid.turns;
      p.pivot = laid.pivot;
    }
    out->pages.push_back(std::move(p));
  }
  layout::DropRunningLines(&out->pages);
  return Status::Ok();
}

Status RenderPage(const std::string& path, const Options& options, int number, int dpi, GreyImage* out) {
  std::string bytes;
  std::unique_ptr<PageReader> reader;
  BUDGETX_RETURN_IF_ERROR(OpenReader(path, options, &bytes, &reader));
  if (number < 1 || number > reader->Pages()) {
    return Status::Error(Status::Code::kBadInput, path, "no page " + std::to_string(number));
  }
  *out = Inflates(*reader, options, number) ? GreyImage{} : reader->Render(number, dpi, options.max_page_pixels);
  return Status::Ok();
}

Status RenderPagesAsPrinted(const std::string& path, const Options& options, int dpi, const PageImageSink& page) {
  std::string bytes;
  std::unique_ptr<PageReader> reader;
  BUDGETX_RETURN_IF_ERROR(OpenReader(path, options, &bytes, &reader));
  for (int number = 1; number <= std::min(reader->Pages(), options.max_pages); ++number) {
    const bool inflates = Inflates(*reader, options, number);
    BUDGETX_RETURN_IF_ERROR(
        page(number, inflates ? GreyImage{} : reader->Render(number, dpi, options.max_page_pixels, /*drop_stamps=*/false)));
  }
  return Status::Ok();
}

}  // namespace budgetx::pdf_extractor
