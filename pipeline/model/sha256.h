// SHA-256 of a byte string (part of the model stage): documents are keyed by content so that
// provenance and resumed batch runs do not depend on file names.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "pipeline/model/model.h"

namespace budgetx {

// Incremental: a file hashed in pieces, never whole in memory.
class Sha256 {
 public:
  Sha256();
  void Update(std::string_view bytes);
  std::string Hex();  // the lowercase hex digest (64 characters); ends the hash

 private:
  std::array<uint32_t, 8> h_;
  unsigned char block_[64] = {};
  size_t used_ = 0;
  uint64_t length_ = 0;
};

// Lowercase hex digest (64 characters).
std::string Sha256Hex(std::string_view bytes);
// Of a file's content, read a megabyte at a time. Errors name the file.
Status Sha256OfFile(const std::string& path, std::string* hex);

}  // namespace budgetx
