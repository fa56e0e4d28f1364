#include "pipeline/cli/status_report.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

namespace budgetx::cli {
namespace {

constexpr double kRecentSeconds = 600;  // "recent" throughput: the last ten minutes
constexpr size_t kListed = 20;          // causes and missing paths listed before "… and N more"

// "2026-12-07T13:40:05Z" → seconds since 1970; 0 when not in that form.
std::time_t ParseUtc(const std::string& text) {
  std::tm t{};
  if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%dZ", &t.tm_year, &t.tm_mon, &t.tm_mday, &t.tm_hour, &t.tm_min,
                  &t.tm_sec) != 6) {
    return 0;
  }
  t.tm_year -= 1900;
  t.tm_mon -= 1;
  return timegm(&t);
}

std::string Duration(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char buf[48];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld h %02ld min", s / 3600, s / 60 % 60);
  else if (s >= 60) std::snprintf(buf, sizeof buf, "%ld min %02ld s", s / 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%ld s", s);
  return buf;
}

std::string Rate(double documents, double pages, double seconds) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%.3f documents/s, %.2f pages/s", documents / seconds, pages / seconds);
  return buf;
}

// A document's load as a span of time: it started `seconds` before it was stored.
struct Load {
  std::time_t end = 0;
  double start = 0;
  int64_t pages = 0;
};

struct HostTally {
  int documents = 0;
  int64_t pages = 0;
  double busy = 0;  // worker seconds
  std::string last;
  std::set<std::string> shards;
};

void ListCauses(const char* heading, const std::vector<const sinks::StoredDocument*>& docs, std::ostream& out) {
  if (docs.empty()) return;
  out << heading << " (" << docs.size() << ")\n";
  for (size_t i = 0; i < docs.size() && i < kListed; ++i) {
    const std::string& path = docs[i]->path;
    std::string cause = docs[i]->error;  // messages name their file already
    if (cause.starts_with(path)) cause.erase(0, path.size());
    out << "  " << path << (cause.starts_with(":") ? "" : ": ") << cause << "\n";
  }
  if (docs.size() > kListed) out << "  … and " << docs.size() - kListed << " more\n";
}

// Throughput over the loads, recent and overall, and per host; the recent rate in documents/s.
double WriteThroughput(const std::vector<sinks::StoredDocument>& stored, std::time_t now, std::ostream& out) {
  std::vector<Load> loads;
  std::map<std::string, HostTally> hosts;
  for (const auto& d : stored) {
    const std::time_t end = ParseUtc(d.loaded_at);
    if (!end) continue;
    loads.push_back({end, static_cast<double>(end) - d.seconds, d.pages});
    HostTally& h = hosts[d.host.empty() ? "?" : d.host];
    ++h.documents;
    h.pages += d.pages;
    h.busy += d.seconds;
    h.last = std::max(h.last, d.loaded_at);
    if (!d.shard.empty()) h.shards.insert(d.shard);
  }
  if (loads.empty()) {
    out << "throughput  unknown (no load times recorded)\n";
    return 0;
  }
  double first = loads.front().start;
  std::time_t last = loads.front().end;
  for (const auto& l : loads) first = std::min(first, l.start), last = std::max(last, l.end);
  const double window = std::min(kRecentSeconds, std::max(1.0, static_cast<double>(now) - first));
  double recent_docs = 0, recent_pages = 0, all_pages = 0;
  for (const auto& l : loads) {
    all_pages += static_cast<double>(l.pages);
    if (static_cast<double>(now - l.end) <= window) recent_docs += 1, recent_pages += static_cast<double>(l.pages);
  }
  const double span = std::max(1.0, static_cast<double>(last) - first);
  out << "throughput  last " << Duration(window) << ": " << Rate(recent_docs, recent_pages, window) << "\n"
      << "            overall: " << Rate(static_cast<double>(loads.size()), all_pages, span) << " ("
      << loads.size() << " loads in " << Duration(span) << ", the last " << Duration(static_cast<double>(now - last))
      << " ago)\n";
  for (const auto& [host, h] : hosts) {
    out << "  host " << host << ": " << batch::Count(h.documents, "document") << ", " << batch::Count(h.pages, "page")
        << ", " << Duration(h.busy) << " of work, last at " << h.last;
    if (!h.shards.empty()) {
      out << ", shard";
      for (const auto& s : h.shards) out << " " << s;
    }
    out << "\n";
  }
  return recent_docs / window;
}

}  // namespace

StatusCounts WriteStatus(const std::string& db, const std::vector<sinks::StoredDocument>& stored,
                         const std::vector<batch::Job>* inputs, std::time_t now, std::ostream& out) {
  StatusCounts counts;
  std::map<std::string, int> by_status;
  std::vector<const sinks::StoredDocument*> failed, incomplete;
  int64_t pages = 0;
  for (const auto& d : stored) {
    ++by_status[d.status];
    pages += d.pages;
    if (d.status == "failed") failed.push_back(&d);
    if (d.status == "incomplete") incomplete.push_back(&d);
  }
  counts.stored = static_cast<int>(stored.size());
  counts.failed = static_cast<int>(failed.size());
  counts.incomplete = static_cast<int>(incomplete.size());
  out << "database    " << db << "\n"
      << "documents   " << counts.stored << " stored: " << by_status["ok"] << " ok, " << by_status["warnings"]
      << " with warnings, " << counts.incomplete << " incomplete, " << counts.failed << " failed; "
      << batch::Count(pages, "page") << "\n";
  std::vector<const batch::Job*> missing;
  if (inputs) {
    std::set<std::string> have, seen;
    for (const auto& d : stored) have.insert(d.sha256);
    for (const auto& job : *inputs) {
      if (!seen.insert(job.sha256.empty() ? job.path : job.sha256).second) continue;  // same content twice
      ++counts.inputs;
      if (job.sha256.empty() || !have.count(job.sha256)) missing.push_back(&job);
    }
    counts.missing = static_cast<int>(missing.size());
    out << "inputs      " << batch::Count(inputs->size(), "file") << ", " << batch::Count(counts.inputs, "document")
        << ": " << counts.inputs - counts.missing << " stored, " << counts.missing << " missing\n";
  }
  const double rate = WriteThroughput(stored, now, out);
  if (counts.missing && rate > 0) out << "remaining   about " << Duration(counts.missing / rate) << " at the recent rate\n";
  ListCauses("failed", failed, out);
  ListCauses("incomplete", incomplete, out);
  if (!missing.empty()) {
    out << "missing (" << missing.size() << ")\n";
    for (size_t i = 0; i < missing.size() && i < kListed; ++i) out << "  " << missing[i]->path << "\n";
    if (missing.size() > kListed) out << "  … and " << missing.size() - kListed << " more\n";
  }
  return counts;
}

}  // namespace budgetx::cli
