#include <boost/test/unit_test.hpp>

#include "pipeline/layout/layout.h"

namespace budgetx::layout {
namespace {

Word W(const std::string& text, double x0, double y, double x1) {
  Word w;
  w.text = text;
  w.box = {x0, y, x1, y + 10};
  w.font_size = 10;
  w.space_after = true;
  return w;
}

BOOST_AUTO_TEST_SUITE(layout_aligned)

// Rows of an unruled table: names and numbers in columns that every row leaves the same gaps
// between; the title above, across the columns, is not one of its rows.
BOOST_AUTO_TEST_CASE(aligned_rows_without_rules_are_a_region_read_in_columns) {
  std::vector<Word> words = {
      W("Table", 0, 0, 30), W("5", 33, 0, 38), W("Public", 41, 0, 75), W("Health", 78, 0, 115), W("Outlay", 118, 0, 160),
      W("Andhra", 0, 20, 35), W("Pradesh", 38, 20, 80), W("47,824,589", 120, 20, 170), W("9,967,837", 190, 20, 235),
      W("Assam", 0, 32, 35), W("14,874,821", 120, 32, 170), W("2,554,197", 190, 32, 235),
      W("Bihar", 0, 44, 30), W("21,016,708", 120, 44, 170), W("4,332,141", 190, 44, 235),
  };
  std::vector<Line> lines = LayOutPage(words, {}, 1).lines;
  BOOST_REQUIRE_EQUAL(lines.size(), 4u);
  BOOST_TEST(lines[0].region == -1);
  for (size_t k = 1; k < 4; ++k) BOOST_TEST(lines[k].region == 0);
  BOOST_REQUIRE_EQUAL(lines[1].columns.size(), 3u);
  BOOST_TEST(lines[1].columns[0].text == "Andhra Pradesh");
  BOOST_TEST(lines[1].columns[1].text == "47,824,589");
  BOOST_TEST(lines[2].columns[2].text == "2,554,197");
}

// A paragraph: its words' gaps do not line up from line to line.
BOOST_AUTO_TEST_CASE(a_paragraph_is_no_region) {
  std::vector<Word> words = {
      W("Earlier", 0, 0, 35), W("studies", 38, 0, 75), W("have", 78, 0, 100), W("revealed", 103, 0, 145),
      W("that", 0, 12, 20), W("the", 23, 12, 40), W("prevalence", 43, 12, 95), W("of", 98, 12, 108), W("it", 111, 12, 120),
      W("among", 0, 24, 32), W("rural", 35, 24, 60), W("adults", 63, 24, 95), W("was", 98, 24, 118), W("lowest", 121, 24, 150),
  };
  for (const auto& line : LayOutPage(words, {}, 1).lines) BOOST_TEST(line.region == -1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace budgetx::layout
