// budgetx command line: flags → validated config → stages. Exit codes: 0 ok, 1 nothing
// extracted (audit: an error-level finding), 2 error (bad usage, bad rules, or at least one
// input failed).
#include <sched.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>
#include <string>
#include <vector>

#include "pipeline/batch/batch.h"
#include "pipeline/cli/audit_report.h"
#include "pipeline/cli/cli.h"
#include "pipeline/cli/status_report.h"
#include "pipeline/driver/driver.h"
#include "pipeline/output/output.h"
#include "pipeline/review/review.h"
#include "pipeline/sinks/sinks.h"

namespace budgetx::cli {
namespace {

// Rules are loaded, and refused with file:line, before any document is read.
bool LoadRules(const Config& config, rules::RuleSet* rules) {
  Status s = rules::Load(config.rules_dir, rules);
  if (!s.ok()) std::cerr << s.ToString() << "\n";
  return s.ok();
}

int RulesCheck(const Config& config) {
  rules::RuleSet rules;
  if (!LoadRules(config, &rules)) return kExitError;
  std::cout << config.rules_dir << ": ok (" << Describe(rules) << ")\n";
  return kExitOk;
}

std::string ReviewFolder(const std::string& dir, const std::string& name) {
  return (std::filesystem::path(dir) / name).string();
}

bool IsJson(const std::string& path) { return path.size() > 5 && path.compare(path.size() - 5, 5, ".json") == 0; }

// The cores this process may run on: a cluster task's share (Slurm's, taskset's cpuset), not
// the machine's.
int Cores() {
  cpu_set_t allowed;
  if (sched_getaffinity(0, sizeof allowed, &allowed) == 0) return std::max(1, CPU_COUNT(&allowed));
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// `documents` read at once share the cores.
driver::Options PipelineOptions(const Config& config, int documents = 1) {
  driver::Options options;
  options.ocr.threads = std::max(1, Cores() / std::max(1, documents));
  options.pdf.password = config.password;
  if (config.max_page_pixels > 0) options.pdf.max_page_pixels = config.max_page_pixels;
  if (config.max_pages > 0) options.pdf.max_pages = config.max_pages;
  if (config.max_page_content_mb > 0) options.pdf.max_page_content = config.max_page_content_mb << 20;
  if (config.max_file_mb > 0) options.max_file_bytes = config.max_file_mb << 20;
  options.read_scans = config.ocr;
  if (!config.ocr_languages.empty()) options.ocr.languages = config.ocr_languages;
  options.ocr.engine = config.ocr_engine;
  if (config.page_timeout_s > 0) options.ocr.page_seconds = config.page_timeout_s;
  if (config.review_below >= 0) options.tables.review_below = config.review_below;
  return options;
}

// -o -: one document, in this process, to stdout.
int ExtractToStdout(const Config& config, const rules::RuleSet& rules) {
  Document doc;
  const std::string& input = config.inputs.front();
  Status status = driver::Process(rules, PipelineOptions(config), input, &doc);
  if (status.ok()) output::WriteJson(doc, std::cout);
  else output::WriteErrorJson(doc, status, std::cout);
  bool incomplete = false;
  for (const auto& w : doc.warnings) {
    if (!w.incomplete) continue;
    incomplete = true;
    std::cerr << Status::Error(Status::Code::kBadInput, input, w.message, w.where.line, w.where.page).ToString() << "\n";
  }
  if (!status.ok()) std::cerr << status.ToString() << "\n";
  else if (!config.quiet) std::cerr << Summary(input, doc, status) << "\n";
  if (!status.ok() || incomplete) return kExitError;
  return doc.tables.empty() && doc.facts.empty() ? kExitNothing : kExitOk;
}

// One line per laid-out line: page, region (the ruled grid it is a row of, or -), and its
// cells separated by " | " (tokens by spaces), for writing and checking rules.
int Lines(const Config& config) {
  Document doc;
  Status status = driver::Extract(PipelineOptions(config), config.inputs.front(), &doc);
  if (!status.ok()) {
    std::cerr << status.ToString() << "\n";
    return kExitError;
  }
  for (const auto& page : doc.pages) {
    for (const auto& line : page.lines) {
      std::cout << "p" << page.number << " " << (line.region < 0 ? std::string("-") : "r" + std::to_string(line.region));
      for (size_t i = 0; i < line.spans.size(); ++i) std::cout << (i == 0 ? " " : line.cell_delimited ? " | " : " ") << line.spans[i].text;
      std::cout << "\n";
    }
  }
  return kExitOk;
}

// The review folder of a document (`--review DIR`): DIR/NAME/. A review that cannot be written is
// a warning of the document; its extraction stands.
void AddReview(const driver::Options& options, const batch::Job& job, Document* doc, const std::string& dir) {
  review::Written written;
  const nlohmann::ordered_json json = nlohmann::ordered_json::parse(output::ToJson(*doc));
  Status s = driver::WriteReview(options, json, job.path, review::Options{}, ReviewFolder(dir, job.name), &written);
  if (!s.ok()) doc->warnings.push_back({"review", "review page: " + s.ToString(), {s.page, 0, {}, {}}});
}

// Runs `jobs` through the pipeline, each in a worker, into `sink`; prints what failed.
bool RunBatch(const Config& config, const rules::RuleSet& rules, const std::vector<batch::Job>& jobs,
              batch::Sink* sink, bool force, batch::Summary* summary) {
  batch::Options run;
  run.jobs = config.jobs > 0 ? config.jobs : Cores();
  driver::Options options = PipelineOptions(config, std::min(run.jobs, static_cast<int>(jobs.size())));
  batch::Work work = [&](const batch::Job& job, std::ostream& out, std::ostream& head,
                        const batch::PageProgress& progress) {
    Document doc;
    options.page_progress = progress;  // in the worker process: its own copy of options
    Status status = driver::Process(rules, options, job.path, &doc);
    if (status.ok() && !config.review_dir.empty()) AddReview(options, job, &doc, config.review_dir);
    if (status.ok()) output::WriteJson(doc, out);
    else output::WriteErrorJson(doc, status, out);
    output::WriteHeadJson(doc, status, head);
  };
  run.force = force;
  run.timeout_s = config.timeout_s;
  run.worker_memory_mb = config.worker_memory_mb;
  run.progress_bar = !config.quiet && isatty(STDERR_FILENO);
  run.quiet = config.quiet;
  Status ran = batch::Run(jobs, work, sink, run, summary);
  if (!ran.ok()) std::cerr << ran.ToString() << "\n";
  for (const auto& f : summary->failures) std::cerr << f << "\n";
  if (!config.quiet && jobs.size() > 1) std::cerr << BatchSummary(*summary) << "\n";
  return ran.ok();
}

bool OpenSinks(const Config& config, const rules::RuleSet& rules, std::unique_ptr<sinks::Sinks>* sink) {
  Status opened = sinks::Open({config.out_dir, config.formats, config.dbs, rules.fdp_measures, config.shard_text}, sink);
  if (!opened.ok()) std::cerr << opened.ToString() << "\n";
  return opened.ok();
}

bool CloseSinks(sinks::Sinks* sink) {
  Status closed = sink ? sink->Close() : Status::Ok();
  if (!closed.ok()) std::cerr << closed.ToString() << "\n";
  return closed.ok();
}

// --shard K/N: the first 64 KiB of every input is read for its key; the task keeps its part.
std::vector<batch::Job> TakeShard(const Config& config, std::vector<batch::Job> jobs) {
  const auto start = std::chrono::steady_clock::now();
  const size_t files = jobs.size();
  uint64_t bytes = 0;
  jobs = batch::TakeShard(std::move(jobs), config.shard, &bytes);
  if (!config.quiet) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "budgetx: shard %s: %zu of %zu files (%.1f MB read in %.1f s)\n", config.shard_text.c_str(),
                 jobs.size(), files, static_cast<double>(bytes) / 1e6, seconds);
  }
  return jobs;
}

int Extract(const Config& config) {
  rules::RuleSet rules;
  if (!LoadRules(config, &rules)) return kExitError;
  if (config.to_stdout) return ExtractToStdout(config, rules);
  std::vector<std::string> problems;
  std::vector<batch::Job> jobs = batch::FindInputs(config.inputs, &problems);
  for (const auto& p : problems) std::cerr << p << "\n";
  if (!config.shard_text.empty()) jobs = TakeShard(config, std::move(jobs));
  std::unique_ptr<sinks::Sinks> sink;
  if (!OpenSinks(config, rules, &sink)) return kExitError;
  batch::Summary summary;
  const bool ran = RunBatch(config, rules, jobs, sink.get(), config.force, &summary);
  const bool closed = CloseSinks(sink.get());
  if (!ran || !closed || !problems.empty() || summary.failed || summary.incomplete) return kExitError;
  // A shard may hold no document of a small folder: that task has nothing to do, not nothing extracted.
  const bool empty_shard = !config.shard_text.empty() && jobs.empty();
  return summary.extracted || summary.skipped || empty_shard ? kExitOk : kExitNothing;
}

// Review pages of budgetx JSON files, from each file's JSON and its source (source.path).
bool ReviewJson(const Config& config, const std::vector<std::string>& files) {
  bool ok = true;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    nlohmann::ordered_json doc = nlohmann::ordered_json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.contains("source")) {
      std::cerr << file << ": not budgetx JSON\n";
      ok = false;
      continue;
    }
    const std::string dir = ReviewFolder(config.out_dir, std::filesystem::path(file).stem().string());
    review::Written written;
    Status s = driver::WriteReview(PipelineOptions(config), doc, doc["source"].value("path", ""), review::Options{}, dir, &written);
    if (!s.ok()) std::cerr << s.ToString() << " (the review shows the JSON alone)\n";
    if (!config.quiet) {
      std::cerr << file << ": review " << dir << "/index.html (" << batch::Count(written.pages, "page image") << ", "
                << written.bytes / 1024 << " KB)\n";
    }
    ok = ok && s.ok();
  }
  return ok;
}

