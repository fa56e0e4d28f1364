// Stage: review — a static page on which a person checks one document's reading.
//
// Input:  the document's canonical JSON (pipeline/output), and what the person looks at: the
//         pages as grey images (a PDF; rendered by the caller), or the source's lines (a text dump).
// Output: a folder holding index.html and one WebP image per page (page-0001.webp, ...).
//         index.html is the template pipeline/review/page.html with the document's review data
//         (ReviewData) inlined as JSON; it opens from disk, with no server and no network, and
//         loads the images lazily. Every cell with provenance gets one box, on its page image or
//         around its text on its source line, coloured by its state: read from the text layer, read
//         by OCR, below the review threshold (listed in the JSON's `review`), corrected, in a
//         failed check, in a finding. A side panel lists the identity, tables, failed checks,
//         findings, corrections, the review list and warnings; an item selects its cells.
// Errors: kBadInput when the JSON is not a budgetx document (no source); kIoError when the folder
//         or a file cannot be written; the error a page image source returns. Text from the
//         document is data, never markup: the page shows a cell holding <script> as text.
// Thread-safety: pure functions of their arguments, apart from the files Write writes.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/model/model.h"

namespace budgetx::review {

struct Options {
  // Pixels per inch of the page images: 6-point digits are 7 px high at 120.
  int dpi = 120;
  int quality = 55;  // WebP, 0–100: grey print on white stays sharp at 55 and costs ~50 KB a page
};

// Hands each page image, in page order, to a sink; called once by Write at `dpi`.
using PageImageSink = std::function<Status(int number, GreyImage image)>;
using PageImages = std::function<Status(int dpi, const PageImageSink& sink)>;

// What the page shows of the source: images for a PDF, lines for a text dump.
struct Source {
  PageImages pages;              // empty: no images (the boxes are drawn on blank pages)
  std::vector<SourceLine> lines;  // line i + 1 of the provenance
};

// A page's image as written: its file name in the folder, and its size in the reading frame,
// PDF points (the frame of the boxes).
struct PageView {
  int number = 0;
  std::string image;
  double width = 0, height = 0;
};

// The data the page's script draws: identity, pages (or lines), tables, cells with their states,
// and the panel's items, each naming the cells it selects (indexes into cells).
nlohmann::ordered_json ReviewData(const nlohmann::ordered_json& doc, const std::vector<PageView>& pages,
                                  const std::vector<SourceLine>& lines);

// The template with `title` (HTML-escaped) and `data` (JSON safe inside a script element) filled in.
std::string FillTemplate(const std::string& title, const nlohmann::ordered_json& data);

// `image` turned into the reading frame of a page printed sideways (turns 1 or 3 about `pivot`
// points, as the JSON's source.sideways_pages says); other turns return it unchanged.
GreyImage ToReadingFrame(const GreyImage& image, int turns, double pivot);

// WebP bytes of a grey image; false when the encoder fails.
bool EncodeWebp(const GreyImage& image, int quality, std::string* out);

struct Written {
  int pages = 0;        // images written
  int64_t bytes = 0;    // the folder's files
};

// Writes the folder `dir` (created; files of an earlier review replaced).
Status Write(const nlohmann::ordered_json& doc, const Source& source, const Options& options,
             const std::string& dir, Written* written);

}  // namespace budgetx::review
