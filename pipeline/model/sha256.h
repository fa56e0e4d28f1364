// SHA-256 of a byte string (part of the model stage): documents are keyed by content so that
// provenance and resumed batch runs do not depend on file names.
#pragma once

#include <string>
#include <string_view>

namespace budgetx {

// Lowercase hex digest (64 characters).
std::string Sha256Hex(std::string_view bytes);

}  // namespace budgetx
