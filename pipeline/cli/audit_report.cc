#include "pipeline/cli/audit_report.h"

#include <fstream>
#include <map>
#include <set>

namespace budgetx::cli {
namespace {

using Json = nlohmann::ordered_json;

std::string Plural(size_t n, const std::string& noun) { return std::to_string(n) + " " + noun + (n == 1 ? "" : "s"); }

// "p. 3" for the first evidence printed on a page; empty when none is.
std::string Where(const Json& finding) {
  for (const auto& e : finding.value("evidence", Json::array())) {
    const Json where = e.value("provenance", Json::object());
    if (where.contains("page")) return "p. " + where["page"].dump();
  }
  return "";
}

std::string Heading(const std::string& path, const Json& doc) {
  const Json info = doc.value("document", Json::object());
  std::string out = "== " + path;
  std::string about;
  for (const char* key : {"kind", "issuer"}) {
    if (info.contains(key) && info[key].is_string() && !info[key].get<std::string>().empty()) {
      about += (about.empty() ? "" : ", ") + info[key].get<std::string>();
    }
  }
  if (info.contains("year") && info["year"].is_number()) about += (about.empty() ? "" : ", ") + info["year"].dump();
  return about.empty() ? out : out + " (" + about + ")";
}

}  // namespace

Json ReadFindings(const std::string& path) {
  static const std::set<std::string> kLong = {"tables", "records", "indicators", "facts", "checks", "corrections", "review"};
  std::ifstream in(path, std::ios::binary);
  Json::parser_callback_t keep = [](int depth, Json::parse_event_t event, Json& parsed) {
    return !(depth == 1 && event == Json::parse_event_t::key && kLong.count(parsed.get<std::string>()));
  };
  return Json::parse(in, keep, false);
}

void AuditReport::Add(const std::string& path, const Json& doc) {
  out_ << Heading(path, doc) << "\n";
  if (doc.contains("error")) {
    out_ << "  not audited: " << doc["error"].value("message", "") << "\n\n";
    return;
  }
  std::map<std::string, size_t> by_severity;
  std::map<std::string, size_t> info_by_rule;
  std::string listed;
  for (const auto& f : doc.value("findings", Json::array())) {
    const std::string severity = f.value("severity", "");
    ++by_severity[severity];
    if (severity == "info") {
      ++info_by_rule[f.value("rule", "")];
      continue;
    }
    std::string where = Where(f);
    listed += "  " + severity + (severity == "error" ? "  " : "") + "  " + (where.empty() ? "" : where + "  ") +
              f.value("message", "") + "  [" + f.value("rule", "") + "]\n";
  }
  out_ << "  " << Plural(by_severity["error"], "error") << ", " << Plural(by_severity["warning"], "warning") << ", "
       << by_severity["info"] << " info\n"
       << listed;
  for (const auto& [rule, n] : info_by_rule) out_ << "  info     " << n << " × " << rule << "\n";
  out_ << "\n";
  with_errors_ += by_severity["error"] > 0;
}

}  // namespace budgetx::cli