// budgetx review: JSON files are reviewed as they are; other inputs are extracted (always, so
// that each gets its page), their JSON and review written to the output folder.
int Review(const Config& config) {
  std::vector<std::string> documents, json_files;
  for (const auto& input : config.inputs) (IsJson(input) ? json_files : documents).push_back(input);
  bool ok = ReviewJson(config, json_files);
  if (documents.empty()) return ok ? kExitOk : kExitError;
  Config extract = config;
  extract.inputs = documents;
  extract.review_dir = config.out_dir;
  extract.force = true;
  const int code = Extract(extract);
  return ok ? code : kExitError;
}

// The audit reports each document as it is done, and stores it where -o or --db say.
class ReportingSink : public batch::Sink {
 public:
  ReportingSink(sinks::Sinks* store, AuditReport* report) : store_(store), report_(report) {}
  bool Has(const std::string&) const override { return false; }  // every document is reported
  Status Put(const batch::Job& job, const batch::Result& result) override {
    report_->Add(job.path, ReadFindings(result.json_path));
    return store_ ? store_->Put(job, result) : Status::Ok();
  }

 private:
  sinks::Sinks* store_;
  AuditReport* report_;
};

// budgetx's JSON files are reported as they are; other inputs are extracted first.
int Audit(const Config& config) {
  rules::RuleSet rules;
  if (!LoadRules(config, &rules)) return kExitError;
  AuditReport report(std::cout);
  std::vector<std::string> documents;
  bool failed = false;
  for (const auto& input : config.inputs) {
    if (!IsJson(input)) {
      documents.push_back(input);
      continue;
    }
    nlohmann::ordered_json doc = ReadFindings(input);
    if (doc.is_discarded()) std::cerr << input << ": not budgetx JSON\n";
    else report.Add(input, doc);
    failed = failed || doc.is_discarded();
  }
  if (!documents.empty()) {
    std::vector<std::string> problems;
    std::vector<batch::Job> jobs = batch::FindInputs(documents, &problems);
    for (const auto& p : problems) std::cerr << p << "\n";
    std::unique_ptr<sinks::Sinks> store;
    if ((config.out_given || !config.dbs.empty()) && !OpenSinks(config, rules, &store)) return kExitError;
    ReportingSink sink(store.get(), &report);
    batch::Summary summary;
    const bool ran = RunBatch(config, rules, jobs, &sink, /*force=*/true, &summary);
    failed = failed || !ran || !CloseSinks(store.get()) || !problems.empty() || summary.failed;
  }
  if (failed) return kExitError;
  return report.documents_with_errors() > 0 ? kExitFindings : kExitOk;
}

