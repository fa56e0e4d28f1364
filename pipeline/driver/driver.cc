#include "pipeline/driver/driver.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "extractors/pdf/pdf_extractor.h"
#include "pipeline/audit/audit.h"
#include "pipeline/layout/layout.h"
#include "extractors/text/text_extractor.h"
#include "pipeline/narrative/narrative.h"
#include "pipeline/reconcile/reconcile.h"
#include "pipeline/repair/repair.h"
#include "pipeline/tables/tables.h"

namespace budgetx::driver {
namespace {

std::string Extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

// A page too large for max_page_pixels at the OCR resolution was rendered coarser.
Warning LowResolution(const Options& options, const GreyImage& image, int page) {
  char size[64];
  std::snprintf(size, sizeof size, "%.0f × %.0f pt", image.width * 72.0 / image.dpi, image.height * 72.0 / image.dpi);
  return {"ocr",
          "the page is " + std::string(size) + ": read at " + std::to_string(image.dpi) + " dpi, not " +
              std::to_string(options.ocr.dpi) + ", to stay under " + std::to_string(options.pdf.max_page_pixels) +
              " pixels; small print may be misread",
          {page, 0, {}, {}}};
}

// Pages the text layer could not give are rendered and read by OCR, one at a time (an image of a
// page is large).
Status ReadScannedPages(const Options& options, const std::string& path, Document* doc) {
  std::unique_ptr<ocr::Reader> reader;
  bool any = false;
  int pages = static_cast<int>(doc->pages.size());
  int done = static_cast<int>(std::count_if(doc->pages.begin(), doc->pages.end(), [](const Page& p) { return !p.needs_ocr; }));
  if (options.page_progress) options.page_progress(done, pages);
  for (auto& page : doc->pages) {
    if (!page.needs_ocr) continue;
    if (!reader) {
      Status s = ocr::Reader::Open(options.ocr, &reader);
      if (!s.ok()) {
        // What the text layer gave is kept; the scanned pages are reported unread.
        Warning w{"ocr", "scanned pages left unread: " + s.message, {page.number, 0, {}, {}}};
        w.incomplete = true;
        doc->warnings.push_back(std::move(w));
        return Status::Ok();
      }
    }
    GreyImage image;
    Status s = pdf_extractor::RenderPage(path, options.pdf, page.number, options.ocr.dpi, &image);
    if (!s.ok()) return s;
    if (image.pixels.empty()) {
      Warning w{"ocr", "the page could not be rendered for OCR; it is left unread", {page.number, 0, {}, {}}};
      w.incomplete = true;
      doc->warnings.push_back(std::move(w));
      continue;
    }
    if (image.dpi < options.ocr.dpi) doc->warnings.push_back(LowResolution(options, image, page.number));
    reader->ReadPage(image, &page, &doc->warnings);
    page.needs_ocr = false;
    any = true;
    if (options.page_progress) options.page_progress(++done, pages);
  }
  if (any) layout::DropRunningLines(&doc->pages);
  return Status::Ok();
}

}  // namespace

Status Extract(const Options& options, const std::string& path, Document* doc) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Status::Error(Status::Code::kBadInput, path, "is a directory, not a document");
  }
  const auto bytes = std::filesystem::file_size(path, ec);
  if (!ec && options.max_file_bytes > 0 && bytes > static_cast<uintmax_t>(options.max_file_bytes)) {
    return Status::Error(Status::Code::kBadInput, path,
                         "the file is " + std::to_string(bytes >> 20) + " MB, over the limit of " +
                             std::to_string(options.max_file_bytes >> 20) + " MB (--max-file-size)");
  }
  std::string ext = Extension(path);
  Status s = ext == ".pdf" ? pdf_extractor::Extract(path, options.pdf, doc) : text_extractor::Extract(path, doc);
  if (s.ok() && ext == ".pdf" && options.read_scans) s = ReadScannedPages(options, path, doc);
  return s;
}

void Assemble(const rules::RuleSet& rules, const Options& options, Document* doc) {
  narrative::Description described = narrative::Describe(rules, doc->pages, std::filesystem::path(doc->path).stem().string());
  tables::BuiltTables built = tables::BuildTables(rules, options.tables, doc->pages);
  reconcile::Reconciliation checked = reconcile::Reconcile(rules.identities, built.tables, described.facts);
  repair::Repaired repaired = repair::RepairFromAccounts(rules, options.tables.review_below, std::move(built.tables),
                                                         described.facts, std::move(checked));
  doc->info = std::move(described.info);
  doc->info.unit = built.unit;
  doc->tables = std::move(repaired.tables);
  doc->records = tables::Records(doc->tables);
  doc->indicators = std::move(built.indicators);
  doc->facts = std::move(described.facts);
  doc->comparisons = std::move(described.comparisons);
  doc->checks = std::move(repaired.reconciliation.checks);
  doc->disagreements = std::move(repaired.reconciliation.disagreements);
  doc->findings = audit::Audit(rules, *doc);
  doc->review = std::move(built.review);
  for (auto* corrections : {&built.corrections, &repaired.corrections}) {
    doc->corrections.insert(doc->corrections.end(), corrections->begin(), corrections->end());
  }
  for (auto* warnings : {&described.warnings, &built.warnings, &repaired.reconciliation.warnings}) {
    doc->warnings.insert(doc->warnings.end(), warnings->begin(), warnings->end());
  }
}

Status Process(const rules::RuleSet& rules, const Options& options, const std::string& path, Document* doc) {
  BUDGETX_RETURN_IF_ERROR(Extract(options, path, doc));
  Assemble(rules, options, doc);
  return Status::Ok();
}

Status WriteReview(const Options& options, const nlohmann::ordered_json& doc, const std::string& path,
                   const review::Options& review, const std::string& dir, review::Written* written) {
  review::Source source;
  Status readable = Status::Ok();
  const std::string kind = doc.contains("source") ? doc["source"].value("kind", "") : "";
  if (kind == "pdf") {
    source.pages = [&](int dpi, const review::PageImageSink& sink) {
      return pdf_extractor::RenderPagesAsPrinted(path, options.pdf, dpi, sink);
    };
  } else if (kind == "text" || kind == "html") {
    readable = text_extractor::ReadSourceLines(path, &source.lines);
  }
  Status written_status = review::Write(doc, source, review, dir, written);
  if (!written_status.ok() && source.pages && written_status.file == path) {
    readable = written_status;  // the PDF would not render: the folder without images
    written_status = review::Write(doc, review::Source{}, review, dir, written);
  }
  return written_status.ok() ? readable : written_status;
}

}  // namespace budgetx::driver
