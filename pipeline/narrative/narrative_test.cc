#include "pipeline/narrative/narrative.h"

#include <boost/test/unit_test.hpp>

#include "extractors/text/text_extractor.h"
#include "tests/project_rules.h"

namespace budgetx::narrative {
namespace {

Description Describe(const std::string& text, const std::string& file_name = "") {
  Document doc;
  Status s = text_extractor::ExtractBytes("t.txt", text, &doc);
  if (!s.ok()) throw std::runtime_error(s.ToString());
  return narrative::Describe(testing::ProjectRules(), doc.pages, file_name);
}

BOOST_AUTO_TEST_SUITE(narrative)

BOOST_AUTO_TEST_CASE(kind_year_and_issuer_come_from_the_first_lines) {
  Description doc = Describe("2024 年示例市示例区示例街道办事处部门预算\n\n第一部分 部门概况\n");
  BOOST_TEST(doc.info.kind == "部门预算");
  BOOST_TEST(doc.info.year == 2024);
  BOOST_TEST(doc.info.issuer == "示例市示例区示例街道办事处");
}

BOOST_AUTO_TEST_CASE(self_evaluation_is_recognised_before_budget) {
  Description doc = Describe("2021年度示例区示例中心预算项目绩效自评表\n");
  BOOST_TEST(doc.info.kind == "项目绩效自评表");
  BOOST_TEST(doc.info.year == 2021);
}

BOOST_AUTO_TEST_CASE(total_with_change_across_a_line_break) {
  Description doc = Describe("2023 年示例街道部门预算收\n入 27,126万元，比 2022 年增加 406万元，增长 1.52 %。\n");
  BOOST_REQUIRE(!doc.facts.empty());
  const NarrativeFact& fact = doc.facts.front();
  BOOST_TEST(fact.rule == "total_with_change");
  BOOST_TEST(fact.subject == "部门预算收入");
  BOOST_REQUIRE(fact.amount_fen.has_value());
  BOOST_TEST(*fact.amount_fen == 27126000000LL);
  BOOST_REQUIRE(fact.percent.has_value());
  BOOST_TEST(fact.percent->ToString() == "1.52");
  BOOST_TEST(fact.where.line == 1);
}

BOOST_AUTO_TEST_CASE(item_amounts_after_a_colon_or_comma) {
  Description doc = Describe("其中：人员支出 4,360.24 万元、公用支出 520.98 万元。\n");
  BOOST_REQUIRE_EQUAL(doc.facts.size(), 2u);
  BOOST_TEST(doc.facts[0].subject == "人员支出");
  BOOST_TEST(*doc.facts[0].amount_fen == 4360240000LL);
  BOOST_TEST(doc.facts[1].subject == "公用支出");
  BOOST_TEST(*doc.facts[1].amount_fen == 520980000LL);
}

BOOST_AUTO_TEST_CASE(missing_kind_and_year_are_warned) {
  Description doc = Describe("没有标题的文本\n");
  BOOST_TEST(doc.info.kind == "other");
  BOOST_REQUIRE_EQUAL(doc.warnings.size(), 2u);
  BOOST_TEST(doc.warnings[0].message == "document kind not recognised");
}

BOOST_AUTO_TEST_CASE(a_cover_label_names_the_issuer_before_the_title) {
  // The title names only the region; the label under it names the department.
  Description doc = Describe("示例市示例区2026年区级部门预算\n预算主管部门：示例市示例区司法局\n目 录\n一、部门主要职能\n");
  BOOST_TEST(doc.info.kind == "部门预算");
  BOOST_TEST(doc.info.year == 2026);
  BOOST_TEST(doc.info.issuer == "示例市示例区司法局");
  BOOST_TEST(doc.info.region == "示例市示例区");
}

BOOST_AUTO_TEST_CASE(a_budget_printing_only_tables_is_named_by_its_file_name) {
  const std::string tables = "预算01表 收支总表\n金额单位：万元\n项目 预算数 项目 预算数\n";
  Description doc = Describe(tables, "示例管理委员会_2026年部门预算");
  BOOST_TEST(doc.info.kind == "部门预算");
  BOOST_TEST(doc.info.year == 2026);
  BOOST_TEST(doc.info.issuer == "示例管理委员会");
  BOOST_TEST(doc.info.from_file_name == (std::vector<std::string>{"year", "issuer"}), boost::test_tools::per_element());
  // What the document prints wins over its file name.
  Description printed = Describe("2025年示例局部门预算\n" + tables, "示例管理委员会_2026年部门预算");
  BOOST_TEST(printed.info.year == 2025);
  BOOST_TEST(printed.info.issuer == "示例局");
  BOOST_TEST(printed.info.from_file_name.empty());
  // A document of no known kind takes nothing from a budget's file name.
  Description notice = Describe("依申请公开流程图\n", "2026年示例局部门预算");
  BOOST_TEST(notice.info.year == 0);
  BOOST_TEST(notice.info.from_file_name.empty());
}

BOOST_AUTO_TEST_CASE(a_unit_budget_takes_its_region_from_the_title) {
  Description doc = Describe("示例市2025年市级单位预算\n预算单位：示例职业技术学院\n目 录\n");
  BOOST_TEST(doc.info.kind == "单位预算");
  BOOST_TEST(doc.info.year == 2025);
  BOOST_TEST(doc.info.issuer == "示例职业技术学院");
  BOOST_TEST(doc.info.region == "示例市");
}

BOOST_AUTO_TEST_CASE(a_title_wrapped_over_three_lines_is_read_joined) {
  Description doc = Describe("示例市示例区规划和自然\n资源局\n2024 年度部门决算\n目\n录\n第一部分 概况\n");
  BOOST_TEST(doc.info.kind == "部门决算");
  BOOST_TEST(doc.info.year == 2024);
  BOOST_TEST(doc.info.issuer == "示例市示例区规划和自然资源局");
  BOOST_TEST(doc.info.title == "示例市示例区规划和自然资源局2024年度部门决算");
}

BOOST_AUTO_TEST_CASE(the_issuer_before_the_year_loses_a_trailing_bumen) {
  Description doc = Describe("- 1 -\n示例省示例厅部门 2018 年度\n部门预算信息公开\n- 2 -\n目 录\n");
  BOOST_TEST(doc.info.kind == "部门预算");
  BOOST_TEST(doc.info.year == 2018);
  BOOST_TEST(doc.info.issuer == "示例省示例厅");
  BOOST_TEST(doc.info.region == "示例省");
}

BOOST_AUTO_TEST_CASE(a_year_in_numerals_is_read) {
  Description doc = Describe("示例县示例局二〇二六年部门预算\n");
  BOOST_TEST(doc.info.kind == "部门预算");
  BOOST_TEST(doc.info.year == 2026);
}

BOOST_AUTO_TEST_CASE(a_notice_is_other_with_its_issuer_and_year) {
  Description doc = Describe(
      "示例市人民政府办公室文件\n示政办发〔2025〕3号\n示例市人民政府办公室关于印发示例办法的通知\n"
      "各区人民政府，市政府各部门：\n");
  BOOST_TEST(doc.info.kind == "other");
  BOOST_TEST(doc.info.year == 2025);
  BOOST_TEST(doc.info.issuer == "示例市人民政府办公室");
  BOOST_REQUIRE(!doc.warnings.empty());
  BOOST_TEST(doc.warnings[0].message == "document kind not recognised");
}

BOOST_AUTO_TEST_CASE(a_label_value_on_the_next_line_is_read) {
  Description doc = Describe("示例市财政项目支出绩效评价报告\n评价项目单位：\n示例市示例管理局\n报告日期：2021 年 8 月\n");
  BOOST_TEST(doc.info.issuer == "示例市示例管理局");
}

BOOST_AUTO_TEST_CASE(contents_table_titles_sentences_and_placeholders_are_not_issuers) {
  BOOST_TEST(Describe("目 录\n一、部门主要职能\n1. 2026年部门收入预算总表\n").info.issuer.empty());
  BOOST_TEST(Describe("本部门2026年部门预算收入100万元，比上年增加。\n").info.issuer.empty());
  Description tmpl = Describe("示例市 XX 局\n2024 年度部门决算\n");
  BOOST_TEST(tmpl.info.kind == "部门决算");
  BOOST_TEST(tmpl.info.issuer.empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace budgetx::narrative
