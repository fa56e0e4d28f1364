#include "pipeline/cli/cli.h"

#include "pipeline/sinks/sinks.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>

namespace budgetx::cli {
namespace {

std::string DefaultRulesDir() {
  if (const char* env = std::getenv("BUDGETX_RULES")) return env;
  return BUDGETX_DEFAULT_RULES_DIR;
}

// One table of flags: name, whether it takes a value, help line.
struct Flag {
  const char* names;
  const char* value;
  const char* help;
};
constexpr Flag kFlags[] = {
    {"-o, --out", "DIR", "write DIR/NAME.json per input (default: out, unless --db); '-' writes to stdout (one input)"},
    {"--db", "FILE|URL", "load into SQLite (a file) or PostgreSQL (postgresql://…); may be repeated; docs/database.md"},
    {"--format", "LIST", "exports in the output folder, comma-separated: json (default), jsonl, csv, fdp"},
    {"-j, --jobs", "N", "documents at once (default: one per core)"},
    {"--shard", "K/N", "take part K of N (0 <= K < N) of the inputs, split by content; docs/cluster.md"},
    {"--force", nullptr, "redo documents already stored (same content) instead of skipping them"},
    {"--timeout", "S", "give up a document after S seconds (reported as failed)"},
    {"--page-timeout", "S", "stop reading a scanned page after S seconds of OCR, with a warning (default 300)"},
    {"--worker-memory", "MB", "memory each document's worker may take (default 6144); beyond it the document fails"},
    {"--max-pages", "N", "read the first N pages of a longer PDF, with a warning (default 5000)"},
    {"--max-file-size", "MB", "refuse a larger input file, as a failed document (default 2048)"},
    {"--max-page-content", "MB", "a page whose content inflates beyond MB is not read, with a warning (default 256)"},
    {"--max-page-pixels", "N", "render a larger page coarser, for OCR and review (default 100000000: A1 at 300 dpi)"},
    {"--rules", "DIR", "rule directory (default: $BUDGETX_RULES or the bundled rules/)"},
    {"--password", "PW", "user password for encrypted PDFs"},
    {"--no-ocr", nullptr, "do not OCR pages without a usable text layer (they are reported)"},
    {"--ocr-lang", "LANGS", "Tesseract languages for scanned pages (default chi_sim)"},
    {"--ocr-engine", "NAME", "recogniser for scanned pages: ppocr, tesseract or auto (default: ppocr when installed)"},
    {"--review", "DIR", "also write each document's review page, DIR/NAME/index.html (see budgetx review)"},
    {"--review-below", "C", "list OCR cells read with confidence below C (0..1, default 0.6)"},
    {"-q, --quiet", nullptr, "no per-file summary on stderr"},
    {"-h, --help", nullptr, "this help"},
    {"--version", nullptr, "versions of budgetx and its libraries"},
};

}  // namespace

std::string HelpText() {
  std::string out =
      "budgetx — budget reports (部门预算, 决算, 绩效自评表) to reconciled canonical JSON\n\n"
      "Usage:\n"
      "  budgetx extract FILE_OR_DIR... [-o DIR | -o -] [--db FILE|URL] [--format LIST] [-j N] [--force]\n"
      "  budgetx audit FILE_OR_DIR... [-o DIR] [--db FILE|URL] [-j N]   a report of each document's findings\n"
      "  budgetx review FILE_OR_DIR|FILE.json... [-o DIR]   a page per document to check its reading by eye\n"
      "  budgetx status --db FILE|URL [DIR...]   documents stored, failed, missing; throughput per host\n"
      "  budgetx rules check [DIR]\n"
      "  budgetx lines FILE      the lines the tables stage reads: page, table region, cells\n\n"
      "Options:\n";
  for (const auto& f : kFlags) {
    std::string left = std::string(f.names) + (f.value ? std::string(" ") + f.value : "");
    out += "  " + left + std::string(left.size() < 20 ? 20 - left.size() : 1, ' ') + f.help + "\n";
  }
  out +=
      "\nExamples:\n"
      "  budgetx extract samples/text/dept_budget_spaces/dept_budget_spaces.txt -o out/\n"
      "  budgetx extract report.txt -o - | jq '.checks[] | select(.result != \"pass\")'\n"
      "  budgetx extract downloads/ --db budgets.sqlite -j 4\n"
      "  budgetx extract downloads/ --db postgresql://loader@dbhost/budgets --format csv -o out/\n"
      "  budgetx extract budget.pdf --password secret -o protected/\n"
      "  budgetx audit downloads/ -o out/        (or the JSON files extract wrote: budgetx audit out/*.json)\n"
      "  budgetx review scan.pdf -o review/     (open review/scan/index.html; or from JSON: budgetx review out/*.json)\n"
      "  budgetx extract downloads/ --shard 3/8 --db postgresql://loader@dbhost/budgets   (task 3 of 8)\n"
      "  budgetx status --db postgresql://loader@dbhost/budgets downloads/\n"
      "  budgetx rules check rules/\n\n"
      "Folders are walked for *.pdf, *.txt and *.html. Documents already stored (same sha256, in the\n"
      "folder's manifest.jsonl or the database) are skipped, so an interrupted run resumes.\n\n"
      "Exit codes: 0 ok, 1 nothing extracted (audit: a document has an error-level finding;\n"
      "status: an input is not stored yet),\n"
      "2 error (usage, rules, or an input failed; the other inputs are still processed and each\n"
      "failure is printed as 'path: error').\n";
  return out;
}

bool ParseArgs(const std::vector<std::string>& args, Config* config, std::string* error) {
  config->rules_dir = DefaultRulesDir();
  std::vector<std::string> positional;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= args.size()) {
        *error = a + " needs a value";
        return false;
      }
      *out = args[++i];
      return true;
    };
    if (a == "-h" || a == "--help") {
      config->command = Command::kHelp;
      return true;
    }
    if (a == "--version") {
      config->command = Command::kVersion;
      return true;
    }
    auto number = [&](double lo, double* out) {
      std::string v;
      if (!value(&v)) return false;
      char* end = nullptr;
      *out = std::strtod(v.c_str(), &end);
      if (v.empty() || *end || *out < lo) {
        *error = a + " needs a number of at least " + std::to_string(static_cast<int>(lo)) + ", got '" + v + "'";
        return false;
      }
      return true;
    };
    if (a == "-o" || a == "--out") {
      if (!value(&config->out_dir)) return false;
      config->out_given = true;
      config->to_stdout = config->out_dir == "-";
    } else if (a == "--db") {
      std::string db;
      if (!value(&db)) return false;
      config->dbs.push_back(db);
    } else if (a == "--format") {
      std::string list;
      if (!value(&list)) return false;
      config->formats = {"json"};
      for (size_t start = 0; start <= list.size();) {
        size_t comma = std::min(list.find(',', start), list.size());
        std::string f = list.substr(start, comma - start);
        if (!sinks::KnownFormat(f)) {
          *error = "unknown format '" + f + "' (expected json, jsonl, csv or fdp)";
          return false;
        }
        if (f != "json") config->formats.push_back(f);
        start = comma + 1;
      }
    } else if (a == "-j" || a == "--jobs") {
      double n = 0;
      if (!number(1, &n)) return false;
      config->jobs = static_cast<int>(n);
    } else if (a == "--timeout") {
      if (!number(1, &config->timeout_s)) return false;
    } else if (a == "--page-timeout") {
      std::string v;
      if (!value(&v)) return false;
      char* end = nullptr;
      config->page_timeout_s = std::strtod(v.c_str(), &end);
      if (v.empty() || *end || !(config->page_timeout_s > 0)) {
        *error = "--page-timeout needs a number of seconds above 0, got '" + v + "'";
        return false;
      }
    } else if (a == "--worker-memory") {
      double mb = 0;
      if (!number(1, &mb)) return false;
      config->worker_memory_mb = static_cast<int64_t>(mb);
    } else if (a == "--max-pages") {
      double pages = 0;
      if (!number(1, &pages)) return false;
      config->max_pages = static_cast<int>(std::min(pages, 1e9));
    } else if (a == "--max-page-content" || a == "--max-file-size") {
      double mb = 0;
      if (!number(1, &mb)) return false;
      (a == "--max-file-size" ? config->max_file_mb : config->max_page_content_mb) = static_cast<int64_t>(std::min(mb, 1e9));
    } else if (a == "--max-page-pixels") {
      double pixels = 0;
      if (!number(1, &pixels)) return false;
      config->max_page_pixels = static_cast<int64_t>(pixels);
    } else if (a == "--shard") {
      if (!value(&config->shard_text) || !batch::ParseShard(config->shard_text, &config->shard, error)) return false;
    } else if (a == "--force") {
      config->force = true;
    } else if (a == "--rules") {
      if (!value(&config->rules_dir)) return false;
    } else if (a == "--password") {
      if (!value(&config->password)) return false;
    } else if (a == "--no-ocr") {
      config->ocr = false;
    } else if (a == "--ocr-lang") {
      if (!value(&config->ocr_languages)) return false;
    } else if (a == "--ocr-engine") {
      if (!value(&config->ocr_engine)) return false;
      if (config->ocr_engine != "ppocr" && config->ocr_engine != "tesseract" && config->ocr_engine != "auto") {
        *error = "--ocr-engine must be ppocr, tesseract or auto, got '" + config->ocr_engine + "'";
        return false;
      }
    } else if (a == "--review") {
      if (!value(&config->review_dir)) return false;
    } else if (a == "--review-below") {
      std::string v;
      if (!value(&v)) return false;
      char* end = nullptr;
      config->review_below = std::strtod(v.c_str(), &end);
      if (v.empty() || *end || config->review_below < 0 || config->review_below > 1) {
        *error = "--review-below needs a number from 0 to 1, got '" + v + "'";
        return false;
      }
    } else if (a == "-q" || a == "--quiet") {
      config->quiet = true;
    } else if (a.size() > 1 && a[0] == '-') {
      *error = "unknown option '" + a + "'";
      return false;
    } else {
      positional.push_back(a);
    }
  }
  if (positional.empty()) return true;  // help
  if (positional[0] == "extract") {
    config->command = Command::kExtract;
    config->inputs.assign(positional.begin() + 1, positional.end());
    if (config->inputs.empty()) {
      *error = "extract needs at least one FILE";
      return false;
    }
    if (!config->dbs.empty() && !config->out_given) config->out_dir.clear();
    if (config->to_stdout && !config->dbs.empty()) {
      *error = "-o - writes to stdout; it does not combine with --db";
      return false;
    }
    if (config->to_stdout && config->inputs.size() != 1) {
      *error = "-o - writes one document to stdout; give exactly one FILE or an output directory";
      return false;
    }
    return true;
  }
  if (positional[0] == "audit") {
    config->command = Command::kAudit;
    config->inputs.assign(positional.begin() + 1, positional.end());
    if (config->inputs.empty()) {
      *error = "audit needs at least one FILE";
      return false;
    }
    if (config->to_stdout) {
      *error = "audit writes its report to stdout; -o takes a folder for the JSON";
      return false;
    }
    if (!config->dbs.empty() && !config->out_given) config->out_dir.clear();
    return true;
  }
  if (positional[0] == "review") {
    config->command = Command::kReview;
    config->inputs.assign(positional.begin() + 1, positional.end());
    if (config->inputs.empty()) {
      *error = "review needs at least one FILE (a PDF, a text dump, or budgetx JSON)";
      return false;
    }
    if (config->to_stdout) {
      *error = "review writes a folder per document; -o takes a folder";
      return false;
    }
    if (!config->out_given) config->out_dir = "review";
    return true;
  }
  if (positional[0] == "status") {
    config->command = Command::kStatus;
    config->inputs.assign(positional.begin() + 1, positional.end());
    if (config->dbs.size() != 1) {
      *error = "status needs one --db FILE|URL, the database the shards load";
      return false;
    }
    return true;
  }
  if (positional[0] == "rules" && positional.size() >= 2 && positional[1] == "check") {
    config->command = Command::kRulesCheck;
    if (positional.size() > 2) config->rules_dir = positional[2];
    return true;
  }
  if (positional[0] == "lines") {
    config->command = Command::kLines;
    config->inputs.assign(positional.begin() + 1, positional.end());
    if (config->inputs.size() != 1) {
      *error = "lines needs exactly one FILE";
      return false;
    }
    return true;
  }
  *error = "unknown command '" + positional[0] + "' (expected 'extract', 'audit', 'review', 'status', 'lines' or 'rules check')";
  return false;
}

