#include "pipeline/model/model.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace budgetx {

std::string Line::Text() const {
  std::string out;
  const char* sep = cell_delimited ? "\t" : " ";
  for (size_t i = 0; i < spans.size(); ++i) {
    if (i) out += sep;
    out += spans[i].text;
  }
  return out;
}

Status Status::Error(Code code, std::string file, std::string message, int line, int page) {
  Status s;
  s.code = code;
  s.file = std::move(file);
  s.message = std::move(message);
  s.line = line;
  s.page = page;
  return s;
}

Status ReadWholeFile(const std::string& path, std::string* bytes) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Status::Error(Status::Code::kNotFound, path, "cannot open file");
  std::ostringstream buffer;
  buffer << file.rdbuf();
  if (file.bad()) return Status::Error(Status::Code::kIoError, path, "read error");
  *bytes = buffer.str();
  return Status::Ok();
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) out += ":" + std::to_string(line);
    out += ": ";
  }
  if (page > 0) out += "page " + std::to_string(page) + ": ";
  return out + message;
}

const char* ValueKindName(ValueKind kind) {
  switch (kind) {
    case ValueKind::kEmpty: return "empty";
    case ValueKind::kText: return "text";
    case ValueKind::kCode: return "code";
    case ValueKind::kAmount: return "amount";
    case ValueKind::kPercent: return "percent";
    case ValueKind::kNumber: return "number";
    case ValueKind::kDash: return "dash";
  }
  return "text";
}

const char* RowKindName(RowKind kind) {
  switch (kind) {
    case RowKind::kBody: return "body";
    case RowKind::kTotal: return "total";
    case RowKind::kSubtotal: return "subtotal";
    case RowKind::kOfWhich: return "of_which";
    case RowKind::kDifference: return "difference";
  }
  return "body";
}

const char* CheckResultName(CheckResult result) {
  switch (result) {
    case CheckResult::kPass: return "pass";
    case CheckResult::kPassWithinRounding: return "pass_within_rounding";
    case CheckResult::kFail: return "fail";
  }
  return "fail";
}

const char* SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
  }
  return "error";
}

std::string Decimal::ToString() const {
  bool negative = units < 0;
  std::string digits = std::to_string(negative ? -(units + 0) : units);
  if (negative && digits[0] == '-') digits.erase(0, 1);
  if (scale > 0) {
    if (static_cast<int>(digits.size()) <= scale) digits.insert(0, scale - digits.size() + 1, '0');
    digits.insert(digits.size() - scale, ".");
  }
  return (negative ? "-" : "") + digits;
}

DocumentCounts Count(const Document& doc) {
  DocumentCounts n;
  n.tables = doc.tables.size();
  n.records = doc.records.size();
  for (const auto& t : doc.tables) n.rows += t.rows.size();
  for (const auto& c : doc.checks) {
    n.pass += c.result == CheckResult::kPass;
    n.pass_within_rounding += c.result == CheckResult::kPassWithinRounding;
    n.fail += c.result == CheckResult::kFail;
  }
  return n;
}

}  // namespace budgetx
