#include "pipeline/output/output.h"

#include <nlohmann/json.hpp>
#include <sstream>

namespace budgetx::output {
namespace {

using nlohmann::ordered_json;

ordered_json Nullable(const std::optional<int64_t>& v) { return v ? ordered_json(*v) : ordered_json(nullptr); }

ordered_json ToJson(const Provenance& p) {
  ordered_json j = ordered_json::object();
  if (p.page) j["page"] = p.page;
  if (p.line) j["line"] = p.line;
  if (p.box) j["bbox"] = {p.box->x0, p.box->y0, p.box->x1, p.box->y1};
  if (p.confidence) j["confidence"] = *p.confidence;
  return j;
}

ordered_json ToJson(const Cell& c) {
  ordered_json j;
  j["text"] = c.text;
  if (c.raw != c.text) j["raw"] = c.raw;
  j["kind"] = ValueKindName(c.kind);
  j["value"] = c.number ? ordered_json(c.number->ToString()) : ordered_json(nullptr);
  j["amount_fen"] = Nullable(c.amount_fen);
  if (c.column_span > 1) j["column_span"] = c.column_span;
  j["provenance"] = ToJson(c.where);
  return j;
}

ordered_json ToJson(const Table& t, size_t index) {
  ordered_json j;
  j["index"] = index;
  j["number"] = t.number;
  j["title"] = t.number.empty() ? t.title : t.number + " " + t.title;
  j["name"] = t.title;
  j["unit"] = t.unit;
  j["unit_fen"] = t.unit_fen;
  j["pages"] = t.pages;
  if (!t.part.empty()) j["part"] = t.part;
  j["header"] = t.header;
  j["columns"] = ordered_json::array();
  for (const auto& c : t.columns) j["columns"].push_back({{"key", c.key}, {"header", c.header}, {"amount", c.amount}});
  j["rows"] = ordered_json::array();
  for (const auto& r : t.rows) {
    ordered_json row;
    row["kind"] = RowKindName(r.kind);
    row["code"] = r.code;
    if (r.code_borrowed) row["code_from"] = {{"column", r.code_column}, {"borrowed", true}};
    row["name"] = r.name;
    row["level"] = r.level;
    if (r.indent > 0) row["indent"] = r.indent;
    row["provenance"] = ToJson(r.where);
    row["cells"] = ordered_json::array();
    for (const auto& c : r.cells) row["cells"].push_back(ToJson(c));
    j["rows"].push_back(std::move(row));
  }
  return j;
}

ordered_json ToJson(const CellRef& r) { return {{"table", r.table}, {"row", r.row}, {"column", r.column}}; }

ordered_json ToJson(const Check& c) {
  ordered_json j;
  j["kind"] = c.kind;
  j["rule"] = c.rule;
  j["result"] = CheckResultName(c.result);
  j["description"] = c.description;
  j["stated"] = c.stated.ToString();
  j["computed"] = c.computed.ToString();
  j["tolerance"] = c.tolerance.ToString();
  j["target"] = ToJson(c.target);
  j["parts"] = ordered_json::array();
  for (size_t i = 0; i < c.parts.size(); ++i) {
    ordered_json part = ToJson(c.parts[i]);
    part["sign"] = i < c.signs.size() ? c.signs[i] : 1;
    j["parts"].push_back(std::move(part));
  }
  return j;
}

ordered_json Source(const Document& doc) {
  ordered_json j;
  j["path"] = doc.path;
  j["sha256"] = doc.sha256;
  j["kind"] = doc.source_kind;
  if (!doc.encoding.empty()) j["encoding"] = doc.encoding;
  j["pages"] = doc.pages.size();
  ordered_json sideways = ordered_json::array();
  for (const auto& page : doc.pages) {
    if (page.turns) sideways.push_back({{"page", page.number}, {"turns", page.turns}, {"pivot", page.pivot}});
  }
  if (!sideways.empty()) j["sideways_pages"] = sideways;
  return j;
}

ordered_json Summary(const Document& doc) {
  DocumentCounts n = Count(doc);
  return {{"tables", n.tables}, {"rows", n.rows}, {"records", n.records},
          {"checks", {{"pass", n.pass}, {"pass_within_rounding", n.pass_within_rounding}, {"fail", n.fail}}},
          {"corrections", doc.corrections.size()}, {"warnings", doc.warnings.size()}};
}

ordered_json Facts(const Document& doc) {
  ordered_json out = ordered_json::array();
  for (const auto& f : doc.facts) {
    out.push_back({{"rule", f.rule}, {"subject", f.subject}, {"text", f.text},
                   {"amount_fen", Nullable(f.amount_fen)},
                   {"percent", f.percent ? ordered_json(f.percent->ToString()) : ordered_json(nullptr)},
                   {"provenance", ToJson(f.where)}});
  }
  return out;
}

ordered_json Indicators(const Document& doc) {
  ordered_json out = ordered_json::array();
  for (const auto& i : doc.indicators) {
    out.push_back({{"level1", i.level1}, {"level2", i.level2}, {"name", i.name}, {"target", i.target_text},
                   {"comparator", i.comparator},
                   {"value", i.value ? ordered_json(i.value->ToString()) : ordered_json(nullptr)},
                   {"unit", i.unit}, {"actual", i.actual_text}, {"provenance", ToJson(i.where)}});
  }
  return out;
}

ordered_json Warnings(const Document& doc) {
  ordered_json out = ordered_json::array();
  for (const auto& w : doc.warnings) {
    out.push_back({{"stage", w.stage}, {"severity", w.incomplete ? "error" : "warning"},
                   {"message", w.message}, {"provenance", ToJson(w.where)}});
  }
  return out;
}

// Writes the document one top-level key, and one element of the long arrays, at a time, so a
// 1,000-page document never exists as one JSON tree; the text is what dump(1) of the tree gives.
class Writer {
 public:
  explicit Writer(std::ostream& out)
      : out_(out), serializer_(nlohmann::detail::output_adapter<char>(out), ' ', ordered_json::error_handler_t::replace) {}

