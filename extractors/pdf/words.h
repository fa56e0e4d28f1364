// Internal to the PDF extractor: words (Poppler text boxes as plain values) into lines and spans.
// Kept apart from Poppler so the grouping is tested on plain data.
#pragma once

#include <string>
#include <vector>

#include "pipeline/model/model.h"

namespace budgetx::pdf_extractor {

struct Word {
  std::string text;  // UTF-8
  Box box;           // PDF points, origin top-left
  double font_size = 0;
  bool space_after = false;
};

struct TextLayerVerdict {
  bool usable = true;
  std::string cause;  // why not, e.g. "no text layer"
};

// A page's text layer is usable when it has text and at most `max_unmapped_share` of its
// characters are private-use or replacement characters (fonts without a usable ToUnicode map).
TextLayerVerdict JudgeTextLayer(const std::vector<Word>& words, double max_unmapped_share);

// Words whose vertical extents overlap by more than half the smaller height share a line; lines
// run top to bottom. Within a line, words closer than a third of the font size become one span
// (Poppler splits CJK runs at font changes), and each span keeps its box and extent.
std::vector<Line> GroupIntoLines(std::vector<Word> words, int page);

}  // namespace budgetx::pdf_extractor
