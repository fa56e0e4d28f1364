#include "pipeline/driver/driver.h"

#include <algorithm>
#include <filesystem>

#include "extractors/pdf/pdf_extractor.h"
#include "extractors/text/text_extractor.h"
#include "pipeline/narrative/narrative.h"
#include "pipeline/reconcile/reconcile.h"

namespace budgetx::driver {
namespace {

std::string Extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

}  // namespace

Status Process(const rules::RuleSet& rules, const Options& options, const std::string& path, Document* doc) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Status::Error(Status::Code::kBadInput, path, "is a directory, not a document");
  }
  std::string ext = Extension(path);
  Status s = ext == ".pdf" ? pdf_extractor::Extract(path, options.pdf, doc) : text_extractor::Extract(path, doc);
  if (!s.ok()) return s;
  narrative::Describe(rules, doc);
  tables::BuildTables(rules, options.tables, doc);
  reconcile::Reconcile(rules.identities, doc);
  return Status::Ok();
}

}  // namespace budgetx::driver
