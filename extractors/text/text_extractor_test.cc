#include "extractors/text/text_extractor.h"

#include <filesystem>
#include <fstream>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "pipeline/model/sha256.h"

namespace budgetx::text_extractor {
namespace {

std::vector<std::string> AllLineTexts(const Document& doc) {
  std::vector<std::string> out;
  for (const auto& page : doc.pages)
    for (const auto& line : page.lines) out.push_back(line.Text());
  return out;
}

BOOST_AUTO_TEST_SUITE(text_extractor)

BOOST_AUTO_TEST_CASE(tab_lines_keep_empty_cells_and_indent) {
  Document doc;
  BOOST_REQUIRE(ExtractBytes("t.txt", "1\t\t机动经费\t0.20\n\t\t项目名称\n", &doc).ok());
  const auto& lines = doc.pages.at(0).lines;
  BOOST_REQUIRE_EQUAL(lines.size(), 2u);
  BOOST_TEST(lines[0].cell_delimited);
  BOOST_REQUIRE_EQUAL(lines[0].spans.size(), 4u);
  BOOST_TEST(lines[0].spans[1].text == "");
  BOOST_TEST(lines[0].spans[3].text == "0.20");
  BOOST_TEST(lines[1].indent == 2);
  BOOST_REQUIRE_EQUAL(lines[1].spans.size(), 3u);
  BOOST_TEST(lines[1].spans.at(0).text == "");
  BOOST_TEST(lines[1].spans.at(2).text == "项目名称");
  BOOST_TEST(lines[1].where.line == 2);
}

BOOST_AUTO_TEST_CASE(space_lines_split_into_tokens_including_ideographic_space) {
  Document doc;
  BOOST_REQUIRE(ExtractBytes("t.txt", "201  一般公共服务支出\xE3\x80\x80" "7 0\n", &doc).ok());
  const auto& spans = doc.pages.at(0).lines.at(0).spans;
  BOOST_REQUIRE_EQUAL(spans.size(), 4u);
  BOOST_TEST(spans[1].text == "一般公共服务支出");
  BOOST_TEST(spans[2].text == "7");
  // Extents count characters, the grid of a space-aligned dump.
  BOOST_TEST(spans[1].extent.x0 == 5);
  BOOST_TEST(spans[1].extent.x1 == 13);
  BOOST_TEST(spans[2].extent.x0 == 14);
  BOOST_TEST(spans[3].extent.x1 == 17);
}

BOOST_AUTO_TEST_CASE(form_feed_starts_a_page) {
  Document doc;
  BOOST_REQUIRE(ExtractBytes("t.txt", "a\n\fb\nc\n", &doc).ok());
  BOOST_REQUIRE_EQUAL(doc.pages.size(), 2u);
  BOOST_TEST(doc.pages[1].lines.at(0).Text() == "b");
  BOOST_TEST(doc.pages[1].lines.at(0).where.page == 2);
  BOOST_TEST(doc.pages[1].lines.at(0).where.line == 2);
}

BOOST_AUTO_TEST_CASE(gb18030_decodes_to_the_same_lines_as_utf8) {
  Document utf8, gb;
  BOOST_REQUIRE(Extract(std::string(BUDGETX_SOURCE_DIR) + "/samples/text/dept_budget_spaces/dept_budget_spaces.txt",
                        &utf8).ok());
  BOOST_REQUIRE(Extract(std::string(BUDGETX_SOURCE_DIR) +
                            "/samples/text/dept_budget_gb18030/dept_budget_gb18030.txt", &gb).ok());
  BOOST_TEST(utf8.encoding == "UTF-8");
  BOOST_TEST(gb.encoding == "GB18030");
  BOOST_TEST(AllLineTexts(utf8) == AllLineTexts(gb), boost::test_tools::per_element());
  BOOST_TEST(utf8.sha256 != gb.sha256);
}

BOOST_AUTO_TEST_CASE(utf8_bom_is_dropped) {
  Document doc;
  BOOST_REQUIRE(ExtractBytes("t.txt", "\xEF\xBB\xBF表 1\n", &doc).ok());
  BOOST_TEST(doc.pages[0].lines[0].spans[0].text == "表");
}

struct BadInput {
  std::string bytes;
  std::string message_part;
};
std::ostream& operator<<(std::ostream& os, const BadInput& b) { return os << b.message_part; }

const BadInput kBadInputs[] = {
    {"", "empty file"},
    {std::string("abc\0def", 7), "NUL byte at offset 3"},
    {std::string("\x01\x02\x03\x04\x05\x06 text", 11), "control bytes"},
};

BOOST_DATA_TEST_CASE(bad_input_is_refused_with_the_cause, boost::unit_test::data::make(kBadInputs), bad) {
  Document doc;
  Status s = ExtractBytes("bad.txt", bad.bytes, &doc);
  BOOST_TEST(!s.ok());
  BOOST_TEST((s.code == Status::Code::kBadInput));
  BOOST_TEST(s.ToString().find("bad.txt: ") == 0u);
  BOOST_TEST(s.message.find(bad.message_part) != std::string::npos, s.message);
}

BOOST_AUTO_TEST_CASE(missing_file_is_not_found) {
  Document doc;
  Status s = Extract("/nonexistent/budget.txt", &doc);
  BOOST_TEST((s.code == Status::Code::kNotFound));
}

BOOST_AUTO_TEST_CASE(sha256_matches_known_digests) {
  BOOST_TEST(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  BOOST_TEST(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  BOOST_TEST(Sha256Hex(std::string(1000, 'a')) ==
             "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
  // In pieces of every size the digest is the same; a file is hashed a megabyte at a time.
  std::string bytes;
  for (int i = 0; i < 3000; ++i) bytes += static_cast<char>(i * 7 % 251);
  for (size_t piece : {1u, 63u, 64u, 65u, 1000u}) {
    Sha256 hash;
    for (size_t at = 0; at < bytes.size(); at += piece) hash.Update(std::string_view(bytes).substr(at, piece));
    BOOST_TEST(hash.Hex() == Sha256Hex(bytes));
  }
  const std::string path = std::string(BUDGETX_SOURCE_DIR) + "/samples/text/dept_budget_gb18030/dept_budget_gb18030.txt";
  std::string whole, hex;
  BOOST_REQUIRE(ReadWholeFile(path, &whole).ok());
  BOOST_REQUIRE(Sha256OfFile(path, &hex).ok());
  BOOST_TEST(hex == Sha256Hex(whole));
  BOOST_TEST((Sha256OfFile("/nonexistent/budget.txt", &hex).code == Status::Code::kNotFound));
}

BOOST_AUTO_TEST_CASE(source_lines_are_decoded_numbered_and_paged_as_extract_reads_them) {
  const std::string path = std::string(BUDGETX_SOURCE_DIR) + "/samples/text/dept_budget_gb18030/dept_budget_gb18030.txt";
  std::vector<SourceLine> lines;
  BOOST_REQUIRE(ReadSourceLines(path, &lines).ok());
  Document doc;
  BOOST_REQUIRE(Extract(path, &doc).ok());
  BOOST_REQUIRE(!lines.empty());
  for (const auto& page : doc.pages) {
    for (const auto& line : page.lines) {
      BOOST_REQUIRE_LE(line.where.line, static_cast<int>(lines.size()));
      const SourceLine& source = lines[line.where.line - 1];
      BOOST_TEST(source.page == page.number);
      if (!line.spans.empty() && !line.spans.front().text.empty()) {
        BOOST_TEST(source.text.find(line.spans.front().text) != std::string::npos, source.text);
      }
    }
  }
  BOOST_TEST((ReadSourceLines("/nonexistent/x.txt", &lines).code == Status::Code::kNotFound));
}

BOOST_AUTO_TEST_CASE(source_lines_start_a_page_at_each_form_feed_without_cr_or_form_feed) {
  const std::string path = (std::filesystem::temp_directory_path() / "budgetx_source_lines.txt").string();
  std::ofstream(path, std::ios::binary) << "a\r\n\fb\n\f\fc\n";
  std::vector<SourceLine> lines;
  BOOST_REQUIRE(ReadSourceLines(path, &lines).ok());
  std::filesystem::remove(path);
  BOOST_REQUIRE_EQUAL(lines.size(), 3u);
  BOOST_TEST(lines[0].text == "a");
  BOOST_TEST(lines[1].text == "b");
  BOOST_TEST(lines[1].page == 2);
  BOOST_TEST(lines[2].text == "c");
  BOOST_TEST(lines[2].page == 4);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace budgetx::text_extractor
