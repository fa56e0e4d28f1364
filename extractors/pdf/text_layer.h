// Internal to the PDF extractor: whether a page's text layer can be trusted.
#pragma once

#include <string>
#include <vector>

#include "pipeline/layout/layout.h"

namespace budgetx::pdf_extractor {

struct TextLayerVerdict {
  bool usable = true;
  std::string cause;  // why not, e.g. "no text layer"
};

// A page's text layer is usable when it has text and at most `max_unmapped_share` of its
// characters are private-use or replacement characters (fonts without a usable ToUnicode map).
TextLayerVerdict JudgeTextLayer(const std::vector<layout::Word>& words, double max_unmapped_share);

}  // namespace budgetx::pdf_extractor
