#include "extractors/pdf/text_layer.h"

#include <boost/test/unit_test.hpp>

namespace budgetx::pdf_extractor {
namespace {

layout::Word W(const std::string& text) {
  layout::Word w;
  w.text = text;
  w.box = {0, 0, 10, 10};
  return w;
}

BOOST_AUTO_TEST_SUITE(pdf_text_layer)

BOOST_AUTO_TEST_CASE(text_layer_verdicts) {
  BOOST_TEST(!JudgeTextLayer({}, 0.3).usable);
  BOOST_TEST(JudgeTextLayer({}, 0.3).cause == "no text layer");
  std::vector<layout::Word> garbled = {W("\xEE\x80\x81\xEE\x80\x82\xEE\x80\x83"), W("表")};
  TextLayerVerdict v = JudgeTextLayer(garbled, 0.3);
  BOOST_TEST(!v.usable);
  BOOST_TEST(v.cause.find("3 of 4 characters are unmapped") != std::string::npos, v.cause);
  BOOST_TEST(JudgeTextLayer({W("一般公共预算")}, 0.3).usable);
  TextLayerVerdict raw_codes = JudgeTextLayer({W("\x01\x02\x03"), W("\x04"), W("5")}, 0.3);
  BOOST_TEST(raw_codes.cause == "text layer unreadable: 4 of 5 characters are unmapped glyphs");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace budgetx::pdf_extractor
