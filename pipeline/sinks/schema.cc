// The database tables: one row per document, table, cell, record (amount), check, correction and
// warning, each keyed by the document's sha256 and its position in the canonical JSON.
#include <unistd.h>

#include <ctime>
#include <fstream>

#include "pipeline/sinks/internal.h"

namespace budgetx::sinks {
namespace {

constexpr Type I = Type::kInteger, R = Type::kReal, T = Type::kText;

int64_t Int(const Json& j, const char* key) {
  return j.contains(key) && j[key].is_number_integer() ? j[key].get<int64_t>() : 0;
}

Value OptInt(const Json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_number_integer()) return {};
  return j[key].get<int64_t>();
}

Value OptReal(const Json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_number()) return {};
  return j[key].get<double>();
}

Value Str(const Json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return {};
  return j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
}

Value Page(const Json& j) { return j.contains("provenance") ? OptInt(j["provenance"], "page") : Value{}; }

// ISO 8601 in UTC, to the second: compares as text and parses in both databases.
std::string UtcNow() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

}  // namespace

const std::vector<TableDef>& Schema() {
  static const std::vector<TableDef> kSchema = {
      {"documents",
       {{"sha256", T}, {"path", T}, {"source_kind", T}, {"pages", I}, {"kind", T}, {"year", I}, {"issuer", T},
        {"title", T}, {"unit", T}, {"status", T}, {"error", T}, {"tables", I}, {"records", I}, {"checks_failed", I},
        {"warnings", I}},
       1,
       {"year", "issuer", "kind", "status"}},
      {"tables",
       {{"sha256", T}, {"table_index", I}, {"number", T}, {"title", T}, {"unit", T}, {"unit_fen", I}, {"pages", T},
        {"rows", I}},
       2,
       {}},
      {"cells",
       {{"sha256", T}, {"table_index", I}, {"row_index", I}, {"column_index", I}, {"column_key", T}, {"row_code", T},
        {"row_kind", T}, {"text", T}, {"kind", T}, {"value", T}, {"amount_fen", I}, {"confidence", R}, {"page", I},
        {"bbox", T}},
       4,
       {}},
      {"records",
       {{"sha256", T}, {"record_index", I}, {"table_index", I}, {"table_name", T}, {"row_index", I}, {"row_code", T},
        {"row_name", T}, {"column_key", T}, {"column_index", I}, {"amount_fen", I}, {"page", I}},
       2,
       {"row_code", "column_key"}},
      {"checks",
       {{"sha256", T}, {"check_index", I}, {"kind", T}, {"rule", T}, {"result", T}, {"description", T}, {"stated", T},
        {"computed", T}, {"tolerance", T}, {"table_index", I}, {"row_index", I}, {"column_index", I}},
       2,
       {"result"}},
      {"findings",
       {{"sha256", T}, {"finding_index", I}, {"rule", T}, {"severity", T}, {"message", T}, {"stated", T},
        {"computed", T}, {"page", I}, {"table_index", I}, {"evidence", T}},
       2,
       {"severity", "rule"}},
      {"corrections",
       {{"sha256", T}, {"correction_index", I}, {"kind", T}, {"raw", T}, {"result", T}, {"because", T},
        {"table_index", I}, {"row_index", I}, {"column_index", I}, {"page", I}},
       2,
       {}},
      {"warnings",
       {{"sha256", T}, {"warning_index", I}, {"stage", T}, {"severity", T}, {"message", T}, {"page", I}}, 2, {}},
      // How the document was loaded, for budgetx status; not part of what the document says.
      {"loads", {{"sha256", T}, {"loaded_at", T}, {"seconds", R}, {"host", T}, {"shard", T}}, 1, {"loaded_at"}},
  };
  return kSchema;
}

RowValues DocumentRow(const Json& head) {
  const Json& src = head["source"];
  Json info = head.value("document", Json::object());
  Json summary = head.value("summary", Json::object());
  Json checks = summary.value("checks", Json::object());
  return {src.value("sha256", ""), Str(src, "path"), Str(src, "kind"), Int(src, "pages"), Str(info, "kind"),
          OptInt(info, "year"), Str(info, "issuer"), Str(info, "title"), Str(info, "unit"),
          batch::OutcomeName(batch::Judge(src.value("path", ""), head).kind),
          head.contains("error") ? Str(head["error"], "message") : Value{}, Int(summary, "tables"),
          Int(summary, "records"), Int(checks, "fail"), static_cast<int64_t>(head.value("warnings", Json::array()).size())};
}

