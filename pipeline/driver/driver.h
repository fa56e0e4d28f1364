// Stage: driver — runs the pipeline on one input file.
//
// Input:  a path (.pdf, or anything else as a text dump) and the loaded RuleSet.
// Output: a finished Document: extracted (PDF pages without a usable text layer read by OCR),
//         then assembled from what each later stage returns (narrative's description, the tables,
//         their reconciliation, the repairs, and the records of the repaired tables). The driver
//         is the only place that writes a Document after extraction. WriteReview assembles a
//         document's review page from its JSON and its source.
// Errors: the extractor's Status (unreadable, empty, not text, unsupported type) with the file's
//         path; everything after extraction reports through Document::warnings instead.
// Thread-safety: Process may run concurrently on different documents with one shared RuleSet.
#pragma once

#include <functional>
#include <string>

#include "extractors/ocr/ocr_extractor.h"
#include "extractors/pdf/pdf_extractor.h"
#include "pipeline/model/model.h"
#include "pipeline/review/review.h"
#include "pipeline/rules/rules.h"
#include "pipeline/tables/tables.h"

namespace budgetx::driver {

struct Options {
  pdf_extractor::Options pdf;
  ocr::Options ocr;
  bool read_scans = true;  // OCR pages the PDF extractor marks needs_ocr
  // A larger input is refused before it is read (a document is held in memory whole): budgets,
  // even scanned at 600 dpi, are a few hundred megabytes at most.
  int64_t max_file_bytes = 2048LL << 20;
  tables::Options tables;
  // Told the pages done so far and the document's pages: after the text layer, after each
  // scanned page. May be empty.
  std::function<void(int pages_done, int pages)> page_progress;
};

Status Process(const rules::RuleSet& rules, const Options& options, const std::string& path, Document* doc);

// The steps of Process after extraction: the stages run on doc->pages, their results put in *doc.
void Assemble(const rules::RuleSet& rules, const Options& options, Document* doc);

// Writes the review folder `dir` (pipeline/review) of the document whose canonical JSON is `doc`,
// showing its source `path`: a PDF's pages rendered as printed, or a text dump's lines. When the
// source cannot be read, the folder is still written, without images or lines, and that error
// is returned.
Status WriteReview(const Options& options, const nlohmann::ordered_json& doc, const std::string& path,
                   const review::Options& review, const std::string& dir, review::Written* written);

// The first step of Process: the document's pages of lines (scanned pages read by OCR), before
// any rule reads them.
Status Extract(const Options& options, const std::string& path, Document* doc);

}  // namespace budgetx::driver
