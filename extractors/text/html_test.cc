#include "extractors/text/html.h"

#include <algorithm>

#include <boost/test/unit_test.hpp>

#include "extractors/text/text_extractor.h"

namespace budgetx::text_extractor {
namespace {

std::vector<std::string> Texts(const std::vector<HtmlLine>& lines) {
  std::vector<std::string> out;
  for (const HtmlLine& line : lines) out.push_back(line.text);
  return out;
}

BOOST_AUTO_TEST_SUITE(html)

BOOST_AUTO_TEST_CASE(a_page_is_told_from_a_dump_by_its_start) {
  BOOST_TEST(LooksLikeHtml("\xEF\xBB\xBF\n  <!DOCTYPE html>\n<html><body>x</body></html>"));
  BOOST_TEST(LooksLikeHtml("<!-- saved from url -->\n<HTML lang=\"zh\">"));
  BOOST_TEST(!LooksLikeHtml("收支总表\n单位：万元 <html>\n"));
  BOOST_TEST(!LooksLikeHtml("<b>not a page</b>"));
  BOOST_TEST(!LooksLikeHtml(""));
}

BOOST_AUTO_TEST_CASE(blocks_end_lines_and_hidden_elements_are_dropped) {
  const char* page =
      "<html><head><title>站名</title><style>p{color:red}</style></head>\n"
      "<body><script>var a = '<p>x</p>';</script><!-- <p>注释</p> -->\n"
      "<h1>某部门2026年部门预算</h1><p>收入预算&nbsp;&nbsp;1,234.56万元，\n"
      "比上年增加&#20;&#x4E00;成&amp;多</p>一<br>二<br/>三 <span>四</span></body></html>";
  auto lines = HtmlToLines(page);
  std::vector<std::string> want = {"某部门2026年部门预算", "收入预算 1,234.56万元， 比上年增加\xEF\xBF\xBD一成&多", "一", "二",
                                   "三 四"};
  BOOST_TEST(Texts(lines) == want, boost::test_tools::per_element());
  BOOST_REQUIRE_EQUAL(lines.size(), 5u);
  BOOST_TEST(lines[0].source_line == 3);
  BOOST_TEST(lines[1].source_line == 3);  // a line is numbered where its text starts
  BOOST_TEST(lines[4].source_line == 4);
}

BOOST_AUTO_TEST_CASE(a_data_table_keeps_its_columns_through_spans) {
  const char* page =
      "<html><body><table>\n"
      "<tr><td colspan=\"4\">收支预算总表</td></tr>\n"
      "<tr><th rowspan=2>项目</th><th colspan='2'>本年预算</th><th rowspan=\"2\">备注</th></tr>\n"
      "<tr><th>基本<br>支出</th><th>项目支出</th></tr>\n"
      "<tr><td>合计</td><td>1,000.00</td><td></td><td>无</td></tr>\n"
      "<tr><td></td><td></td><td></td><td></td></tr>\n"
      "</table></body></html>";
  auto lines = HtmlToLines(page);
  std::vector<std::string> want = {"收支预算总表", "项目\t本年预算\t\t备注", "\t基本支出\t项目支出\t",
                                   "合计\t1,000.00\t\t无"};
  BOOST_TEST(Texts(lines) == want, boost::test_tools::per_element());
  BOOST_REQUIRE_EQUAL(lines.size(), 4u);
  BOOST_TEST(lines[3].source_line == 5);
}

BOOST_AUTO_TEST_CASE(a_row_is_read_to_a_thousand_columns) {
  auto lines = HtmlToLines("<html><table><tr><td>a</td><td colspan=99999>b</td><td>c</td></tr><tr><td>d</td><td>e</td></tr>");
  BOOST_REQUIRE_EQUAL(lines.size(), 2u);
  BOOST_TEST(std::count(lines[0].text.begin(), lines[0].text.end(), '\t') == 999);
  BOOST_TEST(lines[0].text.starts_with("a\tb\t\t"));
  BOOST_TEST(lines[1].text == "d\te");
}

BOOST_AUTO_TEST_CASE(a_layout_table_gives_its_cells_lines_and_its_inner_tables_rows) {
  const char* page =
      "<html><body><table><tr><td>首页</td></tr><tr><td><p>一、收入预算</p><p>说明文字</p>\n"
      "<table><tr><td>合计</td><td>5.00</td></tr></table>\n"
      "<p>二、支出预算</p></td></tr></table></body></html>";
  std::vector<std::string> want = {"首页", "一、收入预算", "说明文字", "合计\t5.00", "二、支出预算"};
  BOOST_TEST(Texts(HtmlToLines(page)) == want, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(broken_markup_is_read_as_text) {
  std::vector<std::string> want = {"a < b &unknown; c", "d"};
  BOOST_TEST(Texts(HtmlToLines("<html>a < b &unknown; c<p>d<table><tr><td>")) == want, boost::test_tools::per_element());
  BOOST_TEST(HtmlToLines("<html><head><title>x</title>").empty());
  BOOST_TEST(Texts(HtmlToLines("<html><head><title>x</title><body>正文")) == std::vector<std::string>{"正文"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_extractor_reads_a_page_as_cell_delimited_lines) {
  Document doc;
  BOOST_REQUIRE(ExtractBytes("p.html", "<!DOCTYPE html><table><tr><td>合计</td><td>5.00</td></tr></table>", &doc).ok());
  BOOST_TEST(doc.source_kind == "html");
  BOOST_REQUIRE_EQUAL(doc.pages.size(), 1u);
  BOOST_REQUIRE_EQUAL(doc.pages[0].lines.size(), 1u);
  const Line& line = doc.pages[0].lines[0];
  BOOST_TEST(line.cell_delimited);
  BOOST_REQUIRE_EQUAL(line.spans.size(), 2u);
  BOOST_TEST(line.spans[1].text == "5.00");
  BOOST_TEST(line.where.line == 1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace budgetx::text_extractor
