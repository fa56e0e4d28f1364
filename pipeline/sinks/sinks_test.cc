#include "pipeline/sinks/sinks.h"

#include <sqlite3.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pipeline/sinks/internal.h"

namespace budgetx::sinks {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  static inline int made = 0;
  fs::path path = fs::temp_directory_path() / ("budgetx-sinks-test-" + std::to_string(getpid()) + "-" + std::to_string(made++));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

std::string Read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A small finished document: one table of two rows, three records, a check, a correction.
Json Doc(const std::string& sha, const std::string& name = "示例, \"街道\"") {
  Json doc = Json::parse(R"({
    "schema_version": "1",
    "source": {"path": "in/a.pdf", "sha256": ")" + sha + R"(", "kind": "pdf", "pages": 2},
    "document": {"kind": "部门预算", "year": 2024, "issuer": "示例街道", "unit": "万元", "title": "t"},
    "summary": {"tables": 1, "rows": 2, "records": 3, "checks": {"pass": 1, "pass_within_rounding": 0, "fail": 0}},
    "tables": [{"index": 0, "number": "表2", "title": "支出总表", "unit": "万元", "unit_fen": 1000000, "pages": [2],
                "columns": [{"key": "name", "header": "科目名称"}, {"key": "total", "header": "支出总计"},
                            {"key": "basic", "header": "基本支出"}],
                "rows": [{"kind": "body", "code": "201", "cells": [
                           {"text": "NAME", "kind": "text", "value": null, "amount_fen": null, "provenance": {"page": 2}},
                           {"text": "1.5", "kind": "amount", "value": "1.5", "amount_fen": 1500000, "provenance": {"page": 2, "confidence": 0.91}},
                           {"text": "1", "kind": "amount", "value": "1", "amount_fen": 1000000, "provenance": {"page": 2}}]},
                         {"kind": "body", "code": "", "cells": [
                           {"text": "其他", "kind": "text", "value": null, "amount_fen": null, "provenance": {"page": 2}},
                           {"text": "-0.01", "kind": "amount", "value": "-0.01", "amount_fen": -10000, "provenance": {"page": 2}}]}]}],
    "records": [
      {"table": "表2", "table_index": 0, "row": 0, "row_code": "201", "row_name": "NAME", "column": "total", "column_index": 1, "amount_fen": 1500000, "provenance": {"page": 2}},
      {"table": "表2", "table_index": 0, "row": 0, "row_code": "201", "row_name": "NAME", "column": "basic", "column_index": 2, "amount_fen": 1000000, "provenance": {"page": 2}},
      {"table": "表2", "table_index": 0, "row": 1, "row_code": "", "row_name": "其他", "column": "total", "column_index": 1, "amount_fen": -10000, "provenance": {"page": 2}}],
    "checks": [{"kind": "column_identity", "rule": "r", "result": "pass", "description": "d", "stated": "1.5",
                "computed": "1.5", "tolerance": "0", "target": {"table": 0, "row": 0, "column": 1}, "parts": []}],
    "findings": [{"rule": "check:column_identity", "severity": "error", "message": "does not add up", "stated": "1.5",
                  "computed": "1.4", "evidence": [{"kind": "cell", "text": "1.5", "cell": {"table": 0, "row": 0, "column": 1},
                                                   "provenance": {"page": 2}}]}],
    "corrections": [{"kind": "nfkc", "raw": "１.5", "result": "1.5", "provenance": {"page": 2},
                     "cell": {"table": "表2", "table_index": 0, "row": 0, "column": 1}}],
    "warnings": [{"stage": "tables", "severity": "warning", "message": "m", "provenance": {"page": 2}}]
  })");
  doc["tables"][0]["rows"][0]["cells"][0]["text"] = name;
  for (int r : {0, 1}) doc["records"][r]["row_name"] = name;
  return doc;
}

// All rows of a whole document, as the database sink makes them element by element.
Rows Flatten(const Json& doc) {
  Rows out;
  out["documents"].push_back(DocumentRow(doc));
  std::string sha = doc["source"].value("sha256", "");
  for (const char* array : {"tables", "records", "checks", "findings", "corrections", "warnings"}) {
    const Json items = doc.value(array, Json::array());
    for (size_t i = 0; i < items.size(); ++i) FlattenElement(sha, array, i, items[i], &out);
  }
  return out;
}

