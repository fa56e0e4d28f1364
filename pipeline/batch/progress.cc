#include <cstdio>
#include <iostream>

#include "pipeline/batch/internal.h"

namespace budgetx::batch {
namespace {

using Clock = std::chrono::steady_clock;

std::string Duration(double seconds) {
  int s = static_cast<int>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%d:%02d", s / 60, s % 60);
  return buf;
}

}  // namespace

Progress::Progress(const Options& options, size_t documents, uint64_t bytes)
    : options_(options), total_(documents), bytes_total_(bytes), start_(Clock::now()) {}

void Progress::Skipped(const Job& job, const std::string& same_as) {
  ++done_;
  bytes_skipped_ += job.bytes;
  if (!options_.progress_bar && !options_.quiet) {
    std::cerr << "[" << done_ << "/" << total_ << "] " << job.path << ": "
              << (same_as.empty() ? "stored before, skipped (--force redoes it)" : "same content as " + same_as + ", skipped")
              << "\n";
  }
  Draw(false);
}

void Progress::Finished(const Job& job, const Outcome& outcome, double seconds) {
  ++done_;
  last_logged_.erase(job.path);
  bytes_done_ += job.bytes;
  pages_ += outcome.pages;
  bool bad = outcome.kind == Outcome::kFailed || outcome.kind == Outcome::kIncomplete;
  failed_ += bad;
  if (!options_.progress_bar && (!options_.quiet || bad)) {
    char took[32];
    std::snprintf(took, sizeof took, "%.1f s", seconds);
    std::string line = "[" + std::to_string(done_) + "/" + std::to_string(total_) + "] " + job.path + ": " +
                       OutcomeName(outcome.kind);
    if (bad) line += ": " + outcome.cause.substr(outcome.cause.starts_with(job.path + ": ") ? job.path.size() + 2 : 0);
    else line += ": " + outcome.detail;
    std::cerr << line << " (" << took << ")\n";
  }
  Draw(true);
}

void Progress::Tick() { Draw(false); }

void Progress::InFlight(int pages_done) { in_flight_ = pages_done; }

void Progress::Working(const Job& job, int pages_done, int pages) {
  if (options_.progress_bar || options_.quiet || pages == 0) return;
  auto now = Clock::now();
  auto [it, fresh] = last_logged_.emplace(job.path, now);
  if (fresh || now - it->second < std::chrono::seconds(30)) return;
  it->second = now;
  std::cerr << "[" << done_ << "/" << total_ << "] " << job.path << ": page " << pages_done << " of " << pages
            << " done\n";
}

std::string Progress::Eta() const {
  double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  uint64_t left = bytes_total_ - bytes_done_ - bytes_skipped_;
  if (bytes_done_ == 0 || elapsed < 1) return "ETA --:--";
  return "ETA " + Duration(elapsed * static_cast<double>(left) / static_cast<double>(bytes_done_));
}

void Progress::Draw(bool force) {
  if (!options_.progress_bar) return;
  auto now = Clock::now();
  if (!force && now - last_draw_ < std::chrono::milliseconds(250)) return;
  last_draw_ = now;
  constexpr int kWidth = 24;
  int filled = total_ ? static_cast<int>(kWidth * done_ / total_) : kWidth;
  std::string bar = std::string(filled, '#') + std::string(kWidth - filled, '.');
  std::cerr << "\r[" << bar << "] " << done_ << "/" << total_ << " files, " << pages_ + in_flight_ << " pages, " << failed_
            << " failed, " << Duration(std::chrono::duration<double>(now - start_).count()) << " elapsed, " << Eta()
            << "   " << std::flush;
}

void Progress::End() {
  if (options_.progress_bar) {
    Draw(true);
    std::cerr << "\n";
  }
}

}  // namespace budgetx::batch
