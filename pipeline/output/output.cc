#include "pipeline/output/output.h"

#include <nlohmann/json.hpp>

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

}  // namespace

std::string ToJson(const Document& doc, int indent) {
  ordered_json j;
  j["schema_version"] = kSchemaVersion;
  j["source"] = Source(doc);
  j["document"] = {{"kind", doc.info.kind}, {"year", doc.info.year ? ordered_json(doc.info.year) : ordered_json(nullptr)},
                   {"issuer", doc.info.issuer}, {"unit", doc.info.unit}, {"title", doc.info.title}};
  j["summary"] = Summary(doc);
  j["tables"] = ordered_json::array();
  for (size_t i = 0; i < doc.tables.size(); ++i) j["tables"].push_back(ToJson(doc.tables[i], i));
  j["records"] = ordered_json::array();
  for (const auto& r : doc.records) {
    j["records"].push_back({{"table", r.table}, {"table_index", r.table_index}, {"row", r.row}, {"row_code", r.row_code}, {"row_name", r.row_name},
                            {"column", r.column}, {"column_index", r.column_index}, {"amount_fen", r.amount_fen},
                            {"provenance", ToJson(r.where)}});
  }
  j["indicators"] = Indicators(doc);
  j["facts"] = Facts(doc);
  j["checks"] = ordered_json::array();
  for (const auto& c : doc.checks) j["checks"].push_back(ToJson(c));
  j["corrections"] = ordered_json::array();
  for (const auto& c : doc.corrections) {
    ordered_json k = {{"kind", c.kind}, {"raw", c.raw}, {"result", c.result}, {"provenance", ToJson(c.where)}};
    if (c.row >= 0) {
      k["cell"] = {{"table", c.table}, {"table_index", c.table_index}, {"row", c.row}, {"column", c.column}};
    }
    if (!c.because.empty()) k["because"] = c.because;
    j["corrections"].push_back(std::move(k));
  }
  j["review"] = ordered_json::array();
  for (const auto& ref : doc.review) {
    const Cell& cell = doc.tables[ref.table].rows[ref.row].cells[ref.column];
    j["review"].push_back({{"cell", {{"table", ref.table}, {"row", ref.row}, {"column", ref.column}}},
                           {"text", cell.text},
                           {"confidence", cell.where.confidence.value_or(0)},
                           {"provenance", ToJson(cell.where)}});
  }
  j["warnings"] = Warnings(doc);
  return j.dump(indent, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

std::string ErrorJson(const Document& doc, const Status& error, int indent) {
  ordered_json j;
  j["schema_version"] = kSchemaVersion;
  j["source"] = Source(doc);
  j["error"] = {{"message", error.ToString()}, {"page", error.page}, {"line", error.line}};
  j["tables"] = ordered_json::array();
  j["warnings"] = Warnings(doc);
  return j.dump(indent, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace budgetx::output