// Hands the document to the sink the way a batch does: its JSON in a file, with its head.
Status Put(Sinks* sink, const fs::path& dir, const std::string& name, const Json& doc) {
  fs::path file = dir / ("staged-" + name + ".json");
  std::ofstream(file) << doc.dump(1);
  std::string sha = doc["source"]["sha256"];
  Status s = sink->Put({"in/" + name + ".pdf", name, 1, sha}, {file.string(), batch::ReadHead(file.string())});
  fs::remove(file);
  return s;
}

EachDocument Each(const std::vector<Json>& docs) {
  return [docs](const std::function<void(const Json&)>& use) {
    for (const auto& d : docs) use(d);
    return Status::Ok();
  };
}

int64_t Count(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
  int64_t n = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
  sqlite3_finalize(stmt);
  return n;
}

BOOST_AUTO_TEST_SUITE(sinks)

BOOST_AUTO_TEST_CASE(yuan_is_exact_decimal_text) {
  BOOST_TEST(Yuan(123456) == "1234.56");
  BOOST_TEST(Yuan(5) == "0.05");
  BOOST_TEST(Yuan(-10000) == "-100.00");
  BOOST_TEST(Yuan(INT64_MIN) == "-92233720368547758.08");
}

BOOST_AUTO_TEST_CASE(a_document_flattens_into_one_row_per_table_cell_record_check_correction) {
  auto rows = Flatten(Doc("ab"));
  BOOST_TEST(rows["documents"].size() == 1u);
  BOOST_TEST(std::get<std::string>(rows["documents"][0][9]) == "warnings");  // status
  BOOST_TEST(rows["tables"].size() == 1u);
  BOOST_TEST(rows["cells"].size() == 5u);
  BOOST_TEST(std::get<double>(rows["cells"][1][11]) == 0.91);                // confidence
  BOOST_TEST(std::holds_alternative<std::monostate>(rows["cells"][0][10]));  // no amount
  BOOST_TEST(rows["records"].size() == 3u);
  BOOST_TEST(std::get<int64_t>(rows["records"][2][9]) == -10000);
  BOOST_TEST(rows["checks"].size() == 1u);
  BOOST_REQUIRE_EQUAL(rows["findings"].size(), 1u);
  BOOST_TEST(std::get<std::string>(rows["findings"][0][3]) == "error");      // severity
  BOOST_TEST(std::get<int64_t>(rows["findings"][0][7]) == 2);                // page of the first evidence
  BOOST_TEST(std::get<int64_t>(rows["findings"][0][8]) == 0);                // its table
  BOOST_TEST(std::get<int64_t>(rows["corrections"][0][6]) == 0);             // table_index
  for (const auto& t : Schema()) {
    for (const auto& row : rows[t.name]) BOOST_TEST(row.size() == t.columns.size(), t.name);
  }
}

