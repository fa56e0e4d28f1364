#include "extractors/pdf/text_layer.h"

#include <unicode/utf8.h>

namespace budgetx::pdf_extractor {

TextLayerVerdict JudgeTextLayer(const std::vector<layout::Word>& words, double max_unmapped_share) {
  size_t chars = 0, unmapped = 0;
  for (const auto& w : words) {
    int32_t i = 0, n = static_cast<int32_t>(w.text.size());
    while (i < n) {
      UChar32 c;
      U8_NEXT(w.text.data(), i, n, c);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
      ++chars;
      // A glyph of a font without a Unicode map comes through as a private-use code point, as
      // U+FFFD, or as its raw code (a control character).
      unmapped += (c >= 0xE000 && c <= 0xF8FF) || c == 0xFFFD || c < 0x20;
    }
  }
  if (chars == 0) return {false, "no text layer"};
  if (unmapped > max_unmapped_share * static_cast<double>(chars)) {
    return {false, "text layer unreadable: " + std::to_string(unmapped) + " of " + std::to_string(chars) +
                       " characters are unmapped glyphs"};
  }
  return {};
}

}  // namespace budgetx::pdf_extractor
