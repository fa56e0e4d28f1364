// What a finished document's head says: ok, with warnings, incomplete or failed, and its counts.
#include "pipeline/batch/batch.h"

namespace budgetx::batch {

std::string Count(int64_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

Outcome Judge(const std::string& path, const nlohmann::ordered_json& doc) {
  Outcome out;
  if (doc.contains("error")) {
    out.kind = Outcome::kFailed;
    out.cause = doc["error"].value("message", "failed");
    return out;
  }
  out.pages = doc["source"].value("pages", 0);
  const auto& summary = doc.value("summary", nlohmann::ordered_json::object());
  out.tables = summary.value("tables", 0);
  if (summary.contains("checks")) out.checks_failed = summary["checks"].value("fail", 0);
  out.extracted = out.tables > 0 || !doc.value("facts", nlohmann::ordered_json::array()).empty();
  const auto& checks = summary.value("checks", nlohmann::ordered_json::object());
  out.detail = Count(out.tables, "table") + ", " + Count(summary.value("rows", 0), "row") + ", " +
               Count(summary.value("records", 0), "amount") + ", " + Count(out.pages, "page") + "; checks " +
               std::to_string(checks.value("pass", 0)) + " pass, " + std::to_string(checks.value("pass_within_rounding", 0)) +
               " within rounding, " + std::to_string(out.checks_failed) + " fail";
  for (const auto& w : doc.value("warnings", nlohmann::ordered_json::array())) {
    if (w.value("severity", "") == "error") {
      out.kind = Outcome::kIncomplete;
      const auto& where = w["provenance"];
      out.cause = Status::Error(Status::Code::kBadInput, path, w.value("message", ""), where.value("line", 0),
                                where.value("page", 0)).ToString();
      return out;
    }
    out.kind = Outcome::kWarnings;
  }
  return out;
}

const char* OutcomeName(Outcome::Kind kind) {
  switch (kind) {
    case Outcome::kOk: return "ok";
    case Outcome::kWarnings: return "warnings";
    case Outcome::kIncomplete: return "incomplete";
    case Outcome::kFailed: return "failed";
  }
  return "?";
}

}  // namespace budgetx::batch