BOOST_AUTO_TEST_CASE(csv_quotes_commas_and_quotes_and_keeps_amounts_exact) {
  std::ostringstream out;
  BOOST_REQUIRE(WriteRecordsCsv(Each({Doc("ab")}), out).ok());
  std::string csv = out.str();
  BOOST_TEST(csv.find("\"示例, \"\"街道\"\"\"") != std::string::npos);
  BOOST_TEST(csv.find(",1500000,15000.00,") != std::string::npos);
  BOOST_TEST(csv.find(",-10000,-100.00,") != std::string::npos);
  std::ostringstream findings;
  BOOST_REQUIRE(WriteFindingsCsv(Each({Doc("ab")}), findings).ok());
  BOOST_TEST(findings.str().find(",check:column_identity,error,does not add up,1.5,1.4,2\r\n") != std::string::npos);
  std::ostringstream budget;
  std::string fdp;
  rules::RuleSet rules;
  BOOST_REQUIRE(rules::Load(std::string(BUDGETX_SOURCE_DIR) + "/rules", &rules).ok());
  BOOST_REQUIRE(WriteFdp(Each({Doc("ab")}), rules.fdp_measures, budget, &fdp).ok());
  BOOST_TEST(budget.str().find(",15000.00") != std::string::npos);
  BOOST_TEST(fdp.find("\"currency\": \"CNY\"") != std::string::npos);
  BOOST_TEST(fdp.find("\"expenditure_approved\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(folder_keeps_one_file_per_document_and_resumes_from_its_manifest) {
  TempDir dir, staging;
  std::unique_ptr<Sinks> sink;
  BOOST_REQUIRE(Open({dir.path.string(), {"json", "jsonl", "csv"}, {}}, &sink).ok());
  BOOST_REQUIRE(Put(sink.get(), staging.path, "a", Doc("aa")).ok());
  BOOST_REQUIRE(Put(sink.get(), staging.path, "a", Doc("bb")).ok());  // another document named a
  BOOST_REQUIRE(sink->Close().ok());
  BOOST_TEST(fs::exists(dir.path / "a.json"));
  BOOST_TEST(fs::exists(dir.path / "a-bb.json"));
  BOOST_TEST(Read(dir.path / "records.csv").find("\r\nbb,") != std::string::npos);
  BOOST_TEST(Read(dir.path / "findings.csv").find("\r\nbb,") != std::string::npos);
  // A run killed while appending leaves a cut line; it is dropped and the file repaired.
  std::ofstream(dir.path / "manifest.jsonl", std::ios::app) << R"({"sha256": "cc", "fi)";
  std::ofstream(dir.path / "c.json.tmp") << "{";
  BOOST_REQUIRE(Open({dir.path.string(), {"json", "jsonl"}, {}}, &sink).ok());
  BOOST_TEST(sink->Has("aa"));
  BOOST_TEST(sink->Has("bb"));
  BOOST_TEST(!sink->Has("cc"));
  BOOST_TEST(!fs::exists(dir.path / "c.json.tmp"));
  BOOST_REQUIRE(Put(sink.get(), staging.path, "a", Doc("aa")).ok());  // --force: same file again
  BOOST_REQUIRE(sink->Close().ok());
  std::string jsonl = Read(dir.path / "documents.jsonl");
  BOOST_TEST(std::count(jsonl.begin(), jsonl.end(), '\n') == 2);
}

BOOST_AUTO_TEST_CASE(sqlite_loads_are_idempotent_per_document) {
  TempDir dir;
  std::string db_path = (dir.path / "t.sqlite").string();
  for (int pass = 0; pass < 2; ++pass) {
    std::unique_ptr<Sinks> sink;
    BOOST_REQUIRE(Open({"", {}, {db_path}}, &sink).ok());
    BOOST_TEST(sink->Has("aa") == (pass == 1));
    BOOST_REQUIRE(Put(sink.get(), dir.path, "a", Doc("aa")).ok());
    BOOST_REQUIRE(sink->Close().ok());
  }
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open(db_path.c_str(), &db) == SQLITE_OK);
  BOOST_TEST(Count(db, "SELECT count(*) FROM documents") == 1);
  BOOST_TEST(Count(db, "SELECT count(*) FROM cells") == 5);
  BOOST_TEST(Count(db, "SELECT sum(amount_fen) FROM records") == 2490000);
  BOOST_TEST(Count(db, "SELECT year FROM documents WHERE issuer = '示例街道'") == 2024);
  BOOST_TEST(Count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'records_row_code'") == 1);
  sqlite3_close(db);
}

BOOST_AUTO_TEST_CASE(unreachable_databases_name_the_target_and_hide_the_password) {
  std::unique_ptr<Sinks> sink;
  Status s = Open({"", {}, {"/nonexistent-dir/x.sqlite"}}, &sink);
  BOOST_TEST(!s.ok());
  BOOST_TEST(s.ToString().find("/nonexistent-dir/x.sqlite: cannot open SQLite database") != std::string::npos);
  s = Open({"", {}, {"postgresql://loader:secret@127.0.0.1:1/budgets?connect_timeout=2"}}, &sink);
  BOOST_TEST(!s.ok());
  BOOST_TEST(s.ToString().find("cannot connect to PostgreSQL") != std::string::npos);
  BOOST_TEST(s.ToString().find("secret") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace budgetx::sinks
