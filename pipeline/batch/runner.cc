// The worker pool: one child process per document, at most Options::jobs at a time.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "pipeline/batch/internal.h"
#include "pipeline/model/sha256.h"

namespace budgetx::batch {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Worker {
  size_t job = 0;
  pid_t pid = 0;
  Clock::time_point start;
  fs::path result;
  bool timed_out = false;
  int progress_fd = -1;  // the worker writes "pages_done pages\n" lines here
  int pages_done = 0, pages = 0;
  std::string partial;   // an unfinished line read so far
};

fs::path HeadPath(const fs::path& result) {
  fs::path head = result;
  head += ".head";
  return head;
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
constexpr bool kAddressSanitizer = __has_feature(address_sanitizer);
#else
constexpr bool kAddressSanitizer = false;
#endif

// The worker's data (heap and private mappings) may not grow beyond `mb`: a decompression bomb or
// a runaway page fails its allocation instead of taking the machine. Processes the worker starts
// (the OCR helper) inherit it. Not under AddressSanitizer, whose shadow memory counts as data.
void LimitMemory(int64_t mb) {
  if (mb <= 0 || kAddressSanitizer) return;
  const rlim_t bytes = static_cast<rlim_t>(mb) << 20;
  rlimit limit{bytes, bytes};
  setrlimit(RLIMIT_DATA, &limit);
}

std::string OutOfMemory(int64_t mb) {
  if (mb <= 0) return "out of memory";
  return "out of memory: the document needed more than the worker's " + std::to_string(mb) + " MB (--worker-memory)";
}

// In the child: run the work and leave its JSON at `result` (renamed into place when whole).
[[noreturn]] void RunChild(const Job& job, const Work& work, const fs::path& result, pid_t parent, int progress_fd,
                           int64_t memory_mb) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);  // a killed batch takes its workers with it
  if (getppid() != parent) _exit(3);
  LimitMemory(memory_mb);
  PageProgress progress = [progress_fd](int done, int pages) {
    std::string line = std::to_string(done) + " " + std::to_string(pages) + "\n";
    [[maybe_unused]] ssize_t n = write(progress_fd, line.data(), line.size());  // best effort
  };
  fs::path tmp = result, head = HeadPath(result), head_tmp = HeadPath(result);
  tmp += ".tmp";
  head_tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary), head_out(head_tmp, std::ios::binary);
    try {
      work(job, out, head_out, progress);
    } catch (const std::exception& e) {
      const bool memory = dynamic_cast<const std::bad_alloc*>(&e) != nullptr;
      std::string record =
          FailedRecord(job, memory ? OutOfMemory(memory_mb) : std::string("internal error: ") + e.what()).dump(1) + "\n";
      out.close();
      out.open(tmp, std::ios::binary | std::ios::trunc);
      out << record;
      head_out.close();
      head_out.open(head_tmp, std::ios::binary | std::ios::trunc);
      head_out << record;
    }
    if (!out.flush() || !head_out.flush()) _exit(4);
  }
  std::error_code ec;
  fs::rename(tmp, result, ec);
  if (!ec) fs::rename(head_tmp, head, ec);  // last: a head means the document is whole
  _exit(ec ? 4 : 0);
}

bool WriteRecord(const fs::path& path, const nlohmann::ordered_json& record) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  return static_cast<bool>(out << record.dump(1) << "\n");
}

std::string DeathCause(int status, bool timed_out, double timeout_s) {
  if (timed_out) return "stopped after " + std::to_string(static_cast<int>(timeout_s)) + " s (--timeout)";
  if (WIFSIGNALED(status)) return std::string("worker crashed (") + strsignal(WTERMSIG(status)) + ")";
  return "worker exited with status " + std::to_string(WEXITSTATUS(status)) + " and no result";
}

class Pool {
 public:
  Pool(const std::vector<Job>& jobs, const Work& work, Sink* sink, const Options& options, Summary* summary)
      : jobs_(jobs), work_(work), sink_(sink), options_(options), summary_(summary),
        progress_(options, jobs.size(), TotalBytes(jobs)) {}

