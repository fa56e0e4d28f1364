#include "pipeline/narrative/narrative.h"

#include <boost/test/unit_test.hpp>

#include "extractors/text/text_extractor.h"
#include "tests/project_rules.h"

namespace budgetx::narrative {
namespace {

Document Describe(const std::string& text) {
  Document doc;
  Status s = text_extractor::ExtractBytes("t.txt", text, &doc);
  if (!s.ok()) throw std::runtime_error(s.ToString());
  narrative::Describe(testing::ProjectRules(), &doc);
  return doc;
}

BOOST_AUTO_TEST_SUITE(narrative)

BOOST_AUTO_TEST_CASE(kind_year_and_issuer_come_from_the_first_lines) {
  Document doc = Describe("2024 年示例市示例区示例街道办事处部门预算\n\n第一部分 部门概况\n");
  BOOST_TEST(doc.info.kind == "部门预算");
  BOOST_TEST(doc.info.year == 2024);
  BOOST_TEST(doc.info.issuer == "示例市示例区示例街道办事处");
}

BOOST_AUTO_TEST_CASE(self_evaluation_is_recognised_before_budget) {
  Document doc = Describe("2021年度示例区示例中心预算项目绩效自评表\n");
  BOOST_TEST(doc.info.kind == "项目绩效自评表");
  BOOST_TEST(doc.info.year == 2021);
}

BOOST_AUTO_TEST_CASE(total_with_change_across_a_line_break) {
  Document doc = Describe("2023 年示例街道部门预算收\n入 27,126万元，比 2022 年增加 406万元，增长 1.52 %。\n");
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
  Document doc = Describe("其中：人员支出 4,360.24 万元、公用支出 520.98 万元。\n");
  BOOST_REQUIRE_EQUAL(doc.facts.size(), 2u);
  BOOST_TEST(doc.facts[0].subject == "人员支出");
  BOOST_TEST(*doc.facts[0].amount_fen == 4360240000LL);
  BOOST_TEST(doc.facts[1].subject == "公用支出");
  BOOST_TEST(*doc.facts[1].amount_fen == 520980000LL);
}

BOOST_AUTO_TEST_CASE(missing_kind_and_year_are_warned) {
  Document doc = Describe("没有标题的文本\n");
  BOOST_TEST(doc.info.kind.empty());
  BOOST_REQUIRE_EQUAL(doc.warnings.size(), 2u);
  BOOST_TEST(doc.warnings[0].message == "document kind not recognised");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace budgetx::narrative
