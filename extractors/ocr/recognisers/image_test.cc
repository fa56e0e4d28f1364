#include "extractors/ocr/recognisers/image.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>

namespace budgetx::ocr {
namespace {

// A white page at 300 dpi with a 3 × 2 grid of 3-pixel rules of grey `rule`: columns at
// x 100–400–700–1000, rows at y 100–250–400.
GreyImage GridPage(uint8_t rule = 0) {
  GreyImage image;
  image.width = 1200;
  image.height = 600;
  image.dpi = 300;
  image.pixels.assign(static_cast<size_t>(image.width * image.height), 255);
  auto dark = [&](int x0, int y0, int x1, int y1, uint8_t grey) {
    for (int y = y0; y < y1; ++y) {
      for (int x = x0; x < x1; ++x) image.pixels[static_cast<size_t>(y * image.width + x)] = grey;
    }
  };
  for (int y : {100, 250, 400}) dark(100, y, 1003, y + 3, rule);
  for (int x : {100, 400, 700, 1000}) dark(x, 100, x + 3, 403, rule);
  dark(150, 150, 170, 200, 0);  // a stroke of ink inside the first cell
  dark(420, 300, 560, 304, 0);  // a long stroke (of a large character) inside the fifth cell
  return image;
}

// A white page 2,400 pixels wide at 300 dpi with a 2 × 2 grid of `thickness`-pixel rules turned by
// `degrees` clockwise about its top-left corner, above twelve upright lines of "characters"
// (blocks of ink) that tell the text's deskew the page is upright.
GreyImage TiltedGridPage(double degrees, int thickness = 3) {
  GreyImage image;
  image.width = 2400;
  image.height = 1500;
  image.dpi = 300;
  image.pixels.assign(static_cast<size_t>(image.width * image.height), 255);
  const double slope = std::tan(degrees * M_PI / 180);
  auto dot = [&](int x, int y) {
    if (x >= 0 && y >= 0 && x < image.width && y < image.height) image.pixels[static_cast<size_t>(y * image.width + x)] = 0;
  };
  auto turned = [&](int u, int v) {  // (u, v) of the upright grid, from its corner
    dot(100 + static_cast<int>(std::lround(u - v * slope)), 100 + static_cast<int>(std::lround(v + u * slope)));
  };
  for (int t = 0; t < thickness; ++t) {
    for (int v : {0, 300, 600}) {
      for (int u = 0; u <= 2200; ++u) turned(u, v + t);
    }
    for (int u : {0, 1100, 2200}) {
      for (int v = 0; v <= 600; ++v) turned(u + t, v);
    }
  }
  for (int line = 0; line < 12; ++line) {
    for (int x0 = 100; x0 + 30 <= 2300; x0 += 45) {
      for (int y = 820 + 50 * line; y < 850 + 50 * line; ++y) {
        for (int x = x0; x < x0 + 30; ++x) dot(x, y);
      }
    }
  }
  return image;
}

BOOST_AUTO_TEST_SUITE(ocr_image)

BOOST_AUTO_TEST_CASE(rules_drawn_on_a_page_image_make_its_grid) {
  PreparedPage page = Prepare(GridPage());
  BOOST_REQUIRE(page.grey && page.binary);
  BOOST_TEST(page.skew_degrees == 0);
  std::vector<Box> cells = layout::GridCellBoxes(page.rulings);
  BOOST_REQUIRE_EQUAL(cells.size(), 6u);
  BOOST_TEST(cells[0].x0 == 101.5, boost::test_tools::tolerance(2.0));
  BOOST_TEST(cells[0].y1 == 251.5, boost::test_tools::tolerance(2.0));
}

// A hairline border scanned and compressed comes out light grey; it is still a rule.
BOOST_AUTO_TEST_CASE(light_grey_rules_make_the_grid_too) {
  PreparedPage page = Prepare(GridPage(170));
  BOOST_TEST(layout::GridCellBoxes(page.rulings).size() == 6u);
}

// A header row shaded grey is no darker than its surroundings: the rules across and around it
// are still found as rules, while a light grey rule is ink for finding rules.
BOOST_AUTO_TEST_CASE(a_shaded_header_row_keeps_its_rules) {
  GreyImage image = GridPage(170);
  for (int y = 103; y < 250; ++y) {
    for (int x = 103; x < 1000; ++x) {
      uint8_t& px = image.pixels[static_cast<size_t>(y * image.width + x)];
      if (px == 255) px = 215;
    }
  }
  PreparedPage page = Prepare(image);
  BOOST_TEST(layout::GridCellBoxes(page.rulings).size() == 6u);
}

// A table's rules tilted by half a degree drift by 19 pixels across the page: each would be a
// run too thick to be a rule. The text beside them is upright, so the page is turned by its
// rules until they lie flat.
BOOST_AUTO_TEST_CASE(a_page_is_turned_until_its_long_rules_lie_flat) {
  PreparedPage page = Prepare(TiltedGridPage(0.5));
  BOOST_TEST(page.skew_degrees == -0.5, boost::test_tools::tolerance(0.1));
  BOOST_TEST(layout::GridCellBoxes(page.rulings).size() == 4u);
}

// A thick border left tilted by less than is worth turning the page for (0.09°) spans a box
// 3.5 pixels thicker than itself across the table; on average it is as thick as it is printed.
BOOST_AUTO_TEST_CASE(a_rule_left_a_little_tilted_is_as_thick_as_printed) {
  PreparedPage page = Prepare(TiltedGridPage(0.09, 11));
  BOOST_TEST(page.skew_degrees == 0);
  auto across = std::count_if(page.rulings.begin(), page.rulings.end(), [](const layout::Ruling& r) { return r.Horizontal(); });
  BOOST_TEST(across == 3);
  BOOST_TEST(page.rulings.size() == 6u);
}

// The feet of a line of characters, bridged by a scan's grey fringe, make a run as long as a
// short rule; a rule that meets no rule across it is only one when long (a table ruled across
// only).
BOOST_AUTO_TEST_CASE(a_short_run_that_meets_no_rule_is_not_a_rule) {
  GreyImage image = GridPage();
  for (int y = 500; y < 503; ++y) {
    for (int x = 100; x < 600; ++x) image.pixels[static_cast<size_t>(y * image.width + x)] = 0;
  }
  PreparedPage page = Prepare(image);
  auto across_at = [&](double y) {
    return std::count_if(page.rulings.begin(), page.rulings.end(),
                         [&](const layout::Ruling& r) { return r.Horizontal() && std::abs(r.y0 - y) < 3; });
  };
  BOOST_TEST(across_at(302) == 0);  // the 140-pixel stroke inside the fifth cell
  BOOST_TEST(across_at(501.5) == 1);  // the 500-pixel rule under the grid
  BOOST_TEST(layout::GridCellBoxes(page.rulings).size() == 6u);
}

// A bold title above the grid: blocks of ink 50 pixels high, one of them a cross of strokes as
// long as short rules (80 across, 70 down). They lie inside the title's line and meet no rule
// outside it: strokes, left as ink, not rules. Under the grid, a one-row table set tight around
// its text: its sides lie inside the line too, but meet its borders, which run past the text.
BOOST_AUTO_TEST_CASE(strokes_of_a_bold_title_are_not_rules) {
  GreyImage image = GridPage();
  auto dark = [&](int x0, int y0, int x1, int y1) {
    for (int y = y0; y < y1; ++y) {
      for (int x = x0; x < x1; ++x) image.pixels[static_cast<size_t>(y * image.width + x)] = 0;
    }
  };
  for (int x = 300; x < 900; x += 55) {
    if (x < 560 || x > 660) dark(x, 25, x + 40, 75);
  }
  dark(580, 42, 660, 48);
  dark(617, 15, 623, 85);
  dark(100, 450, 1003, 453);
  dark(100, 517, 1003, 520);
  for (int x : {100, 600, 1000}) dark(x, 450, x + 3, 520);
  for (int x = 130; x < 960; x += 55) {
    if (x < 560 || x > 630) dark(x, 456, x + 40, 512);
  }
  PreparedPage page = Prepare(image);
  BOOST_REQUIRE(page.grey);
  auto above_grid = std::count_if(page.rulings.begin(), page.rulings.end(), [](const layout::Ruling& r) { return r.y0 < 95; });
  BOOST_TEST(above_grid == 0);
  auto middle_side = std::count_if(page.rulings.begin(), page.rulings.end(),
                                   [](const layout::Ruling& r) { return !r.Horizontal() && std::abs(r.x0 - 601.5) < 3 && r.y0 > 440; });
  BOOST_TEST(middle_side == 1);
  BOOST_TEST(layout::GridCellBoxes(page.rulings).size() == 8u);  // the grid's 6 and the row's 2
  BOOST_TEST(GET_DATA_BYTE(pixGetData(page.grey.get()) + 60 * pixGetWpl(page.grey.get()), 620) == 0);
}

// The same test for the lines a recogniser found: the title's strokes reach a little past the
// box found (a quarter of its height is allowed); the one-row table's side meets its borders.
BOOST_AUTO_TEST_CASE(strokes_inside_a_line_found_are_not_rules) {
  std::vector<layout::Ruling> rulings = {
      {120, 92, 120, 140}, {110, 125, 200, 125},                       // strokes of the title at x 100-300
      {60, 395, 940, 395}, {60, 455, 940, 455}, {500, 397, 500, 453},  // a one-row table at y 395-455
  };
  std::vector<PixelBox> lines = {{100, 100, 200, 50}, {100, 400, 800, 50}};
  std::vector<layout::Ruling> kept = WithoutStrokes(rulings, lines);
  BOOST_REQUIRE_EQUAL(kept.size(), 3u);
  BOOST_TEST(kept[2].x0 == 500);
}

// A table's borders are erased from the images read (Tesseract loses text touching a rule); a
// long stroke that meets no border is ink of the text and stays.
BOOST_AUTO_TEST_CASE(borders_are_erased_before_reading_other_strokes_stay) {
  PreparedPage page = Prepare(GridPage());
  BOOST_REQUIRE(page.grey && page.binary);
  auto grey = [&](int x, int y) { return GET_DATA_BYTE(pixGetData(page.grey.get()) + y * pixGetWpl(page.grey.get()), x); };
  auto ink = [&](int x, int y) { return GET_DATA_BIT(pixGetData(page.binary.get()) + y * pixGetWpl(page.binary.get()), x); };
  BOOST_TEST(grey(250, 101) == 255);
  BOOST_TEST(grey(401, 180) == 255);
  BOOST_TEST(ink(401, 180) == 0);
  BOOST_TEST(grey(500, 302) == 0);
  BOOST_TEST(ink(500, 302) == 1);
  BOOST_TEST(page.rulings.size() >= 7u);
}

BOOST_AUTO_TEST_CASE(a_cell_with_ink_is_read_an_empty_one_is_not) {
  PreparedPage page = Prepare(GridPage());
  BOOST_TEST(HasInk(page.binary.get(), 110, 110, 280, 130));
  BOOST_TEST(!HasInk(page.binary.get(), 410, 110, 280, 130));
}

// Speckle of light grey on the paper (JPEG, scanner) is made white for reading; ink and the grey
// edges of strokes stay.
BOOST_AUTO_TEST_CASE(light_speckle_on_the_paper_is_whitened_for_reading) {
  GreyImage image = GridPage();
  uint32_t seed = 12345;
  for (auto& px : image.pixels) {
    seed = seed * 1103515245u + 12345u;  // scattered, not in lines a deskew would follow
    if (px == 255 && (seed >> 16) % 7 == 0) px = 215;
  }
  image.pixels[static_cast<size_t>(170 * image.width + 172)] = 60;  // a stroke's grey edge
  PreparedPage page = Prepare(image);
  BOOST_REQUIRE(page.grey);
  auto at = [&](int x, int y) { return GET_DATA_BYTE(pixGetData(page.grey.get()) + y * pixGetWpl(page.grey.get()), x); };
  int speckle = 0;
  for (int x = 420; x < 680; ++x) speckle += at(x, 160) != 255;
  BOOST_TEST(speckle == 0);
  BOOST_TEST(at(160, 170) == 0);
  BOOST_TEST(at(172, 170) == 60);
}

// A black-and-white line 40 pixels high at y 100: a "3" (x 300–320) the line finder boxed at
// x 296–324, and a thin "1" (x 286–289) before it that it left out.
PixPtr OneThree() {
  PixPtr binary(pixCreate(600, 200, 1));
  pixRasterop(binary.get(), 300, 105, 20, 30, PIX_SET, nullptr, 0, 0);
  pixRasterop(binary.get(), 286, 105, 4, 30, PIX_SET, nullptr, 0, 0);
  return binary;
}

BOOST_AUTO_TEST_CASE(a_line_grows_to_a_thin_character_left_out_of_its_box) {
  PixPtr binary = OneThree();
  PixelBox grown = GrownToInk(binary.get(), {296, 100, 28, 40}, {}, 4);
  BOOST_TEST(grown.x == 282);                 // the 1's left edge less the margin
  BOOST_TEST(grown.x + grown.w == 324);       // nothing on the right
  BOOST_TEST(grown.y == 100);
}

BOOST_AUTO_TEST_CASE(a_line_grows_neither_across_a_rule_nor_to_a_speck) {
  PixPtr binary = OneThree();
  PixelBox across = GrownToInk(binary.get(), {296, 100, 28, 40}, {292}, 4);
  BOOST_TEST(across.x == 296);  // the 1 lies in the cell beyond the rule
  pixRasterop(binary.get(), 340, 115, 1, 2, PIX_SET, nullptr, 0, 0);  // a speck of paper noise
  PixelBox speck = GrownToInk(binary.get(), {296, 100, 28, 40}, {292}, 4);
  BOOST_TEST(speck.x + speck.w == 324);
}

// A black-and-white line 40 pixels high at y 100 holding "-0.4": digits 30 pixels high (x 310–330
// and 340–360) with a bar 8 × 3 before them across their middle, all inside the box x 294–364.
PixPtr MinusZeroFour() {
  PixPtr binary(pixCreate(600, 200, 1));
  pixRasterop(binary.get(), 310, 105, 20, 30, PIX_SET, nullptr, 0, 0);
  pixRasterop(binary.get(), 340, 105, 20, 30, PIX_SET, nullptr, 0, 0);
  pixRasterop(binary.get(), 298, 121, 8, 3, PIX_SET, nullptr, 0, 0);
  return binary;
}

BOOST_AUTO_TEST_CASE(a_bar_across_the_middle_before_the_digits_is_a_minus) {
  PixPtr binary = MinusZeroFour();
  BOOST_TEST(MinusBefore(binary.get(), {294, 100, 70, 40}, {}, 4));
  BOOST_TEST(MinusBefore(binary.get(), {308, 100, 56, 40}, {}, 4));   // left out of the box
  BOOST_TEST(!MinusBefore(binary.get(), {308, 100, 56, 40}, {302}, 4));  // beyond the cell's side
  pixRasterop(binary.get(), 340, 105, 20, 30, PIX_CLR, nullptr, 0, 0);
  BOOST_TEST(MinusBefore(binary.get(), {294, 100, 70, 40}, {}, 4));  // -0 alone
}

BOOST_AUTO_TEST_CASE(a_bar_low_or_thick_or_beside_other_ink_is_no_minus) {
  PixPtr low(pixCreate(600, 200, 1));
  pixRasterop(low.get(), 310, 105, 20, 30, PIX_SET, nullptr, 0, 0);
  pixRasterop(low.get(), 298, 132, 8, 3, PIX_SET, nullptr, 0, 0);  // at the foot: a stroke of a character
  BOOST_TEST(!MinusBefore(low.get(), {294, 100, 40, 40}, {}, 4));
  PixPtr thick(pixCreate(600, 200, 1));
  pixRasterop(thick.get(), 310, 105, 20, 30, PIX_SET, nullptr, 0, 0);
  pixRasterop(thick.get(), 299, 118, 7, 7, PIX_SET, nullptr, 0, 0);  // a blot
  BOOST_TEST(!MinusBefore(thick.get(), {294, 100, 40, 40}, {}, 4));
  PixPtr close(pixCreate(600, 200, 1));
  pixRasterop(close.get(), 310, 105, 5, 30, PIX_SET, nullptr, 0, 0);
  pixRasterop(close.get(), 302, 124, 7, 3, PIX_SET, nullptr, 0, 0);  // a 4's crossbar broken off its stem
  BOOST_TEST(!MinusBefore(close.get(), {294, 100, 40, 40}, {}, 4));
  PixPtr more = MinusZeroFour();
  pixRasterop(more.get(), 286, 105, 4, 30, PIX_SET, nullptr, 0, 0);  // a 1 before it: 1-0.4 is a range
  BOOST_TEST(!MinusBefore(more.get(), {282, 100, 82, 40}, {}, 4));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace budgetx::ocr