  Status Run() {
    std::error_code ec;
    staging_ = fs::temp_directory_path() / ("budgetx-" + std::to_string(getpid()));
    fs::create_directories(staging_, ec);
    if (ec) return Status::Error(Status::Code::kIoError, staging_.string(), "cannot create: " + ec.message());
    // SIGCHLD is blocked so that it waits, pending, for sigtimedwait: the parent wakes the moment
    // a worker ends, and at least every 100 ms to redraw progress and stop overdue workers.
    sigset_t child, before;
    sigemptyset(&child);
    sigaddset(&child, SIGCHLD);
    sigprocmask(SIG_BLOCK, &child, &before);
    before_ = before;
    Status status;
    while (status.ok() && (next_ < jobs_.size() || !workers_.empty())) {
      status = Launch();
      if (status.ok() && !Reap(&status)) {
        StopOverdue();
        ReadPageProgress();
        progress_.Tick();
        timespec wait{0, 100'000'000};
        sigtimedwait(&child, nullptr, &wait);
      }
    }
    sigprocmask(SIG_SETMASK, &before, nullptr);
    for (const auto& w : workers_) {
      kill(w.pid, SIGKILL);
      waitpid(w.pid, nullptr, 0);
      if (w.progress_fd >= 0) close(w.progress_fd);
    }
    fs::remove_all(staging_, ec);
    progress_.End();
    return status;
  }

 private:
  static uint64_t TotalBytes(const std::vector<Job>& jobs) {
    uint64_t n = 0;
    for (const auto& j : jobs) n += j.bytes;
    return n;
  }

  // Starts workers up to the limit; documents the sink holds are skipped here.
  Status Launch() {
    while (workers_.size() < static_cast<size_t>(std::max(1, options_.jobs)) && next_ < jobs_.size()) {
      Job& job = jobs_[next_];
      if (!Sha256OfFile(job.path, &job.sha256).ok()) {  // in pieces: the parent never holds a file
        BUDGETX_RETURN_IF_ERROR(RecordFailure(next_++, "cannot read file"));
        continue;
      }
      auto [first, fresh] = seen_.emplace(job.sha256, job.path);
      if (!fresh || (!options_.force && sink_->Has(job.sha256))) {
        ++summary_->skipped;
        progress_.Skipped(job, fresh ? "" : first->second);
        ++next_;
        continue;
      }
      if (!Start(next_)) BUDGETX_RETURN_IF_ERROR(RecordFailure(next_, "cannot start a worker process"));
      ++next_;
    }
    return Status::Ok();
  }

  // Forks the worker of job `index`, with a pipe for its page progress.
  bool Start(size_t index) {
    Worker w;
    w.job = index;
    w.start = Clock::now();
    w.result = staging_ / (std::to_string(index) + ".json");
    int fds[2] = {-1, -1};
    if (pipe2(fds, O_CLOEXEC) != 0) fds[0] = fds[1] = -1;
    pid_t parent = getpid();
    w.pid = fork();
    if (w.pid == 0) {
      sigprocmask(SIG_SETMASK, &before_, nullptr);
      if (fds[0] >= 0) close(fds[0]);
      RunChild(jobs_[index], work_, w.result, parent, fds[1], options_.worker_memory_mb);
    }
    if (fds[1] >= 0) close(fds[1]);
    if (w.pid < 0) {
      if (fds[0] >= 0) close(fds[0]);
      return false;
    }
    w.progress_fd = fds[0];
    if (w.progress_fd >= 0) fcntl(w.progress_fd, F_SETFL, O_NONBLOCK);
    workers_.push_back(w);
    return true;
  }

  Status RecordFailure(size_t index, const std::string& cause, double seconds = 0) {
    fs::path path = staging_ / (std::to_string(index) + ".failed.json");
    if (!WriteRecord(path, FailedRecord(jobs_[index], cause))) {
      return Status::Error(Status::Code::kIoError, path.string(), "cannot write");
    }
    Status s = Record(index, path, seconds);
    std::error_code ec;
    fs::remove(path, ec);
    return s;
  }

  // Collects one finished worker, if any; false when none has finished.
  bool Reap(Status* status) {
    int wstatus = 0;
    pid_t pid = waitpid(-1, &wstatus, WNOHANG);
    if (pid <= 0) return false;
    auto it = std::find_if(workers_.begin(), workers_.end(), [&](const Worker& w) { return w.pid == pid; });
    if (it == workers_.end()) return true;
    Worker w = *it;
    workers_.erase(it);
    if (w.progress_fd >= 0) close(w.progress_fd);
    double seconds = std::chrono::duration<double>(Clock::now() - w.start).count();
    bool whole = WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0 && fs::exists(HeadPath(w.result));
    if (whole) *status = Record(w.job, w.result, seconds);
    else *status = RecordFailure(w.job, DeathCause(wstatus, w.timed_out, options_.timeout_s), seconds);
    std::error_code ec;
    fs::remove(w.result, ec);
    fs::remove(HeadPath(w.result), ec);
    return true;
  }

