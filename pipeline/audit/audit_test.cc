// The audit on documents built by hand, with the project's rules.
#include "pipeline/audit/audit.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "tests/project_rules.h"

namespace budgetx::audit {
namespace {

// The nine tables of a Shanghai 部门决算, by title.
const std::vector<std::string> kFinalAccountTables = {
    "收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表", "财政拨款“三公”经费支出决算表", "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款收入支出决算表"};

Cell Text(const std::string& text) {
  Cell c;
  c.raw = c.text = text;
  c.kind = text.empty() ? ValueKind::kEmpty : ValueKind::kText;
  return c;
}

Cell Amount(int64_t units, int64_t fen) {
  Cell c = Text(std::to_string(units));
  c.kind = ValueKind::kAmount;
  c.number = Decimal{units, 0};
  c.amount_fen = fen;
  return c;
}

// A table on `page` with a name column and a total column holding `total` (none: blank).
Table MakeTable(const std::string& title, int page, std::optional<int64_t> total = 1) {
  Table t;
  t.title = title;
  t.unit = "万元";
  t.pages = {page};
  t.where.page = page;
  t.where.box = Box{50, 40, 300, 60};  // the title, at the top of its page
  t.columns = {{"name", "项目", false}, {"total", "合计", true}};
  Row row;
  row.cells = {Text("合计"), total ? Amount(*total, *total * 1000000) : Text("")};
  for (auto& c : row.cells) c.where.page = page;
  t.rows.push_back(row);
  return t;
}

Line MakeLine(int page, const std::string& text) {
  Line line;
  line.where.page = page;
  line.where.box = Box{50, 500, 400, 512};  // under the table
  Span s;
  s.text = text;
  s.where.page = page;
  line.spans.push_back(s);
  return line;
}

// A 2024 部门决算 printing `titles`, each on its own page, each line of `text` on page 1.
Document FinalAccount(const std::vector<std::string>& titles, const std::vector<std::string>& text = {}) {
  Document doc;
  doc.info.kind = "部门决算";
  doc.info.year = 2024;
  doc.info.issuer = "示例局";
  doc.pages.resize(titles.size() + 1);
  for (size_t i = 0; i < doc.pages.size(); ++i) doc.pages[i].number = static_cast<int>(i) + 1;
  for (const auto& t : text) doc.pages[0].lines.push_back(MakeLine(1, t));
  for (size_t i = 0; i < titles.size(); ++i) doc.tables.push_back(MakeTable(titles[i], static_cast<int>(i) + 2));
  return doc;
}

std::vector<Finding> Of(const std::vector<Finding>& all, const std::string& rule_prefix) {
  std::vector<Finding> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out), [&](const Finding& f) { return f.rule.starts_with(rule_prefix); });
  return out;
}

// A check of `kind` that fails: the printed `stated` against the `computed`.
Check Failed(const std::string& kind, Decimal stated, Decimal computed) {
  Check check;
  check.kind = kind;
  check.description = kind + " " + stated.ToString() + " = " + computed.ToString();
  check.result = CheckResult::kFail;
  check.stated = stated;
  check.computed = computed;
  return check;
}

BOOST_AUTO_TEST_SUITE(audit)

BOOST_AUTO_TEST_CASE(a_final_account_printing_its_template_is_complete) {
  auto findings = Of(Audit(testing::ProjectRules(), FinalAccount(kFinalAccountTables)), "completeness");
  BOOST_TEST(findings.empty());
}

BOOST_AUTO_TEST_CASE(a_missing_mandatory_table_is_an_error) {
  std::vector<std::string> titles = kFinalAccountTables;
  titles.erase(titles.begin() + 1);  // 收入决算表
  auto findings = Of(Audit(testing::ProjectRules(), FinalAccount(titles)), "completeness");
  BOOST_REQUIRE_EQUAL(findings.size(), 1u);
  BOOST_TEST(findings[0].rule == "completeness:上海部门决算");
  BOOST_TEST(std::string(SeverityName(findings[0].severity)) == "error");
  BOOST_TEST(findings[0].message == "missing: '收入决算表', a mandatory table of 上海部门决算");
}

