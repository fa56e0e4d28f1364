// Internal to the text extractor: byte decoding. Not part of the stage's public contract.
#pragma once

#include <string>
#include <string_view>

#include "pipeline/model/model.h"

namespace budgetx::text_extractor {

// Decodes `bytes` to UTF-8 with ICU: BOMs first, then strict UTF-8, then ICU's charset detector
// restricted to Chinese encodings (GB18030 covers GBK and GB2312). Sets *encoding to the name used.
Status DecodeToUtf8(const std::string& path, std::string_view bytes, std::string* utf8,
                    std::string* encoding);




}  // namespace budgetx::text_extractor
