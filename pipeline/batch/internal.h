// Internal to the batch stage.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include "pipeline/batch/batch.h"

namespace budgetx::batch {

// Progress on stderr: on a terminal one line redrawn (files, pages, failures, ETA), elsewhere a
// log line per finished document.
class Progress {
 public:
  Progress(const Options& options, size_t documents, uint64_t bytes);
  // A document stored before, or (same_as not empty) one whose content another path had.
  void Skipped(const Job& job, const std::string& same_as);
  void Finished(const Job& job, const Outcome& outcome, double seconds);
  void Tick();  // redraws the bar at most a few times a second
  void InFlight(int pages_done);  // pages done of the documents still running
  // A running document's pages; without a terminal, logged every half minute.
  void Working(const Job& job, int pages_done, int pages);
  void End();

 private:
  void Draw(bool force);
  std::string Eta() const;

  Options options_;
  size_t total_ = 0, done_ = 0, failed_ = 0;
  uint64_t bytes_total_ = 0, bytes_done_ = 0, bytes_skipped_ = 0;
  int64_t pages_ = 0, in_flight_ = 0;
  std::chrono::steady_clock::time_point start_, last_draw_;
  std::map<std::string, std::chrono::steady_clock::time_point> last_logged_;  // per running document
};

}  // namespace budgetx::batch