BOOST_AUTO_TEST_CASE(a_table_titled_but_not_read_is_a_warning_not_a_missing_table) {
  std::vector<std::string> titles = kFinalAccountTables;
  titles.erase(titles.begin() + 1);
  auto findings = Of(Audit(testing::ProjectRules(), FinalAccount(titles, {"表2 2024年度收入决算表"})), "completeness");
  BOOST_REQUIRE_EQUAL(findings.size(), 1u);
  BOOST_TEST(std::string(SeverityName(findings[0].severity)) == "warning");
  BOOST_TEST(findings[0].evidence.at(0).where.page == 1);
}

BOOST_AUTO_TEST_CASE(a_renamed_table_and_an_extra_one_are_info) {
  std::vector<std::string> titles = kFinalAccountTables;
  titles[3] = "2024年度示例局财政拨款收入支出决算总表";  // year and issuer are not a new name
  titles[8] = "国有资本经营预算财政拨款支出决算表";
  titles.push_back("政府采购情况表");
  auto findings = Of(Audit(testing::ProjectRules(), FinalAccount(titles)), "completeness");
  BOOST_REQUIRE_EQUAL(findings.size(), 2u);
  BOOST_TEST(std::string(SeverityName(findings[0].severity)) == "info");
  BOOST_TEST(findings[0].message ==
             "'国有资本经营预算财政拨款收入支出决算表' printed as '国有资本经营预算财政拨款支出决算表'");
  BOOST_TEST(findings[1].message == "a table 上海部门决算 does not list: '政府采购情况表'");
  BOOST_TEST(*findings[1].evidence.at(0).table == 9);
}

BOOST_AUTO_TEST_CASE(a_document_without_tables_says_so_once) {
  auto findings = Of(Audit(testing::ProjectRules(), FinalAccount({})), "completeness");
  BOOST_REQUIRE_EQUAL(findings.size(), 1u);
  BOOST_TEST(std::string(SeverityName(findings[0].severity)) == "info");
  BOOST_TEST(findings[0].message.find("no tables in this document") == 0u);
}

BOOST_AUTO_TEST_CASE(an_empty_table_needs_its_note_and_a_filled_one_must_not_have_it) {
  Document doc = FinalAccount(kFinalAccountTables);
  doc.tables[7] = MakeTable(kFinalAccountTables[7], 9, std::nullopt);  // empty, no note
  doc.tables[8] = MakeTable(kFinalAccountTables[8], 10, std::nullopt);  // empty, its note below it
  doc.pages[9].lines.push_back(MakeLine(10, "说明：本单位本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。"));
  doc.tables[6].rows[0].cells.push_back(Text("本表无数据"));  // amounts, and a note saying none
  auto findings = Of(Audit(testing::ProjectRules(), doc), "empty_table");
  BOOST_REQUIRE_EQUAL(findings.size(), 2u);
  BOOST_TEST(findings[0].rule == "empty_table:note_on_filled");
  BOOST_TEST(*findings[0].evidence.at(0).table == 6);
  BOOST_TEST(findings[1].rule == "empty_table:no_note");
  BOOST_TEST(*findings[1].evidence.at(0).table == 7);
}

BOOST_AUTO_TEST_CASE(a_placeholder_left_in_the_text_is_a_warning) {
  auto findings = Of(Audit(testing::ProjectRules(), FinalAccount(kFinalAccountTables, {"上海市XX局2024年度部门决算", "XXL 型号"})),
                     "placeholder");
  BOOST_REQUIRE_EQUAL(findings.size(), 1u);
  BOOST_TEST(std::string(SeverityName(findings[0].severity)) == "warning");
  BOOST_TEST(findings[0].evidence.at(0).text == "上海市XX局2024年度部门决算");
}

BOOST_AUTO_TEST_CASE(a_title_two_years_off_is_a_warning_the_year_before_is_not) {
  std::vector<std::string> titles = kFinalAccountTables;
  titles[0] = "2023年度收入支出决算总表";
  titles[1] = "2022年度收入决算表";
  auto findings = Of(Audit(testing::ProjectRules(), FinalAccount(titles)), "stray_year");
  BOOST_REQUIRE_EQUAL(findings.size(), 1u);
  BOOST_TEST(findings[0].message.find("states 2022") != std::string::npos);
  BOOST_TEST(*findings[0].evidence.at(0).table == 1);
}