std::string Describe(const rules::RuleSet& rules) {
  std::map<std::string, size_t> counts = {
      {"document_kinds", rules.document_kinds.size()}, {"title_ends", rules.title_ends.size()},
      {"years", rules.years.size()}, {"issuers", rules.issuers.size()}, {"not_issuers", rules.not_issuers.size()},
      {"regions", rules.regions.size()}, {"table_titles", rules.table_titles.size()},
      {"columns", rules.columns.size()}, {"header_labels", rules.header_labels.size()},
      {"row_kinds", rules.row_kinds.size()},
      {"narrative", rules.narrative.size()}, {"ocr_repairs", rules.ocr_repairs.size()},
      {"ocr_confusions", rules.ocr_confusions.size()}, {"fdp_measures", rules.fdp_measures.size()},
      {"column_identities", rules.identities.columns.size()},
      {"ratio_identities", rules.identities.ratios.size()}, {"cross_table", rules.identities.cross_table.size()},
      {"templates", rules.templates.size()}, {"empty_table_notes", rules.empty_table_notes.size()},
      {"placeholders", rules.placeholders.size()}, {"stray_years", rules.stray_years.size()}};
  std::string out;
  for (const auto& [name, n] : counts) out += (out.empty() ? "" : ", ") + name + " " + std::to_string(n);
  return out;
}

