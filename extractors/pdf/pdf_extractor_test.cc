#include "extractors/pdf/pdf_extractor.h"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

namespace budgetx::pdf_extractor {
namespace {

namespace fs = std::filesystem;

// A one-page PDF of the given content stream and font resource, with a correct cross-reference.
std::string OnePagePdf(const std::string& content, const std::string& font) {
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream", font};
  std::string pdf = "%PDF-1.7\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    std::string n = std::to_string(offset);
    pdf += std::string(10 - n.size(), '0') + n + " 00000 n \n";
  }
  return pdf + "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
}

const char* const kHelvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

struct TempPdf {
  fs::path path = fs::temp_directory_path() / ("budgetx-pdf-test-" + std::to_string(getpid()) + ".pdf");
  explicit TempPdf(const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }
  ~TempPdf() { fs::remove(path); }
};

BOOST_AUTO_TEST_SUITE(pdf_extractor)

BOOST_AUTO_TEST_CASE(a_page_whose_content_inflates_beyond_the_limit_is_not_read) {
  // 2 MB of drawing operators ("0 0 m" repeated) then a word: over a 1 MB limit.
  std::string content;
  while (content.size() < (2u << 20)) content += "0 0 m\n";
  TempPdf pdf(OnePagePdf(content + "BT /F1 12 Tf 72 700 Td (Total) Tj ET", kHelvetica));
  Options options;
  options.max_page_content = 1 << 20;
  Document doc;
  BOOST_REQUIRE(Extract(pdf.path.string(), options, &doc).ok());
  BOOST_REQUIRE_EQUAL(doc.pages.size(), 1u);
  BOOST_TEST(doc.pages[0].lines.empty());
  BOOST_TEST(!doc.pages[0].needs_ocr);  // not rendered either
  BOOST_REQUIRE_EQUAL(doc.warnings.size(), 1u);
  BOOST_TEST(doc.warnings[0].incomplete);
  BOOST_TEST(doc.warnings[0].where.page == 1);
  BOOST_TEST(doc.warnings[0].message.find("inflates to more than 1 MB") != std::string::npos, doc.warnings[0].message);
  // Under the default limit the same page is read.
  BOOST_REQUIRE(Extract(pdf.path.string(), Options{}, &doc).ok());
  BOOST_TEST(doc.warnings.empty());
  BOOST_REQUIRE_EQUAL(doc.pages[0].lines.size(), 1u);
  BOOST_TEST(doc.pages[0].lines[0].spans[0].text == "Total");
}

BOOST_AUTO_TEST_CASE(text_in_a_font_without_a_unicode_map_leaves_the_page_to_ocr) {
  // Glyph names Poppler cannot map: the text layer gives their raw codes.
  TempPdf pdf(OnePagePdf("BT /F1 12 Tf 72 700 Td (\\001\\002\\003\\004 \\001\\002\\003\\004) Tj ET",
                         "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
                         "/Differences [1 /g1 /g2 /g3 /g4] >> >>"));
  Document doc;
  BOOST_REQUIRE(Extract(pdf.path.string(), Options{}, &doc).ok());
  BOOST_REQUIRE_EQUAL(doc.pages.size(), 1u);
  BOOST_TEST(doc.pages[0].needs_ocr);
  BOOST_REQUIRE_EQUAL(doc.warnings.size(), 1u);
  BOOST_TEST(doc.warnings[0].message ==
             "text layer unreadable: 8 of 8 characters are unmapped glyphs; the page needs OCR");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace budgetx::pdf_extractor