BOOST_AUTO_TEST_CASE(a_failed_check_is_an_error_with_its_cells_and_numbers) {
  Document doc = FinalAccount(kFinalAccountTables);
  Check fail = Failed("total_row", {3, 0}, {2, 0});
  fail.target = {0, 0, 1};
  fail.parts = {{1, 0, 1}, {2, 0, 1}};
  Check rounding = fail;
  rounding.result = CheckResult::kPassWithinRounding;
  doc.checks = {fail, rounding};
  auto findings = Of(Audit(testing::ProjectRules(), doc), "check:");
  BOOST_REQUIRE_EQUAL(findings.size(), 2u);
  BOOST_TEST(std::string(SeverityName(findings[0].severity)) == "error");
  BOOST_TEST(findings[0].stated->ToString() == "3");
  BOOST_TEST(findings[0].computed->ToString() == "2");
  BOOST_REQUIRE_EQUAL(findings[0].evidence.size(), 3u);
  BOOST_TEST(findings[0].evidence[1].where.page == 3);  // the second table's cell
  BOOST_TEST(std::string(SeverityName(findings[1].severity)) == "info");
}

BOOST_AUTO_TEST_CASE(a_text_amount_off_by_ten_thousand_is_stated_in_the_wrong_unit) {
  Document doc = FinalAccount(kFinalAccountTables);
  Check text = Failed("narrative", {3, 1}, {29617, 1});  // 0.3 万元 stated; 2,961.68 万元 at its digits
  Check other = Failed("narrative", {4, 1}, {29617, 1});  // 0.4: simply wrong
  doc.checks = {text, other};
  auto findings = Audit(testing::ProjectRules(), doc);
  BOOST_REQUIRE(findings.size() >= 2u);
  BOOST_TEST(findings[0].rule == "unit_mislabel");
  BOOST_TEST(findings[0].message.find("10,000 times what the text states") != std::string::npos);
  BOOST_TEST(findings[1].rule == "check:narrative");
}

BOOST_AUTO_TEST_CASE(of_the_sums_failing_on_one_cell_the_closest_is_the_finding) {
  Document doc = FinalAccount(kFinalAccountTables);
  Check declared = Failed("line_identity", {1000, 2}, {900, 2});  // 合计 10.00 against 9.00
  Check inferred = Failed("total_row", {1000, 2}, {1300, 2});     // the same 合计 against 13.00
  Check elsewhere = Failed("total_row", {500, 2}, {400, 2});
  elsewhere.target.row = 1;
  doc.checks = {inferred, declared, elsewhere};
  auto findings = Of(Audit(testing::ProjectRules(), doc), "check:");
  BOOST_REQUIRE_EQUAL(findings.size(), 2u);
  BOOST_TEST(findings[0].rule == "check:line_identity");
  BOOST_TEST(findings[0].computed->ToString() == "9.00");
  BOOST_TEST(findings[1].computed->ToString() == "4.00");
}

// A table of 经济分类 rows: code and name, as the tables stage reads them.
Table CodedTable(const std::vector<std::pair<std::string, std::string>>& rows) {
  Table t = MakeTable("一般公共预算基本支出表", 2);
  t.rows.clear();
  for (const auto& [code, name] : rows) {
    Row row;
    row.code = code;
    row.name = name;
    row.cells = {Text(code), Text(name), Amount(1, 1000000)};
    row.cells[0].kind = ValueKind::kCode;
    t.rows.push_back(row);
  }
  return t;
}

