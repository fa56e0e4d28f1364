// budgetx command line: flags → validated config → stages. Exit codes: 0 ok, 1 nothing
// extracted, 2 error (bad usage, bad rules, or at least one input failed).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "pipeline/cli/cli.h"
#include "pipeline/driver/driver.h"
#include "pipeline/output/output.h"

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

bool WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    if (!(out << text)) return false;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);  // readers never see a half-written file
  return !ec;
}

int Extract(const Config& config) {
  rules::RuleSet rules;
  if (!LoadRules(config, &rules)) return kExitError;
  if (!config.to_stdout) std::filesystem::create_directories(config.out_dir);
  driver::Options options;
  options.pdf.password = config.password;
  options.read_scans = config.ocr;
  if (!config.ocr_languages.empty()) options.ocr.languages = config.ocr_languages;
  if (config.review_below >= 0) options.tables.review_below = config.review_below;
  int failed = 0, extracted = 0;
  for (const auto& input : config.inputs) {
    Document doc;
    Status status = driver::Process(rules, options, input, &doc);
    std::string json = status.ok() ? output::ToJson(doc) : output::ErrorJson(doc, status);
    for (const auto& w : doc.warnings) {
      if (!w.incomplete) continue;
      std::cerr << Status::Error(Status::Code::kBadInput, input, w.message, w.where.line, w.where.page).ToString()
                << "\n";
      if (status.ok()) ++failed;
    }
    if (!status.ok()) {
      std::cerr << status.ToString() << "\n";
      ++failed;
    } else if (!doc.tables.empty() || !doc.facts.empty()) {
      ++extracted;
    }
    if (config.to_stdout) {
      std::cout << json;
      continue;
    }
    auto target = std::filesystem::path(config.out_dir) / (std::filesystem::path(input).stem().string() + ".json");
    if (!WriteFile(target, json)) {
      std::cerr << target.string() << ": cannot write\n";
      ++failed;
      continue;
    }
    if (!config.quiet && status.ok()) std::cerr << Summary(input, doc, status) << "\n";
  }
  if (failed) return kExitError;
  return extracted ? kExitOk : kExitNothing;
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
  }
  return kExitError;
}
