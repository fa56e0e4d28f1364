#include <boost/test/unit_test.hpp>

#include "pipeline/layout/layout.h"

namespace budgetx::layout {
namespace {

Word W(const std::string& text, double x0, double y0, double x1, double y1, bool space_after = false) {
  Word w;
  w.text = text;
  w.box = {x0, y0, x1, y1};
  w.font_size = y1 - y0;
  w.space_after = space_after;
  return w;
}

BOOST_AUTO_TEST_SUITE(layout_lines)

BOOST_AUTO_TEST_CASE(words_group_into_lines_top_to_bottom_and_spans_left_to_right) {
  std::vector<Word> words = {
      W("7", 300, 102, 306, 112),        W("201", 50, 100, 68, 112),
      W("一般公共", 90, 100, 130, 112),  W("服务支出", 131, 100, 171, 112),
      W("205", 50, 120, 68, 132),
  };
  std::vector<Line> lines = GroupIntoLines(words, 3);
  BOOST_REQUIRE_EQUAL(lines.size(), 2u);
  BOOST_REQUIRE_EQUAL(lines[0].spans.size(), 3u);
  BOOST_TEST(lines[0].spans[0].text == "201");
  // A gap of one point inside a CJK run is no cell boundary.
  BOOST_TEST(lines[0].spans[1].text == "一般公共服务支出");
  BOOST_TEST(lines[0].spans[1].extent.x0 == 90);
  BOOST_TEST(lines[0].spans[1].extent.x1 == 171);
  BOOST_TEST(lines[0].spans[2].text == "7");
  BOOST_TEST(lines[0].spans[2].where.page == 3);
  BOOST_TEST(lines[0].spans[2].where.box->y0 == 102);
  BOOST_TEST(lines[1].spans.at(0).text == "205");
}

BOOST_AUTO_TEST_CASE(a_space_after_a_word_keeps_the_next_word_apart) {
  std::vector<Line> lines = GroupIntoLines({W("合计", 50, 100, 70, 110, true), W("5", 72, 100, 77, 110)}, 1);
  BOOST_REQUIRE_EQUAL(lines.at(0).spans.size(), 2u);
}

Page PageOf(int number, const std::vector<std::pair<std::string, double>>& lines) {
  Page page;
  page.number = number;
  for (const auto& [text, y] : lines) {
    page.lines.push_back(GroupIntoLines({W(text, 50, y, 50 + 10 * static_cast<double>(text.size()), y + 10)}, number).at(0));
  }
  return page;
}

BOOST_AUTO_TEST_CASE(page_numbers_at_one_height_are_dropped_repeated_titles_kept) {
  std::vector<Page> pages;
  for (int n = 1; n <= 4; ++n) {
    pages.push_back(PageOf(n, {{"表3 支出总表", 20}, {"正文", 100}, {"合计", 700},
                               {"- " + std::to_string(n) + " -", n == 4 ? 780.0 : 800.0}}));
  }
  pages.push_back(PageOf(5, {{"正文", 100}, {"2023", 800}}));  // a year, not the page's number
  for (int n = 6; n <= 8; ++n) {
    pages.push_back(PageOf(n, {{"表" + std::to_string(n), 20}, {"正文", 100}, {"- " + std::to_string(n) + " -", 800}}));
  }
  BOOST_TEST(DropRunningLines(&pages) == 6u);  // the numbers of pages 1–3 and 6–8; 表6–表8 are titles
  BOOST_REQUIRE_EQUAL(pages[0].lines.size(), 3u);
  BOOST_TEST(pages[0].lines[0].Text() == "表3 支出总表");  // the same on every page: a title
  BOOST_TEST(pages[3].lines.back().Text() == "- 4 -");     // printed elsewhere on that page
  BOOST_TEST(pages[4].lines.back().Text() == "2023");
  BOOST_TEST(pages[5].lines.front().Text() == "表6");
}

BOOST_AUTO_TEST_CASE(page_numbers_of_portrait_and_landscape_pages_are_dropped_at_both_heights) {
  std::vector<Page> pages;
  for (int n = 1; n <= 8; ++n) {
    pages.push_back(PageOf(n, {{"正文", 100}, {"- " + std::to_string(n) + " -", n <= 4 ? 800.0 : 560.0}}));
  }
  pages.push_back(PageOf(9, {{"正文", 100}, {"- 9 -", 300}}));  // once at its height: not the running line
  BOOST_TEST(DropRunningLines(&pages) == 8u);  // neither height alone holds 60% of the 9 pages
  BOOST_TEST(pages[5].lines.size() == 1u);
  BOOST_TEST(pages[8].lines.back().Text() == "- 9 -");
}

BOOST_AUTO_TEST_CASE(page_numbers_of_one_and_two_digits_are_one_running_line) {
  std::vector<Page> pages;
  for (int n = 1; n <= 16; ++n) {
    std::string number = n == 14 ? "1 4" : std::to_string(n);  // digits the text layer spaced apart
    pages.push_back(PageOf(n, {{"正文", 100}, {"— " + number + " —", 800}}));
  }
  BOOST_TEST(DropRunningLines(&pages) == 16u);  // 9 pages of "— # —" and 7 of "— ## —": neither alone is 60%
  BOOST_TEST(pages[9].lines.size() == 1u);
  BOOST_TEST(pages[9].lines[0].Text() == "正文");
}

BOOST_AUTO_TEST_CASE(a_run_of_digits_too_long_for_a_page_number_numbers_no_page) {
  std::vector<Page> pages;
  for (int n = 1; n <= 4; ++n) {
    pages.push_back(PageOf(n, {{"正文", 100}, {"20101012010101201010120101" + std::to_string(n), 800}}));
  }
  BOOST_TEST(DropRunningLines(&pages) == 0u);
  BOOST_TEST(pages[2].lines.size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace budgetx::layout
