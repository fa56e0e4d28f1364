// Internal to the CLI: flag parsing, help and summaries. main.cc wires the stages.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/batch/batch.h"
#include "pipeline/model/model.h"
#include "pipeline/rules/rules.h"

namespace budgetx::cli {

constexpr int kExitOk = 0;
constexpr int kExitNothing = 1;
constexpr int kExitFindings = 1;  // budgetx audit: a document has an error-level finding
constexpr int kExitError = 2;

enum class Command { kHelp, kVersion, kExtract, kRulesCheck, kLines, kAudit, kReview, kStatus };

struct Config {
  Command command = Command::kHelp;
  std::vector<std::string> inputs;
  std::string out_dir = "out";  // -o DIR
  bool out_given = false;       // -o was given (without it, --db alone writes no folder)
  bool to_stdout = false;       // -o -
  std::vector<std::string> dbs; // --db FILE | postgresql://…, each given
  std::vector<std::string> formats = {"json"};  // --format json,jsonl,csv,fdp
  int jobs = 0;                 // -j N; 0 = one per core
  bool force = false;           // --force: redo documents already stored
  double timeout_s = 0;         // --timeout S per document; 0 = none
  double page_timeout_s = 0;    // --page-timeout S of OCR per page; 0 = the OCR extractor's default
  int64_t max_page_pixels = 0;  // --max-page-pixels N; 0 = the PDF extractor's default
  int max_pages = 0;            // --max-pages N; 0 = the PDF extractor's default
  int64_t max_page_content_mb = 0;  // --max-page-content MB; 0 = the PDF extractor's default
  int64_t max_file_mb = 0;      // --max-file-size MB; 0 = the driver's default
  int64_t worker_memory_mb = 6144;  // --worker-memory MB
  std::string rules_dir;        // --rules DIR; default: $BUDGETX_RULES, else the bundled rules/
  bool quiet = false;           // -q: no per-file summary on stderr
  std::string password;         // --password: user password of encrypted PDFs
  bool ocr = true;              // --no-ocr: leave pages without a text layer unread
  std::string ocr_languages;    // --ocr-lang: Tesseract languages (default chi_sim)
  std::string ocr_engine = "auto";  // --ocr-engine: ppocr, tesseract or auto
  double review_below = -1;     // --review-below: OCR confidence under which cells are listed
  std::string review_dir;       // --review DIR: a review page per document in DIR/NAME/
  std::string shard_text;       // --shard K/N as given; empty: all inputs
  batch::Shard shard;
};

// Validates flags; on failure returns false with a one-line reason in *error.
bool ParseArgs(const std::vector<std::string>& args, Config* config, std::string* error);

std::string HelpText();
std::string VersionText();  // budgetx and the libraries it links
std::string Describe(const rules::RuleSet& rules);  // counts per rule section
std::string Summary(const std::string& input, const Document& doc, const Status& status);
std::string BatchSummary(const batch::Summary& summary);

}  // namespace budgetx::cli
