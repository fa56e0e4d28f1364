// Internal to the CLI: the audit's report of a document's findings, for a person to act on.
#pragma once

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace budgetx::cli {

// The canonical JSON at `path` without the arrays a report does not need (tables, records…);
// discarded when it is not JSON.
nlohmann::ordered_json ReadFindings(const std::string& path);

// Writes one report per document: a heading (file, kind, year, issuer; findings counted by
// severity), then each error and warning with its page and message, then the info counted by
// rule. Counts the documents with an error-level finding.
class AuditReport {
 public:
  explicit AuditReport(std::ostream& out) : out_(out) {}
  void Add(const std::string& path, const nlohmann::ordered_json& doc);
  int documents_with_errors() const { return with_errors_; }

 private:
  std::ostream& out_;
  int with_errors_ = 0;
};

}  // namespace budgetx::cli