  void Key(const char* key, const ordered_json& value) {
    Open(key);
    serializer_.dump(value, true, false, 1, 1);
  }

  // A top-level array whose elements `each(i)` makes one by one.
  template <typename Make>
  void Array(const char* key, size_t n, Make each) {
    Open(key);
    if (n == 0) {
      out_ << "[]";
      return;
    }
    out_ << "[\n";
    for (size_t i = 0; i < n; ++i) {
      out_ << (i ? ",\n  " : "  ");
      serializer_.dump(each(i), true, false, 1, 2);
    }
    out_ << "\n ]";
  }

  void End() { out_ << (first_ ? "{}" : "\n}") << "\n"; }

 private:
  void Open(const char* key) {
    out_ << (first_ ? "{\n \"" : ",\n \"") << key << "\": ";
    first_ = false;
  }

  std::ostream& out_;
  nlohmann::detail::serializer<ordered_json> serializer_;
  bool first_ = true;
};

ordered_json DocumentInfoJson(const Document& doc) {
  ordered_json info = {{"kind", doc.info.kind}, {"year", doc.info.year ? ordered_json(doc.info.year) : ordered_json(nullptr)},
                       {"issuer", doc.info.issuer}, {"region", doc.info.region}, {"unit", doc.info.unit},
                       {"title", doc.info.title}};
  if (!doc.info.from_file_name.empty()) info["from_file_name"] = doc.info.from_file_name;
  return info;
}

ordered_json ToJson(const Evidence& e) {
  ordered_json j = {{"kind", e.kind}, {"text", e.text}};
  if (e.cell) j["cell"] = ToJson(*e.cell);
  else if (e.table) j["table"] = *e.table;
  if (e.value) j["value"] = e.value->ToString();
  if (!e.unit.empty()) j["unit"] = e.unit;
  j["provenance"] = ToJson(e.where);
  return j;
}

ordered_json ToJson(const Finding& f) {
  ordered_json j = {{"rule", f.rule}, {"severity", SeverityName(f.severity)}, {"message", f.message}};
  if (f.stated) j["stated"] = f.stated->ToString();
  if (f.computed) j["computed"] = f.computed->ToString();
  j["evidence"] = ordered_json::array();
  for (const auto& e : f.evidence) j["evidence"].push_back(ToJson(e));
  return j;
}

ordered_json RecordJson(const Record& r) {
  return {{"table", r.table},   {"table_index", r.table_index},   {"row", r.row},
          {"row_code", r.row_code}, {"row_name", r.row_name},     {"column", r.column},
          {"column_index", r.column_index}, {"amount_fen", r.amount_fen}, {"provenance", ToJson(r.where)}};
}

ordered_json CorrectionJson(const Correction& c) {
  ordered_json k = {{"kind", c.kind}, {"raw", c.raw}, {"result", c.result}, {"provenance", ToJson(c.where)}};
  if (c.row >= 0) k["cell"] = {{"table", c.table}, {"table_index", c.table_index}, {"row", c.row}, {"column", c.column}};
  if (!c.because.empty()) k["because"] = c.because;
  return k;
}

ordered_json ReviewJson(const Document& doc, const CellRef& ref) {
  const Cell& cell = doc.tables[ref.table].rows[ref.row].cells[ref.column];
  return {{"cell", {{"table", ref.table}, {"row", ref.row}, {"column", ref.column}}},
          {"text", cell.text},
          {"confidence", cell.where.confidence.value_or(0)},
          {"provenance", ToJson(cell.where)}};
}

// What every record starts with: the schema version, the source, and the error if any.
void BeginRecord(const Document& doc, const Status& status, Writer* w) {
  w->Key("schema_version", kSchemaVersion);
  w->Key("source", Source(doc));
  if (!status.ok()) w->Key("error", {{"message", status.ToString()}, {"page", status.page}, {"line", status.line}});
}

}  // namespace

void WriteJson(const Document& doc, std::ostream& out) {
  Writer w(out);
  BeginRecord(doc, Status::Ok(), &w);
  w.Key("document", DocumentInfoJson(doc));
  w.Key("summary", Summary(doc));
  w.Array("tables", doc.tables.size(), [&](size_t i) { return ToJson(doc.tables[i], i); });
  w.Array("records", doc.records.size(), [&](size_t i) { return RecordJson(doc.records[i]); });
  w.Key("indicators", Indicators(doc));
  w.Key("facts", Facts(doc));
  w.Array("checks", doc.checks.size(), [&](size_t i) { return ToJson(doc.checks[i]); });
  w.Array("findings", doc.findings.size(), [&](size_t i) { return ToJson(doc.findings[i]); });
  w.Array("corrections", doc.corrections.size(), [&](size_t i) { return CorrectionJson(doc.corrections[i]); });
  w.Array("review", doc.review.size(), [&](size_t i) { return ReviewJson(doc, doc.review[i]); });
  w.Key("warnings", Warnings(doc));
  w.End();
}

void WriteErrorJson(const Document& doc, const Status& error, std::ostream& out) {
  Writer w(out);
  BeginRecord(doc, error, &w);
  w.Key("tables", ordered_json::array());
  w.Key("warnings", Warnings(doc));
  w.End();
}

void WriteHeadJson(const Document& doc, const Status& status, std::ostream& out) {
  Writer w(out);
  BeginRecord(doc, status, &w);
  if (status.ok()) {
    w.Key("document", DocumentInfoJson(doc));
    w.Key("summary", Summary(doc));
    w.Key("facts", Facts(doc));
  }
  w.Key("warnings", Warnings(doc));
  w.End();
}

std::string ToJson(const Document& doc) {
  std::ostringstream out;
  WriteJson(doc, out);
  return out.str();
}

std::string ErrorJson(const Document& doc, const Status& error) {
  std::ostringstream out;
  WriteErrorJson(doc, error, out);
  return out.str();
}

}  // namespace budgetx::output