// budgetx status: the database's documents against the input folders, while shards run.
int ShowStatus(const Config& config) {
  const std::string& db = config.dbs.front();
  std::vector<sinks::StoredDocument> stored;
  Status read = sinks::ReadStored(db, &stored);
  if (!read.ok()) {
    std::cerr << read.ToString() << "\n";
    return kExitError;
  }
  std::vector<std::string> problems;
  std::vector<batch::Job> inputs;
  if (!config.inputs.empty()) {
    inputs = batch::FindInputs(config.inputs, &problems);
    batch::HashContents(&inputs);
  }
  for (const auto& p : problems) std::cerr << p << "\n";
  StatusCounts counts = WriteStatus(sinks::Redacted(db), stored, config.inputs.empty() ? nullptr : &inputs,
                                    std::time(nullptr), std::cout);
  if (!problems.empty()) return kExitError;
  return counts.missing ? kExitNothing : kExitOk;
}

}  // namespace
}  // namespace budgetx::cli

int main(int argc, char** argv) {
  using namespace budgetx;
  using namespace budgetx::cli;
  Config config;
  std::string error;
  if (!ParseArgs(std::vector<std::string>(argv + 1, argv + argc), &config, &error)) {
    std::cerr << "budgetx: " << error << "\n" << "Try 'budgetx --help'.\n";
    return kExitError;
  }
  switch (config.command) {
    case Command::kHelp: std::cout << HelpText(); return kExitOk;
    case Command::kVersion: std::cout << VersionText(); return kExitOk;
    case Command::kRulesCheck: return RulesCheck(config);
    case Command::kExtract: return Extract(config);
    case Command::kLines: return Lines(config);
    case Command::kAudit: return Audit(config);
    case Command::kReview: return Review(config);
    case Command::kStatus: return ShowStatus(config);
  }
  return kExitError;
}
