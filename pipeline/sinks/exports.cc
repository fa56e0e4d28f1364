// Exports rebuilt from the stored documents: JSON lines, CSVs of records and findings, a Fiscal Data
// Package.
#include <set>

#include "pipeline/sinks/internal.h"

namespace budgetx::sinks {
namespace {

std::string Field(const Json& v) {
  if (v.is_null()) return "";
  return v.is_string() ? v.get<std::string>() : v.dump();
}

// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
std::string Csv(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + Csv(fields[i]);
  return line + "\r\n";
}

// The header a record's column was printed under, and its table's title.
std::string ColumnHeader(const Json& doc, const Json& record) {
  const Json& tables = doc["tables"];
  size_t t = record.value("table_index", 0), c = record.value("column_index", 0);
  if (t >= tables.size() || c >= tables[t]["columns"].size()) return "";
  return tables[t]["columns"][c].value("header", "");
}

std::string TableTitle(const Json& doc, const Json& record) {
  const Json& tables = doc["tables"];
  size_t t = record.value("table_index", 0);
  return t < tables.size() ? tables[t].value("title", "") : "";
}

// The text an fdp_measures rule is matched with (its attr "against").
std::string MeasuredText(const Json& doc, const Json& record, const std::string& against) {
  if (against == "column_header") return ColumnHeader(doc, record);
  if (against == "table_title") return TableTitle(doc, record);
  if (against == "column_key") return record.value("column", "");
  return doc["document"].value("kind", "");  // document_kind
}

// The value of `measure` (direction or phase) for a record: the name of the first rule for it
// whose pattern finds its text; empty when none does.
std::string Classify(const Json& doc, const Json& record, const std::vector<rules::Pattern>& rules,
                     const std::string& measure) {
  for (const auto& rule : rules) {
    if (rule.attrs.at("measure") != measure) continue;
    if (RE2::PartialMatch(MeasuredText(doc, record, rule.attrs.at("against")), *rule.re)) return rule.name;
  }
  return "";
}

struct Measure {
  std::string direction, phase;
  std::string name() const { return direction + "_" + phase; }
  bool operator<(const Measure& o) const { return name() < o.name(); }
};

Measure MeasureOf(const Json& doc, const Json& record, const std::vector<rules::Pattern>& rules) {
  return {Classify(doc, record, rules, "direction"), Classify(doc, record, rules, "phase")};
}

const std::vector<std::string> kFdpDimensions = {"document", "year", "issuer", "table", "row_code", "row_name",
                                                 "column", "page"};

std::string FdpDescriptor(const std::set<Measure>& all) {
  Json fields = Json::array();
  for (const auto& d : kFdpDimensions) {
    fields.push_back({{"name", d}, {"type", d == "year" || d == "page" ? "integer" : "string"}});
  }
  Json measures = Json::object();
  for (const auto& m : all) {
    fields.push_back({{"name", m.name()}, {"type", "number"}, {"decimalChar", "."}});
    measures[m.name()] = {{"source", m.name()}, {"currency", "CNY"}, {"factor", 1}, {"direction", m.direction},
                          {"phase", m.phase}};
  }
  Json dimensions = Json::object();
  auto dimension = [&](const std::string& name, std::vector<std::string> attrs, const std::string& type) {
    Json attributes = Json::object();
    for (const auto& a : attrs) attributes[a] = {{"source", a}};
    dimensions[name] = {{"attributes", attributes}, {"primaryKey", attrs.front()}, {"dimensionType", type}};
  };
  dimension("date", {"year"}, "datetime");
  dimension("document", {"document"}, "other");
  dimension("administrative_classification", {"issuer"}, "classification");
  dimension("functional_classification", {"row_code", "row_name"}, "classification");
  dimension("table", {"table", "column", "page"}, "other");
  Json descriptor = {
      {"name", "budgetx-records"},
      {"title", "Amounts extracted by budgetx"},
      {"profile", "fiscal-data-package"},
      {"resources", Json::array({{{"name", "budget"}, {"path", "budget.csv"}, {"format", "csv"},
                                  {"mediatype", "text/csv"}, {"encoding", "utf-8"},
                                  {"schema", {{"fields", fields}}}}})},
      {"model", {{"measures", measures}, {"dimensions", dimensions}}},
  };
  return descriptor.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

Status WriteDocumentsJsonl(const EachDocument& each_doc, std::ostream& out) {
  return each_doc([&](const Json& doc) { out << doc.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n"; });
}

Status WriteRecordsCsv(const EachDocument& each_doc, std::ostream& out) {
  out << CsvLine({"sha256", "path", "year", "issuer", "document_kind", "table_index", "table", "row", "row_code",
                  "row_name", "column", "column_header", "amount_fen", "amount_yuan", "page"});
  return each_doc([&](const Json& doc) {
    const Json info = doc.value("document", Json::object());
    for (const auto& r : doc.value("records", Json::array())) {
      int64_t fen = r.value("amount_fen", int64_t{0});
      out << CsvLine({Field(doc["source"]["sha256"]), Field(doc["source"]["path"]), Field(info.value("year", Json())),
                      Field(info.value("issuer", Json())), Field(info.value("kind", Json())),
                      Field(r.value("table_index", Json())), TableTitle(doc, r), Field(r["row"]), Field(r["row_code"]),
                      Field(r["row_name"]), Field(r["column"]), ColumnHeader(doc, r), std::to_string(fen), Yuan(fen),
                      Field(r.value("provenance", Json::object()).value("page", Json()))});
    }
  });
}

Status WriteFindingsCsv(const EachDocument& each_doc, std::ostream& out) {
  out << CsvLine({"sha256", "path", "year", "issuer", "document_kind", "rule", "severity", "message", "stated",
                  "computed", "page"});
  return each_doc([&](const Json& doc) {
    const Json info = doc.value("document", Json::object());
    for (const auto& f : doc.value("findings", Json::array())) {
      const Json evidence = f.value("evidence", Json::array());
      const Json page = evidence.empty() ? Json() : evidence[0].value("provenance", Json::object()).value("page", Json());
      out << CsvLine({Field(doc["source"]["sha256"]), Field(doc["source"]["path"]), Field(info.value("year", Json())),
                      Field(info.value("issuer", Json())), Field(info.value("kind", Json())), Field(f["rule"]),
                      Field(f["severity"]), Field(f["message"]), Field(f.value("stated", Json())),
                      Field(f.value("computed", Json())), Field(page)});
    }
  });
}

// Two passes: the measure columns (direction × phase) are those some record needs.
Status WriteFdp(const EachDocument& each_doc, const std::vector<rules::Pattern>& rules, std::ostream& csv,
                std::string* descriptor) {
  std::set<Measure> measures;
  BUDGETX_RETURN_IF_ERROR(each_doc([&](const Json& doc) {
    for (const auto& r : doc.value("records", Json::array())) measures.insert(MeasureOf(doc, r, rules));
  }));
  std::vector<std::string> head = kFdpDimensions;
  for (const auto& m : measures) head.push_back(m.name());
  csv << CsvLine(head);
  BUDGETX_RETURN_IF_ERROR(each_doc([&](const Json& doc) {
    const Json info = doc.value("document", Json::object());
    for (const auto& r : doc.value("records", Json::array())) {
      std::vector<std::string> line = {Field(doc["source"]["sha256"]), Field(info.value("year", Json())),
                                       Field(info.value("issuer", Json())), TableTitle(doc, r), Field(r["row_code"]),
                                       Field(r["row_name"]), ColumnHeader(doc, r),
                                       Field(r.value("provenance", Json::object()).value("page", Json()))};
      std::string mine = MeasureOf(doc, r, rules).name();
      for (const auto& m : measures) line.push_back(m.name() == mine ? Yuan(r.value("amount_fen", int64_t{0})) : "");
      csv << CsvLine(line);
    }
  }));
  *descriptor = FdpDescriptor(measures);
  return Status::Ok();
}

}  // namespace budgetx::sinks
