// The database tables: one row per document, table, cell, record (amount), check, correction and
// warning, each keyed by the document's sha256 and its position in the canonical JSON.
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

std::string DocumentStatus(const Json& doc) {
  if (doc.contains("error")) return "failed";
  std::string status = "ok";
  for (const auto& w : doc.value("warnings", Json::array())) {
    if (w.value("severity", "") == "error") return "incomplete";
    status = "warnings";
  }
  return status;
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
      {"corrections",
       {{"sha256", T}, {"correction_index", I}, {"kind", T}, {"raw", T}, {"result", T}, {"because", T},
        {"table_index", I}, {"row_index", I}, {"column_index", I}, {"page", I}},
       2,
       {}},
      {"warnings",
       {{"sha256", T}, {"warning_index", I}, {"stage", T}, {"severity", T}, {"message", T}, {"page", I}}, 2, {}},
  };
  return kSchema;
}

std::map<std::string, std::vector<RowValues>> Flatten(const Json& doc) {
  std::map<std::string, std::vector<RowValues>> out;
  const Json& src = doc["source"];
  std::string sha = src.value("sha256", "");
  Json info = doc.value("document", Json::object());
  Json summary = doc.value("summary", Json::object());
  Json checks_summary = summary.value("checks", Json::object());
  out["documents"].push_back({sha, Str(src, "path"), Str(src, "kind"), Int(src, "pages"), Str(info, "kind"),
                              OptInt(info, "year"), Str(info, "issuer"), Str(info, "title"), Str(info, "unit"),
                              DocumentStatus(doc), doc.contains("error") ? Str(doc["error"], "message") : Value{},
                              Int(summary, "tables"), Int(summary, "records"), Int(checks_summary, "fail"),
                              static_cast<int64_t>(doc.value("warnings", Json::array()).size())});
  const Json tables = doc.value("tables", Json::array());
  for (size_t t = 0; t < tables.size(); ++t) {
    const Json& table = tables[t];
    const Json columns = table.value("columns", Json::array());
    const Json rows = table.value("rows", Json::array());
    out["tables"].push_back({sha, static_cast<int64_t>(t), Str(table, "number"), Str(table, "title"),
                             Str(table, "unit"), Int(table, "unit_fen"), Str(table, "pages"),
                             static_cast<int64_t>(rows.size())});
    for (size_t r = 0; r < rows.size(); ++r) {
      const Json cells = rows[r].value("cells", Json::array());
      for (size_t c = 0; c < cells.size(); ++c) {
        const Json& cell = cells[c];
        const Json prov = cell.value("provenance", Json::object());
        out["cells"].push_back({sha, static_cast<int64_t>(t), static_cast<int64_t>(r), static_cast<int64_t>(c),
                                c < columns.size() ? Str(columns[c], "key") : Value{}, Str(rows[r], "code"),
                                Str(rows[r], "kind"), Str(cell, "text"), Str(cell, "kind"), Str(cell, "value"),
                                OptInt(cell, "amount_fen"), OptReal(prov, "confidence"), OptInt(prov, "page"),
                                Str(prov, "bbox")});
      }
    }
  }
  const Json records = doc.value("records", Json::array());
  for (size_t i = 0; i < records.size(); ++i) {
    const Json& r = records[i];
    out["records"].push_back({sha, static_cast<int64_t>(i), Int(r, "table_index"), Str(r, "table"), Int(r, "row"),
                              Str(r, "row_code"), Str(r, "row_name"), Str(r, "column"), Int(r, "column_index"),
                              Int(r, "amount_fen"), Page(r)});
  }
  const Json checks = doc.value("checks", Json::array());
  for (size_t i = 0; i < checks.size(); ++i) {
    const Json& c = checks[i];
    const Json target = c.value("target", Json::object());
    out["checks"].push_back({sha, static_cast<int64_t>(i), Str(c, "kind"), Str(c, "rule"), Str(c, "result"),
                             Str(c, "description"), Str(c, "stated"), Str(c, "computed"), Str(c, "tolerance"),
                             OptInt(target, "table"), OptInt(target, "row"), OptInt(target, "column")});
  }
  const Json corrections = doc.value("corrections", Json::array());
  for (size_t i = 0; i < corrections.size(); ++i) {
    const Json& c = corrections[i];
    const Json cell = c.value("cell", Json::object());
    out["corrections"].push_back({sha, static_cast<int64_t>(i), Str(c, "kind"), Str(c, "raw"), Str(c, "result"),
                                  Str(c, "because"), OptInt(cell, "table_index"), OptInt(cell, "row"),
                                  OptInt(cell, "column"), Page(c)});
  }
  const Json warnings = doc.value("warnings", Json::array());
  for (size_t i = 0; i < warnings.size(); ++i) {
    const Json& w = warnings[i];
    out["warnings"].push_back({sha, static_cast<int64_t>(i), Str(w, "stage"), Str(w, "severity"), Str(w, "message"),
                               Page(w)});
  }
  return out;
}

std::string Yuan(int64_t fen) {
  bool negative = fen < 0;
  uint64_t v = negative ? static_cast<uint64_t>(-(fen + 1)) + 1 : static_cast<uint64_t>(fen);
  std::string cents = std::to_string(v % 100);
  if (cents.size() < 2) cents = "0" + cents;
  return (negative ? "-" : "") + std::to_string(v / 100) + "." + cents;
}

}  // namespace budgetx::sinks