std::string BatchSummary(const batch::Summary& s) {
  char took[32];
  std::snprintf(took, sizeof took, "%.1f s", s.seconds);
  std::string out = "budgetx: " + batch::Count(s.documents, "document") + ": " + std::to_string(s.ok) + " ok, " +
                    std::to_string(s.with_warnings) + " with warnings, " + std::to_string(s.incomplete) +
                    " incomplete, " + std::to_string(s.failed) + " failed";
  if (s.skipped) out += "; " + std::to_string(s.skipped) + " skipped (stored before, or the content of another file)";
  return out + "; " + batch::Count(s.tables, "table") + ", " + batch::Count(s.checks_failed, "failed check") + "; " +
         batch::Count(s.pages, "page") + " in " + took;
}

std::string Summary(const std::string& input, const Document& doc, const Status& status) {
  if (!status.ok()) return status.ToString();
  DocumentCounts n = Count(doc);
  return input + ": " + std::to_string(n.tables) + " tables, " + std::to_string(n.rows) + " rows, " +
         std::to_string(n.records) + " amounts; checks " + std::to_string(n.pass) + " pass, " +
         std::to_string(n.pass_within_rounding) + " within rounding, " + std::to_string(n.fail) + " fail; " +
         std::to_string(doc.warnings.size()) + " warnings";
}

}  // namespace budgetx::cli
