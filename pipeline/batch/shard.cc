// A task's part of the inputs, by content, so that any cluster engine's task index can drive it.
#include <charconv>
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

std::vector<Job> TakeShard(std::vector<Job> jobs, const Shard& shard, uint64_t* bytes_read) {
  std::vector<Job> mine;
  for (auto& job : jobs) {
    std::string bytes;
    if (!ReadWholeFile(job.path, &bytes).ok()) {
      if (shard.index == 0) mine.push_back(std::move(job));  // reported once, by part 0
      continue;
    }
    if (bytes_read) *bytes_read += bytes.size();
    job.sha256 = Sha256Hex(bytes);
    if (ShardOf(job.sha256, shard.count) == shard.index) mine.push_back(std::move(job));
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