BOOST_AUTO_TEST_CASE(a_code_printed_with_another_codes_name_unless_the_table_follows_another_list) {
  Document doc = FinalAccount({});
  doc.tables = {CodedTable({{"30201", "办公费"}, {"30202", "印刷费"}, {"30205", "水费"}, {"30209", "物业管理费"},
                            {"30211", "物业管理费"}, {"30307", "医疗费"}, {"30204", "手续费用"}})};
  auto findings = Of(Audit(testing::ProjectRules(), doc), "code_name");
  BOOST_REQUIRE_EQUAL(findings.size(), 1u);  // 30307 医疗费 is its former name; 手续费用 no listed name
  BOOST_TEST(findings[0].message.find("code 30211 is printed with the name of 30209") != std::string::npos);
  BOOST_TEST(findings[0].evidence.at(0).cell->column == 1);

  // 上海's own 经济分类 of 部门预算: 302 03 水费, 302 04 电费 … most names are not the national ones.
  doc.tables = {CodedTable({{"30201", "办公费"}, {"30204", "电费"}, {"30205", "邮电费"}, {"30209", "工会经费"}})};
  BOOST_TEST(Of(Audit(testing::ProjectRules(), doc), "code_name").empty());
}

BOOST_AUTO_TEST_CASE(a_sum_of_cells_read_by_ocr_that_fails_is_a_warning) {
  Document doc = FinalAccount(kFinalAccountTables);
  doc.tables[0].rows[0].cells[1].where.confidence = 0.97;
  Check check = Failed("column_identity", {41, 1}, {73, 1});  // 4.1 = 5.7 + 1.6, the minus of -1.6 lost
  check.target = {0, 0, 1};
  doc.checks = {check};
  auto findings = Of(Audit(testing::ProjectRules(), doc), "check:");
  BOOST_REQUIRE_EQUAL(findings.size(), 1u);
  BOOST_TEST(std::string(SeverityName(findings[0].severity)) == "warning");
  BOOST_TEST(findings[0].message.find("read by OCR") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_table_where_many_sums_fail_is_doubted_not_blamed) {
  Document doc = FinalAccount(kFinalAccountTables);
  std::vector<Check> checks;
  for (int row = 0; row < 10; ++row) {  // 3 of 10 fail: the table is likely read wrong
    Check c = Failed("total_row", {10, 0}, {row < 3 ? 9 : 10, 0});
    if (row >= 3) c.result = CheckResult::kPass;
    c.target = {1, row, 1};
    checks.push_back(c);
  }
  doc.checks = checks;
  auto findings = Of(Audit(testing::ProjectRules(), doc), "check:");
  BOOST_REQUIRE_EQUAL(findings.size(), 3u);
  for (const auto& f : findings) BOOST_TEST(std::string(SeverityName(f.severity)) == "warning");
  for (int row = 3; row < 20; ++row) {  // 3 of 20: a fault of the disclosure
    Check c = checks.back();
    c.target.row = row + 10;
    doc.checks.push_back(c);
  }
  findings = Of(Audit(testing::ProjectRules(), doc), "check:");
  BOOST_REQUIRE_EQUAL(findings.size(), 3u);
  for (const auto& f : findings) BOOST_TEST(std::string(SeverityName(f.severity)) == "error");
}

BOOST_AUTO_TEST_CASE(a_note_printed_under_a_filled_table_and_zeros_as_empty) {
  // 三公 filled, its note says empty; 政府性基金 all zeros with its note; 国有资本 prints its column
  // numbers (** 1) and a note.
  Document doc = FinalAccount(kFinalAccountTables);
  doc.tables[7].rows[0].cells[1] = Amount(0, 0);
  Row numbers;
  numbers.cells = {Text("**"), Amount(1, 1000000)};
  doc.tables[8].rows.insert(doc.tables[8].rows.begin(), numbers);
  doc.tables[8].rows[1].cells[1] = Text("");
  for (int t : {6, 7, 8}) {
    Line note = MakeLine(t + 2, "说明：本单位本年度没有此项支出，故本表无数据。");
    doc.pages[t + 1].lines.push_back(note);
  }
  auto findings = Of(Audit(testing::ProjectRules(), doc), "empty_table");
  BOOST_REQUIRE_EQUAL(findings.size(), 1u);
  BOOST_TEST(findings[0].rule == "empty_table:note_on_filled");
  BOOST_TEST(findings[0].message.find("“三公”") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace budgetx::audit
