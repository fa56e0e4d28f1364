// Extractor: text — plain-text dumps of budget documents into the layout model.
//
// Input:  a file path (or its bytes). Any encoding ICU can detect: UTF-8 (with or without BOM),
//         GB18030/GBK, UTF-16 with BOM.
// Output: a Document with source_kind "text", sha256 and encoding set, and pages of lines. A form
//         feed starts a new page; without form feeds the whole dump is page 1. Each line keeps its
//         1-based source line number. Lines containing a tab are cell-delimited: spans are the tab-
//         separated cells (empty cells kept, also before the first tab, and the leading tabs
//         counted in `indent`); other lines are
//         split on whitespace into token spans. Text is decoded, not normalised.
//         A dump that is an HTML page (a doctype or <html> tag at its start) has source_kind "html"
//         and one page of its visible lines, each numbered with the page's line it starts on:
//         a data table's rows are cell-delimited lines (extractors/text/html.h).
// Errors: kNotFound/kIoError when the file cannot be read; kBadInput for an empty file, or bytes
//         that are not text (NUL bytes, or more than 1% of characters undecodable), naming the
//         file and the first bad offset.
// Thread-safety: stateless; safe to call concurrently.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/model/model.h"

namespace budgetx::text_extractor {

Status Extract(const std::string& path, Document* out);

// Same as Extract for bytes already in memory; `path` is used for messages and Document::path.
Status ExtractBytes(const std::string& path, std::string_view bytes, Document* out);

// The file's lines decoded as Extract decodes them, for showing the source: (*lines)[i] is line
// i + 1 of provenance, on the page its form feeds put it. Errors as for Extract's decoding.
Status ReadSourceLines(const std::string& path, std::vector<SourceLine>* lines);

}  // namespace budgetx::text_extractor
