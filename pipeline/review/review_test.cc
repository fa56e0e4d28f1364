#include "pipeline/review/review.h"

#include <webp/decode.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/test/unit_test.hpp>

namespace budgetx::review {
namespace {

using nlohmann::ordered_json;
namespace fs = std::filesystem;

ordered_json Cell(const std::string& text, ordered_json provenance) {
  return {{"text", text}, {"kind", "amount"}, {"provenance", std::move(provenance)}};
}

ordered_json Box(double y, std::optional<double> confidence = {}) {
  ordered_json p = {{"page", 1}, {"bbox", {10, y, 60, y + 12}}};
  if (confidence) p["confidence"] = *confidence;
  return p;
}

// One table of three rows on page 1: 100 = 60 + 30 fails; 60 was corrected from 6O; 30 is OCR
// below the threshold; the row name has no provenance.
ordered_json Sample() {
  ordered_json rows = ordered_json::array();
  rows.push_back({{"cells", {Cell("合计", ordered_json::object()), Cell("100", Box(100))}}});
  rows.push_back({{"cells", {Cell("a", Box(112)), Cell("60", Box(112, 0.99))}}});
  rows.push_back({{"cells", {Cell("b", Box(124)), Cell("30", Box(124, 0.41))}}});
  ordered_json doc;
  doc["source"] = {{"path", "x.pdf"}, {"kind", "pdf"}, {"pages", 1}};
  doc["document"] = {{"title", "部门预算"}};
  doc["tables"] = {{{"number", "表1"}, {"title", "表1 收支总表"}, {"pages", {1}}, {"rows", rows}}};
  doc["checks"] = {{{"result", "fail"}, {"description", "100 = 60 + 30"}, {"stated", "100"}, {"computed", "90"},
                    {"target", {{"table", 0}, {"row", 0}, {"column", 1}}},
                    {"parts", {{{"table", 0}, {"row", 1}, {"column", 1}}, {{"table", 0}, {"row", 2}, {"column", 1}}}}},
                   {{"result", "pass"}, {"target", {{"table", 0}, {"row", 1}, {"column", 1}}}, {"parts", ordered_json::array()}}};
  doc["corrections"] = {{{"kind", "ocr_confusion"}, {"raw", "6O"}, {"result", "60"}, {"provenance", Box(112)},
                         {"cell", {{"table", "表1"}, {"table_index", 0}, {"row", 1}, {"column", 1}}}}};
  doc["review"] = {{{"cell", {{"table", 0}, {"row", 2}, {"column", 1}}}, {"text", "30"}, {"confidence", 0.41},
                    {"provenance", Box(124, 0.41)}}};
  doc["findings"] = {{{"rule", "placeholder"}, {"severity", "warning"}, {"message", "上海市XX局"},
                      {"evidence", {{{"kind", "text"}, {"text", "XX"}, {"provenance", Box(20)}}}}}};
  return doc;
}

const ordered_json* CellAt(const ordered_json& data, int row, int column) {
  for (const auto& c : data["cells"]) {
    if (c["row"] == row && c["column"] == column) return &c;
  }
  return nullptr;
}

BOOST_AUTO_TEST_SUITE(review)

BOOST_AUTO_TEST_CASE(every_cell_with_a_place_gets_its_most_urgent_state) {
  const ordered_json data = ReviewData(Sample(), {{1, "page-0001.webp", 595, 842}}, {});
  BOOST_TEST(data["cells"].size() == 5u);  // the row name without provenance has no box
  BOOST_TEST(CellAt(data, 0, 0) == nullptr);
  BOOST_TEST((*CellAt(data, 0, 1))["states"] == ordered_json({"failed", "text"}));
  BOOST_TEST((*CellAt(data, 1, 1))["states"] == ordered_json({"failed", "corrected", "ocr"}));
  BOOST_TEST((*CellAt(data, 1, 1))["raw"] == "6O");
  BOOST_TEST((*CellAt(data, 2, 1))["states"] == ordered_json({"failed", "low", "ocr"}));
  BOOST_TEST((*CellAt(data, 2, 1))["confidence"] == 0.41);
  BOOST_TEST((*CellAt(data, 1, 0))["states"] == ordered_json({"text"}));
  BOOST_TEST(data["pages"][0]["image"] == "page-0001.webp");
}

BOOST_AUTO_TEST_CASE(items_select_exactly_their_cells_and_say_who_needs_a_person) {
  const ordered_json data = ReviewData(Sample(), {}, {});
  std::map<std::string, ordered_json> by_section;
  for (const auto& item : data["items"]) by_section[item["section"]] = item;
  BOOST_TEST(data["items"].size() == 4u);  // review, the failed check, the finding, the correction
  const auto ids = [&](const ordered_json& item) {
    std::vector<std::pair<int, int>> out;
    for (int id : item["cells"]) out.push_back({data["cells"][id]["row"], data["cells"][id]["column"]});
    return out;
  };
  BOOST_TEST((ids(by_section["checks"]) == std::vector<std::pair<int, int>>{{0, 1}, {1, 1}, {2, 1}}));
  BOOST_TEST((ids(by_section["review"]) == std::vector<std::pair<int, int>>{{2, 1}}));
  BOOST_TEST((ids(by_section["corrections"]) == std::vector<std::pair<int, int>>{{1, 1}}));
  BOOST_TEST(by_section["corrections"]["label"] == "6O → 60");
  BOOST_TEST(by_section["findings"]["cells"].empty());
  BOOST_TEST(by_section["findings"]["areas"][0]["bbox"][1] == 20);
  BOOST_TEST(by_section["findings"]["page"] == 1);
  BOOST_TEST(by_section["checks"]["needs_person"] == true);
  BOOST_TEST(by_section["corrections"]["needs_person"] == false);  // not a repair from the accounts
  BOOST_TEST(data["tables"][0]["cells"].size() == 5u);
}

BOOST_AUTO_TEST_CASE(text_sources_carry_their_lines_and_cells_their_line_numbers) {
  ordered_json doc;
  doc["source"] = {{"path", "x.txt"}, {"kind", "text"}, {"pages", 2}};
  doc["tables"] = {{{"rows", {{{"cells", {Cell("7", {{"page", 2}, {"line", 3}})}}}}}}};
  const ordered_json data = ReviewData(doc, {}, {{1, "a"}, {1, "b"}, {2, "合计 7"}});
  BOOST_TEST(data["lines"].size() == 3u);
  BOOST_TEST(data["lines"][2]["page"] == 2);
  BOOST_TEST(data["lines"][2]["number"] == 3);
  BOOST_TEST(data["cells"][0]["line"] == 3);
  BOOST_TEST(data["kind"] == "text");
}

// The data slot's JSON, read back from a filled page.
ordered_json InlinedData(const std::string& html) {
  const std::string open = "id=\"review-data\">";
  const size_t from = html.find(open) + open.size();
  return ordered_json::parse(html.substr(from, html.find("</script>", from) - from));
}

BOOST_AUTO_TEST_CASE(document_text_never_becomes_markup) {
  ordered_json data = {{"cells", {{{"text", "</script><script>alert(1)</script><!--"}}}}};
  const std::string html = FillTemplate("<b>表</b> & \"x\"", data);
  BOOST_TEST(html.find("<title><b>") == std::string::npos);
  BOOST_TEST(html.find("&lt;b&gt;表&lt;/b&gt; &amp; &quot;x&quot;") != std::string::npos);
  BOOST_TEST(html.find("alert(1)</script>") == std::string::npos);
  BOOST_TEST(html.find("<!--\"") == std::string::npos);
  BOOST_TEST(InlinedData(html) == data);
  BOOST_TEST(html.find("{{") == std::string::npos);
}

GreyImage Image(int width, int height) {
  GreyImage image;
  image.width = width;
  image.height = height;
  image.dpi = 72;
  for (int i = 0; i < width * height; ++i) image.pixels.push_back(static_cast<uint8_t>(i));
  return image;
}

uint8_t At(const GreyImage& image, int x, int y) { return image.pixels[static_cast<size_t>(y) * image.width + x]; }

BOOST_AUTO_TEST_CASE(sideways_pages_turn_into_the_frame_of_their_boxes) {
  const GreyImage page = Image(3, 2);  // at 72 dpi a pixel is a point
  // turns 1: x' = y, y' = pivot - x: the pixel whose box is [x, x+1] lands at [pivot-x-1, pivot-x].
  const GreyImage one = ToReadingFrame(page, 1, 3);
  BOOST_TEST(one.width == 2);
  BOOST_TEST(one.height == 3);
  BOOST_TEST(At(one, 0, 2) == At(page, 0, 0));
  BOOST_TEST(At(one, 1, 0) == At(page, 2, 1));
  const GreyImage three = ToReadingFrame(page, 3, 2);  // x' = pivot - y, y' = x
  BOOST_TEST(three.width == 2);
  BOOST_TEST(three.height == 3);
  BOOST_TEST(At(three, 1, 0) == At(page, 0, 0));
  BOOST_TEST(At(three, 0, 2) == At(page, 2, 1));
  BOOST_TEST(ToReadingFrame(page, 0, 0).pixels == page.pixels);
}

BOOST_AUTO_TEST_CASE(webp_keeps_black_print_on_white_paper) {
  GreyImage page = Image(64, 48);
  for (int y = 0; y < 48; ++y)
    for (int x = 0; x < 64; ++x) page.pixels[y * 64 + x] = x < 32 ? 0 : 255;
  std::string webp;
  BOOST_REQUIRE(EncodeWebp(page, 55, &webp));
  int width = 0, height = 0;
  uint8_t* rgb = WebPDecodeRGB(reinterpret_cast<const uint8_t*>(webp.data()), webp.size(), &width, &height);
  BOOST_REQUIRE(rgb != nullptr);
  BOOST_TEST(width == 64);
  BOOST_TEST(height == 48);
  BOOST_TEST(rgb[(24 * 64 + 8) * 3] < 20);    // print
  BOOST_TEST(rgb[(24 * 64 + 56) * 3] > 235);  // paper
  WebPFree(rgb);
  BOOST_TEST(!EncodeWebp(GreyImage{}, 55, &webp));
}

BOOST_AUTO_TEST_CASE(write_makes_a_folder_of_images_and_a_page_and_replaces_an_earlier_one) {
  const fs::path dir = fs::temp_directory_path() / "budgetx_review_test";
  fs::remove_all(dir);
  int pages = 2;
  Source source;
  source.pages = [&](int dpi, const PageImageSink& sink) {
    for (int n = 1; n <= pages; ++n) {
      GreyImage image = Image(dpi * 2, dpi);  // 144 × 72 points
      image.dpi = dpi;
      BUDGETX_RETURN_IF_ERROR(sink(n, image));
    }
    return Status::Ok();
  };
  Written written;
  BOOST_REQUIRE(Write(Sample(), source, Options{}, dir.string(), &written).ok());
  BOOST_TEST(written.pages == 2);
  BOOST_TEST(fs::exists(dir / "page-0002.webp"));
  std::stringstream html;
  html << std::ifstream(dir / "index.html").rdbuf();
  const ordered_json data = InlinedData(html.str());
  BOOST_TEST(data["pages"].size() == 2u);
  BOOST_TEST(data["pages"][1]["width"] == 144.0);
  BOOST_TEST(data["pages"][1]["height"] == 72.0);
  BOOST_TEST(written.bytes == static_cast<int64_t>(fs::file_size(dir / "index.html") + fs::file_size(dir / "page-0001.webp") +
                                                   fs::file_size(dir / "page-0002.webp")));
  pages = 1;
  BOOST_REQUIRE(Write(Sample(), source, Options{}, dir.string(), &written).ok());
  BOOST_TEST(!fs::exists(dir / "page-0002.webp"));
  BOOST_TEST((Write(ordered_json::array(), source, Options{}, dir.string(), &written).code == Status::Code::kBadInput));
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace budgetx::review
