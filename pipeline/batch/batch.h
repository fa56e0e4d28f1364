// Stage: batch — runs the pipeline over many documents, as many at once as asked.
//
// Input:  paths (files, or folders walked for *.pdf, *.txt and *.html), a Work function that turns one
//         file into its canonical JSON, a Sink that keeps the results, and Options.
// Output: each document's JSON (or its failed-document record) handed to the sink as it
//         finishes; a progress display on stderr; a Summary. Documents the sink already holds
//         (same content sha256) are skipped unless Options::force; so is a file whose content an
//         earlier file of the run had (one download saved under two names).
// Errors: a document that fails, crashes its worker or runs out of time becomes a failed-
//         document record naming file and cause; the run goes on. Run returns a non-ok Status
//         only when the sink itself fails (the results so far are kept).
// Design: each document runs in a child process (fork), so a crash, a runaway parse or the
//         memory of a 1,000-page PDF costs that document only; the parent alone writes to the
//         sink, so sinks need no locking.
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/model/model.h"

namespace budgetx::batch {

struct Job {
  std::string path;     // as given or found
  std::string name;     // output name: path below the folder given, without extension
  uint64_t bytes = 0;
  std::string sha256;   // of the content; set by Run
};

// Expands files and folders into jobs, in a stable order (folders walked in name order). Paths
// that do not exist or cannot be read are returned in *problems as "path: cause".
std::vector<Job> FindInputs(const std::vector<std::string>& paths, std::vector<std::string>* problems);

// A task's part of the inputs (--shard K/N): the files whose content key (SHA-256 of the file's
// first 64 KiB and its size), read as a number, leaves K divided by N. The same document lands in
// the same part whatever the file order, its name, the folder's path or the machine, so N tasks
// of any cluster engine (Slurm array, Kubernetes Indexed Job, GNU parallel) split a folder into
// disjoint parts that make up the whole; copies of a file land together.
struct Shard {
  int index = 0, count = 1;
};
bool ParseShard(const std::string& text, Shard* shard, std::string* error);  // "K/N"
int ShardOf(const std::string& key, int count);  // a hex digest's part
// The jobs of `shard`. A file that cannot be read is kept by part 0 only, so that it is reported
// once. *bytes_read, when given, adds the bytes read for the keys.
std::vector<Job> TakeShard(std::vector<Job> jobs, const Shard& shard, uint64_t* bytes_read = nullptr);

// Sets each job's sha256 (left empty for a file that cannot be read).
void HashContents(std::vector<Job>* jobs);

// Called by the work as pages get done (a scanned page takes seconds), for the progress display.
using PageProgress = std::function<void(int pages_done, int pages)>;

// Writes the canonical JSON of one document (the pipeline's output, or its failed-document
// record) to `json`, and its head (see Result) to `head`.
using Work = std::function<void(const Job&, std::ostream& json, std::ostream& head, const PageProgress& progress)>;

// A finished document as the sink receives it. The JSON of a long document is large, so it stays
// in a file; `head` is that JSON without its long arrays (tables, records, indicators, checks,
// corrections, review are empty): source, document, summary, facts, warnings, or error.
struct Result {
  std::string json_path;  // read or copy it during Put; it is removed afterwards
  nlohmann::ordered_json head;
  double seconds = 0;     // the worker's time on the document
};

// The head of the canonical JSON in `path` (see Result); discarded when it is not JSON.
nlohmann::ordered_json ReadHead(const std::string& path);

// What one finished document's JSON says, for the summary and the progress display.
struct Outcome {
  enum Kind { kOk, kWarnings, kIncomplete, kFailed } kind = kOk;
  std::string cause;  // "path: …": the error, or the first warning that the output is incomplete
  int64_t pages = 0, tables = 0, checks_failed = 0;
  bool extracted = false;  // a table or a stated amount came out
  std::string detail;      // "9 tables, 106 rows, 241 amounts, 24 pages; checks 116 pass, …"
};

// `doc` is a document's head (or whole JSON); `path` names the file in the cause.
Outcome Judge(const std::string& path, const nlohmann::ordered_json& doc);
const char* OutcomeName(Outcome::Kind kind);

// Where results go (pipeline/sinks implements this). Called from the parent process only.
class Sink {
 public:
  virtual ~Sink() = default;
  // A document with this content is stored already.
  virtual bool Has(const std::string& sha256) const = 0;
  virtual Status Put(const Job& job, const Result& result) = 0;
};

struct Options {
  int jobs = 1;              // documents at once
  bool force = false;        // redo documents the sink holds
  double timeout_s = 0;      // per document; 0 = none
  int64_t worker_memory_mb = 0;  // heap a worker may take (setrlimit RLIMIT_DATA); 0 = no limit
  bool progress_bar = false; // redraw one line (a terminal) instead of a log line per document
  bool quiet = false;        // no per-document log lines
};

struct Summary {
  int documents = 0, ok = 0, with_warnings = 0, incomplete = 0, failed = 0, skipped = 0;
  int extracted = 0;  // documents with a table or a stated amount
  int64_t pages = 0, tables = 0, checks_failed = 0;
  std::vector<std::string> failures;  // "path: cause", for failed and incomplete documents
  double seconds = 0;
};

// "1 table", "2 tables": counts in messages.
std::string Count(int64_t n, const std::string& noun);

Status Run(const std::vector<Job>& jobs, const Work& work, Sink* sink, const Options& options, Summary* summary);

// The failed-document record the batch writes when the worker gives none (crash, timeout).
nlohmann::ordered_json FailedRecord(const Job& job, const std::string& cause);

}  // namespace budgetx::batch
