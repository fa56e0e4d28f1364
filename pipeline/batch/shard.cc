// A task's part of the inputs, by content, so that any cluster engine's task index can drive it.
#include <algorithm>
#include <charconv>
#include <fstream>
#include <cstdlib>
#include <string_view>

#include "pipeline/batch/batch.h"
#include "pipeline/model/sha256.h"

namespace budgetx::batch {

int ShardOf(const std::string& sha256, int count) {
  if (count <= 1 || sha256.size() < 16) return 0;
  // The digest's first 64 bits as a number: uniform, so the parts come out near equal.
  const uint64_t n = std::strtoull(sha256.substr(0, 16).c_str(), nullptr, 16);
  return static_cast<int>(n % static_cast<uint64_t>(count));
}

namespace {

constexpr size_t kKeyPrefix = 64 << 10;

// The content key of a file: SHA-256 of its first 64 KiB and its size. A task reads at most 64 KiB of
// each file it leaves to others (an archive of scans is tens of gigabytes, read by every task);
// files with equal content have equal keys, so a document and its copies land in one part.
bool ShardKey(const std::string& path, std::string* key, uint64_t* bytes_read) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return false;
  const std::streamoff size = in.tellg();
  if (size < 0) return false;
  std::string head(std::min<uint64_t>(static_cast<uint64_t>(size), kKeyPrefix), '\0');
  in.seekg(0);
  if (!in.read(head.data(), static_cast<std::streamsize>(head.size()))) return false;
  if (bytes_read) *bytes_read += head.size();
  *key = Sha256Hex(head + ":" + std::to_string(size));
  return true;
}

}  // namespace

std::vector<Job> TakeShard(std::vector<Job> jobs, const Shard& shard, uint64_t* bytes_read) {
  std::vector<Job> mine;
  for (auto& job : jobs) {
    std::string key;
    const bool readable = ShardKey(job.path, &key, bytes_read);
    // A file that cannot be read is reported once, by part 0.
    if (readable ? ShardOf(key, shard.count) == shard.index : shard.index == 0) mine.push_back(std::move(job));
  }
  return mine;
}

bool ParseShard(const std::string& text, Shard* shard, std::string* error) {
  // Digits only, as a task index is: no sign, no space.
  auto whole = [](std::string_view digits, int* out) {
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), *out);
    return !digits.empty() && digits[0] != '-' && ec == std::errc() && end == digits.data() + digits.size();
  };
  const size_t slash = text.find('/');
  int k = -1, n = 0;
  const bool parsed = slash != std::string::npos && whole(std::string_view(text).substr(0, slash), &k) &&
                      whole(std::string_view(text).substr(slash + 1), &n);
  if (!parsed || n < 1 || k >= n) {
    *error = "--shard needs K/N with 0 <= K < N (task K of N, counted from 0), got '" + text + "'";
    return false;
  }
  *shard = {k, n};
  return true;
}

}  // namespace budgetx::batch