RowValues LoadRow(const std::string& sha256, double seconds, const std::string& shard) {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = 0;
  return {sha256, UtcNow(), seconds, std::string(host), shard.empty() ? Value{} : Value{shard}};
}

void FlattenElement(const std::string& sha, const std::string& array, size_t index, const Json& e, Rows* out) {
  auto i = static_cast<int64_t>(index);
  if (array == "tables") {
    const Json columns = e.value("columns", Json::array());
    const Json rows = e.value("rows", Json::array());
    (*out)["tables"].push_back({sha, i, Str(e, "number"), Str(e, "title"), Str(e, "unit"), Int(e, "unit_fen"),
                                Str(e, "pages"), static_cast<int64_t>(rows.size())});
    for (size_t r = 0; r < rows.size(); ++r) {
      const Json cells = rows[r].value("cells", Json::array());
      for (size_t c = 0; c < cells.size(); ++c) {
        const Json& cell = cells[c];
        const Json prov = cell.value("provenance", Json::object());
        (*out)["cells"].push_back({sha, i, static_cast<int64_t>(r), static_cast<int64_t>(c),
                                   c < columns.size() ? Str(columns[c], "key") : Value{}, Str(rows[r], "code"),
                                   Str(rows[r], "kind"), Str(cell, "text"), Str(cell, "kind"), Str(cell, "value"),
                                   OptInt(cell, "amount_fen"), OptReal(prov, "confidence"), OptInt(prov, "page"),
                                   Str(prov, "bbox")});
      }
    }
  } else if (array == "records") {
    (*out)["records"].push_back({sha, i, Int(e, "table_index"), Str(e, "table"), Int(e, "row"), Str(e, "row_code"),
                                 Str(e, "row_name"), Str(e, "column"), Int(e, "column_index"), Int(e, "amount_fen"),
                                 Page(e)});
  } else if (array == "checks") {
    const Json target = e.value("target", Json::object());
    (*out)["checks"].push_back({sha, i, Str(e, "kind"), Str(e, "rule"), Str(e, "result"), Str(e, "description"),
                                Str(e, "stated"), Str(e, "computed"), Str(e, "tolerance"), OptInt(target, "table"),
                                OptInt(target, "row"), OptInt(target, "column")});
  } else if (array == "findings") {
    const Json evidence = e.value("evidence", Json::array());
    const Json first = evidence.empty() ? Json::object() : evidence[0];
    Value table = first.contains("cell") ? OptInt(first["cell"], "table") : OptInt(first, "table");
    (*out)["findings"].push_back({sha, i, Str(e, "rule"), Str(e, "severity"), Str(e, "message"), Str(e, "stated"),
                                  Str(e, "computed"), Page(first), table, evidence.dump()});
  } else if (array == "corrections") {
    const Json cell = e.value("cell", Json::object());
    (*out)["corrections"].push_back({sha, i, Str(e, "kind"), Str(e, "raw"), Str(e, "result"), Str(e, "because"),
                                     OptInt(cell, "table_index"), OptInt(cell, "row"), OptInt(cell, "column"),
                                     Page(e)});
  } else if (array == "warnings") {
    (*out)["warnings"].push_back({sha, i, Str(e, "stage"), Str(e, "severity"), Str(e, "message"), Page(e)});
  }
}

Status ForEachElement(const std::string& path,
                      const std::function<Status(const std::string&, size_t, const Json&)>& each) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error(Status::Code::kIoError, path, "cannot read");
  std::string array;
  size_t index = 0;
  Status status;
  auto visit = [&](int depth, Json::parse_event_t event, Json& parsed) {
    if (depth == 1 && event == Json::parse_event_t::key) array = parsed.get<std::string>(), index = 0;
    if (depth != 2 || event != Json::parse_event_t::object_end) return true;
    if (status.ok()) status = each(array, index, parsed);
    ++index;
    return false;  // handled; not kept
  };
  Json head = Json::parse(in, visit, false);
  if (status.ok() && head.is_discarded()) return Status::Error(Status::Code::kBadInput, path, "not valid JSON");
  return status;
}

std::string Yuan(int64_t fen) {
  bool negative = fen < 0;
  uint64_t v = negative ? static_cast<uint64_t>(-(fen + 1)) + 1 : static_cast<uint64_t>(fen);
  std::string cents = std::to_string(v % 100);
  if (cents.size() < 2) cents = "0" + cents;
  return (negative ? "-" : "") + std::to_string(v / 100) + "." + cents;
}

}  // namespace budgetx::sinks