  // The latest page counts each worker reported; pages of unfinished documents count in the
  // progress display, and a long document gets a log line now and then.
  void ReadPageProgress() {
    int in_flight = 0;
    for (auto& w : workers_) {
      char buf[256];
      ssize_t n;
      while (w.progress_fd >= 0 && (n = read(w.progress_fd, buf, sizeof buf)) > 0) w.partial.append(buf, n);
      size_t end = w.partial.rfind('\n');
      if (end != std::string::npos) {
        size_t start = w.partial.rfind('\n', end - 1);
        std::sscanf(w.partial.c_str() + (start == std::string::npos ? 0 : start + 1), "%d %d", &w.pages_done, &w.pages);
        w.partial.erase(0, end + 1);
      }
      in_flight += w.pages_done;
      progress_.Working(jobs_[w.job], w.pages_done, w.pages);
    }
    progress_.InFlight(in_flight);
  }

  void StopOverdue() {
    if (options_.timeout_s <= 0) return;
    for (auto& w : workers_) {
      if (w.timed_out || std::chrono::duration<double>(Clock::now() - w.start).count() < options_.timeout_s) continue;
      w.timed_out = true;
      kill(w.pid, SIGKILL);
    }
  }

  Status Record(size_t index, const fs::path& json, double seconds) {
    const Job& job = jobs_[index];
    std::error_code ec;
    fs::path head = HeadPath(json);
    Result result{json.string(), ReadHead(fs::exists(head, ec) ? head.string() : json.string()), seconds};
    if (result.head.is_discarded()) {
      return RecordFailure(index, "worker wrote no valid JSON", seconds);
    }
    Outcome outcome = Judge(job.path, result.head);
    ++summary_->documents;
    summary_->pages += outcome.pages;
    summary_->tables += outcome.tables;
    summary_->checks_failed += outcome.checks_failed;
    summary_->extracted += outcome.extracted;
    switch (outcome.kind) {
      case Outcome::kOk: ++summary_->ok; break;
      case Outcome::kWarnings: ++summary_->with_warnings; break;
      case Outcome::kIncomplete: ++summary_->incomplete; break;
      case Outcome::kFailed: ++summary_->failed; break;
    }
    if (!outcome.cause.empty() && outcome.kind != Outcome::kWarnings) summary_->failures.push_back(outcome.cause);
    progress_.Finished(job, outcome, seconds);
    return sink_->Put(job, result);
  }

  std::vector<Job> jobs_;
  const Work& work_;
  Sink* sink_;
  Options options_;
  Summary* summary_;
  Progress progress_;
  fs::path staging_;
  sigset_t before_;  // the signal mask to give workers
  size_t next_ = 0;
  std::map<std::string, std::string> seen_;  // sha256 → the first path with that content
  std::vector<Worker> workers_;
};

}  // namespace

nlohmann::ordered_json ReadHead(const std::string& path) {
  static const std::set<std::string> kLong = {"tables", "records", "indicators", "checks", "corrections", "review"};
  std::ifstream in(path, std::ios::binary);
  bool in_long = false;
  auto keep = [&](int depth, nlohmann::ordered_json::parse_event_t event, nlohmann::ordered_json& parsed) {
    using E = nlohmann::ordered_json::parse_event_t;
    if (depth == 1 && event == E::key) in_long = kLong.count(parsed.get<std::string>()) > 0;
    // Elements of the long arrays are parsed (the file must be valid) but not kept.
    return !(in_long && depth == 2 && (event == E::object_end || event == E::value || event == E::array_end));
  };
  return nlohmann::ordered_json::parse(in, keep, false);
}

nlohmann::ordered_json FailedRecord(const Job& job, const std::string& cause) {
  nlohmann::ordered_json j;
  j["schema_version"] = "1";
  bool pdf = fs::path(job.path).extension() == ".pdf" || fs::path(job.path).extension() == ".PDF";
  j["source"] = {{"path", job.path}, {"sha256", job.sha256}, {"kind", pdf ? "pdf" : "text"}, {"pages", 0}};
  j["error"] = {{"message", job.path + ": " + cause}, {"page", 0}, {"line", 0}};
  j["tables"] = nlohmann::ordered_json::array();
  j["warnings"] = nlohmann::ordered_json::array();
  return j;
}

Status Run(const std::vector<Job>& jobs, const Work& work, Sink* sink, const Options& options, Summary* summary) {
  auto start = Clock::now();
  Status s = Pool(jobs, work, sink, options, summary).Run();
  summary->seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return s;
}

}  // namespace budgetx::batch
