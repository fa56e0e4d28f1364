// Stage: output — the canonical JSON of a Document.
//
// Input:  a finished Document (after tables and reconcile).
// Output: JSON text that validates against schemas/document.schema.json. Keys are stable and
//         ordered; amounts are integers in fen; decimals are strings as printed (never floats);
//         boxes are [x0, y0, x1, y1] in PDF points with the origin at the page's top-left corner.
//         A failed document is written as {"source": …, "error": …} so a batch keeps a record.
// Errors: none; writing to a file is the caller's business.
// Thread-safety: pure function.
#pragma once

#include <ostream>
#include <string>

#include "pipeline/model/model.h"

namespace budgetx::output {

inline constexpr const char* kSchemaVersion = "1";

// Writes the JSON as it goes (a large document is never held as one JSON tree).
void WriteJson(const Document& doc, std::ostream& out);
std::string ToJson(const Document& doc);

// The record of a document that could not be processed.
void WriteErrorJson(const Document& doc, const Status& error, std::ostream& out);

// The document's JSON (or error record) without its long arrays — tables, records, indicators,
// checks, corrections and review — for a batch's progress and summary.
void WriteHeadJson(const Document& doc, const Status& status, std::ostream& out);
std::string ErrorJson(const Document& doc, const Status& error);

}  // namespace budgetx::output
