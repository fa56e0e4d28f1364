#include <boost/test/unit_test.hpp>

#include "pipeline/layout/grid.h"
#include "pipeline/layout/layout.h"

namespace budgetx::layout {
namespace {

Ruling H(double y, double x0, double x1) { return {x0, y, x1, y}; }
Ruling V(double x, double y0, double y1) { return {x, y0, x, y1}; }

Word W(const std::string& text, double x0, double y0, double x1, double y1) {
  Word w;
  w.text = text;
  w.box = {x0, y0, x1, y1};
  w.font_size = y1 - y0;
  return w;
}

// Three columns (x 0–100–200–300), three rows (y 0–20–40–60). The top row's last two columns
// are one merged cell (no rule at x=200 there); each cell border is drawn as its own piece, as
// spreadsheets print them.
std::vector<Ruling> MergedHeaderTable() {
  std::vector<Ruling> r;
  for (double y : {0.0, 20.0, 40.0, 60.0}) {
    r.push_back(H(y, 0, 100));
    r.push_back(H(y, 100, 200));
    r.push_back(H(y, 200, 300));
  }
  for (double x : {0.0, 100.0, 300.0}) r.push_back(V(x, 0, 60));
  r.push_back(V(200, 20, 40));
  r.push_back(V(200.4, 40, 60));
  r.push_back(H(80, 400, 500));  // a lone underline elsewhere on the page
  return r;
}

BOOST_AUTO_TEST_SUITE(layout_grid)

BOOST_AUTO_TEST_CASE(rules_make_a_grid_with_a_merged_cell) {
  std::vector<Grid> grids = FindGrids(MergedHeaderTable());
  BOOST_REQUIRE_EQUAL(grids.size(), 1u);
  const Grid& g = grids[0];
  BOOST_TEST(g.Columns() == 3);
  BOOST_TEST(g.Rows() == 3);
  BOOST_TEST(g.cells.size() == 8u);
  const GridCell& merged = g.CellAt(0, 2);
  BOOST_TEST(merged.col0 == 1);
  BOOST_TEST(merged.col1 == 3);
  BOOST_TEST(g.CellAt(1, 2).col0 == 2);
}

// A stamp pressed over the table: its ring leaves short runs that each cross one rule (upright
// at x 150 and 250 across y 20, lying at y 50 across x 100).
BOOST_AUTO_TEST_CASE(a_stamp_over_the_table_bounds_no_column) {
  std::vector<Ruling> r = MergedHeaderTable();
  r.push_back(V(150, 8, 30));
  r.push_back(V(250, 6, 32));
  r.push_back(H(50, 90, 130));
  std::vector<Grid> grids = FindGrids(r);
  BOOST_REQUIRE_EQUAL(grids.size(), 1u);
  BOOST_TEST(grids[0].Columns() == 3);
  BOOST_TEST(grids[0].Rows() == 3);
}

BOOST_AUTO_TEST_CASE(a_box_or_a_three_line_table_is_no_grid) {
  BOOST_TEST(FindGrids({H(0, 0, 100), H(50, 0, 100), V(0, 0, 50), V(100, 0, 50)}).empty());
  BOOST_TEST(FindGrids({H(0, 0, 300), H(20, 0, 300), H(60, 0, 300)}).empty());
}

BOOST_AUTO_TEST_CASE(grid_rows_become_delimited_lines_with_joined_cells) {
  std::vector<Word> words = {
      W("表1", 0, -30, 20, -20),                                   // title above the table
      W("项目", 10, 5, 40, 15),       W("金额", 180, 5, 220, 15),  // header; 金额 spans two columns
      W("基本", 10, 22, 30, 29),      W("工资", 10, 31, 30, 38),   // a name wrapped in its cell
      W("5", 150, 25, 160, 35),       W("1,23", 240, 22, 280, 29), W("4.00", 240, 31, 280, 38),
      W("合计", 10, 45, 30, 55),      W("12", 250, 45, 270, 55),
  };
  std::vector<Line> lines = LayOutPage(words, MergedHeaderTable(), 2).lines;
  BOOST_REQUIRE_EQUAL(lines.size(), 4u);
  BOOST_TEST(!lines[0].cell_delimited);
  BOOST_TEST(lines[0].Text() == "表1");
  BOOST_REQUIRE_EQUAL(lines[1].spans.size(), 3u);
  BOOST_TEST(lines[1].cell_delimited);
  BOOST_TEST(lines[1].spans[1].text == "金额");
  BOOST_TEST(lines[1].spans[1].column_span == 2);
  BOOST_TEST(lines[1].spans[2].text == "");
  BOOST_TEST(lines[2].spans[0].text == "基本工资");
  BOOST_TEST(lines[2].spans[1].text == "5");
  BOOST_TEST(lines[2].spans[2].text == "1,234.00");  // a number broken over two lines
  BOOST_TEST(lines[3].spans[0].text == "合计");
  BOOST_TEST(lines[3].spans[1].text == "");
  BOOST_TEST(lines[3].spans[2].text == "12");
  BOOST_TEST(lines[3].spans[2].where.box->x0 == 200.2, boost::test_tools::tolerance(0.01));
  BOOST_TEST(lines[3].spans[2].where.page == 2);
}

BOOST_AUTO_TEST_CASE(text_overflowing_a_fixed_height_row_stays_in_its_cell) {
  // Row 0 is 12 points tall (y 20–32) but its value wraps over three lines centred on it, so the
  // first line sits above the grid and the last in row 1. A caption above the grid that shares
  // the left edge of the first column is not pulled in.
  std::vector<Ruling> rules = {H(20, 0, 300), H(32, 0, 300), H(60, 0, 300), V(0, 20, 60), V(100, 20, 60),
                               V(300, 20, 60)};
  std::vector<Word> words = {
      W("2023年度", 2, 8, 40, 18),   W("名称", 2, 21, 22, 31),      W("深圳市坪山", 102, 9, 150, 19),
      W("区坪山街道", 102, 21, 150, 31), W("办事处", 102, 33, 130, 43), W("任务", 2, 40, 22, 50),
  };
  std::vector<Line> lines = LayOutPage(words, rules, 1).lines;
  BOOST_REQUIRE_EQUAL(lines.size(), 3u);
  BOOST_TEST(lines[0].Text() == "2023年度");
  BOOST_TEST(lines[1].spans[0].text == "名称");
  BOOST_TEST(lines[1].spans[1].text == "深圳市坪山区坪山街道办事处");
  BOOST_TEST(lines[2].spans[0].text == "任务");
  BOOST_TEST(lines[2].spans[1].text == "");
}

// The same 2 x 2 grid printed sideways, its text running down the page (a quarter turn
// clockwise): read after turning the page back, its first row is the one furthest right.
BOOST_AUTO_TEST_CASE(a_grid_printed_sideways_is_laid_out_in_its_reading_frame) {
  // Reading frame: columns x 0-100-200, rows y 0-20-40; page frame: x = 500 - y, y = x.
  std::vector<Ruling> rules = {V(500, 0, 200), V(480, 0, 200), V(460, 0, 200),
                               H(0, 460, 500), H(100, 460, 500), H(200, 460, 500)};
  auto turned = [](const std::string& text, double x0, double x1, double row) {
    Word w = W(text, 500 - row - 15, x0, 500 - row - 5, x1);  // 10 points tall in reading frame
    w.rotation = 1;
    return w;
  };
  std::vector<Word> words = {turned("State", 2, 40, 0), turned("n", 102, 110, 0),
                             turned("Kerala", 2, 45, 20), turned("2400", 102, 130, 20)};
  PageLayout laid = LayOutPage(words, rules, 1);
  BOOST_TEST(laid.turns == 1);
  BOOST_REQUIRE_EQUAL(laid.lines.size(), 2u);
  BOOST_TEST(laid.lines[0].spans.at(0).text == "State");
  BOOST_TEST(laid.lines[0].spans.at(1).text == "n");
  BOOST_TEST(laid.lines[1].spans.at(0).text == "Kerala");
  BOOST_TEST(laid.lines[1].spans.at(1).text == "2400");
  BOOST_TEST(laid.lines[1].where.box->y0 == 20);
}

// Names printed left of a ruled block of numbers, with no rule of their own: the grid takes
// them in as its first column.
BOOST_AUTO_TEST_CASE(a_column_beside_a_grid_without_rules_is_its_first_column) {
  std::vector<Ruling> rules = {H(0, 100, 300), H(20, 100, 300), H(40, 100, 300), H(60, 100, 300),
                               V(100, 0, 60), V(200, 0, 60), V(300, 0, 60)};
  std::vector<Word> words = {W("963", 110, 5, 130, 15),     W("439", 210, 5, 230, 15),
                             W("Alcona", 10, 25, 50, 35),   W("923", 110, 25, 130, 35), W("393", 210, 25, 230, 35),
                             W("Caledonia", 10, 45, 60, 55), W("1026", 110, 45, 135, 55), W("349", 210, 45, 230, 55)};
  std::vector<Line> lines = LayOutPage(words, rules, 1).lines;
  BOOST_REQUIRE_EQUAL(lines.size(), 3u);
  BOOST_REQUIRE_EQUAL(lines[1].spans.size(), 3u);
  BOOST_TEST(lines[1].spans[0].text == "Alcona");
  BOOST_TEST(lines[1].spans[1].text == "923");
  BOOST_TEST(lines[2].spans[0].text == "Caledonia");
  BOOST_TEST(lines[0].spans[0].text == "");
  BOOST_TEST(lines[2].region == 0);
}

// A boxed header over a body printed without rules: the body's lines are rows, its numbers in
// the columns their alignment shows within the header's cells.
BOOST_AUTO_TEST_CASE(an_unruled_body_under_a_boxed_header_is_read_as_rows) {
  std::vector<Ruling> rules = {H(0, 0, 200), H(20, 0, 200), H(80, 0, 200), V(0, 0, 80), V(100, 0, 80), V(200, 0, 80)};
  std::vector<Word> words = {W("Offense", 2, 5, 40, 15),  W("Total", 110, 5, 140, 15),
                             W("Murder", 2, 25, 40, 35),  W("10.0", 110, 25, 130, 35), W("9.1", 160, 25, 180, 35),
                             W("Robbery", 2, 40, 45, 50), W("100.5", 110, 40, 135, 50), W("43.0", 160, 40, 180, 50),
                             W("Arson", 2, 55, 30, 65),   W("9.4", 110, 55, 125, 65),  W("7.0", 160, 55, 175, 65)};
  std::vector<Line> lines = LayOutPage(words, rules, 1).lines;
  BOOST_REQUIRE_EQUAL(lines.size(), 4u);
  BOOST_REQUIRE_EQUAL(lines[2].spans.size(), 3u);
  BOOST_TEST(lines[2].spans[0].text == "Robbery");
  BOOST_TEST(lines[2].spans[1].text == "100.5");
  BOOST_TEST(lines[2].spans[2].text == "43.0");
  BOOST_TEST(lines[3].spans[2].text == "7.0");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace budgetx::layout
