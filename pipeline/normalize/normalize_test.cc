#include "pipeline/normalize/normalize.h"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <limits>
#include <ostream>

namespace budgetx::normalize {
namespace {

namespace data = boost::unit_test::data;
using Changes = std::vector<std::string>;

struct TextCase {
  std::string raw;
  std::string text;
  Changes changes;
};
std::ostream& operator<<(std::ostream& os, const TextCase& c) { return os << "raw=\"" << c.raw << "\""; }

const std::vector<TextCase> kTextCases = {
    // Ideograph variants become the unified ideograph through ICU's NFKC.
    {"\u2F00般公共预算", "一般公共预算", {"nfkc"}},
    {"\u2F08员经费", "人员经费", {"nfkc"}},
    {"\uF967忘初心", "不忘初心", {"nfkc"}},
    {"\u2E9F亲", "母亲", {"nfkc"}},
    {"\U0002F800", "丽", {"nfkc"}},
    // Full-width digits and letters become ASCII; their punctuation only inside numbers.
    {"４，８８１．２２", "4,881.22", {"nfkc", "number_chars"}},
    {"１，２３４，５６７", "1,234,567", {"nfkc", "number_chars"}},
    {"4．5", "4.5", {"number_chars"}},
    {"９５％", "95%", {"nfkc", "number_chars"}},
    {"ＡＢＣ ｘｙｚ", "ABC xyz", {"nfkc"}},
    {"2023，2024", "2023，2024", {}},
    {"1，23", "1，23", {}},
    {"1．一般公共预算", "1．一般公共预算", {}},
    {"收入，支出", "收入，支出", {}},
    {"－", "－", {}},
    // Chinese punctuation and symbols stay as printed.
    {"深圳市坪山区坪山街道办事处（本级）", "深圳市坪山区坪山街道办事处（本级）", {}},
    {"部门名称：", "部门名称：", {}},
    {"≥95%", "≥95%", {}},
    {"“三公”经费", "“三公”经费", {}},
    {"①", "①", {}},
    // Spaces next to CJK characters are layout; others are collapsed to one.
    {"2023 年预算数", "2023年预算数", {"cjk_space"}},
    {"２０２３ 年预算数", "2023年预算数", {"nfkc", "cjk_space"}},
    {"收 入", "收入", {"cjk_space"}},
    {"收\u3000\u3000入", "收入", {"cjk_space"}},
    {"部门名称： 深圳", "部门名称：深圳", {"cjk_space"}},
    {"“ 三公 ” 经费", "“三公”经费", {"cjk_space"}},
    {"a b", "a b", {}},
    {"a \t\u00A0 b", "a b", {}},
    {"4,881.22 16.9%", "4,881.22 16.9%", {}},
    {"  收入\t", "收入", {}},
    {"\u3000", "", {}},
    {"", "", {}},
    // Invalid UTF-8 is replaced, never dropped silently.
    {"\xff", "\uFFFD", {"invalid_utf8"}},
    {"收\xff入", "收\uFFFD入", {"invalid_utf8"}},
    {"\xe6\x94", "\uFFFD", {"invalid_utf8"}},
};

BOOST_AUTO_TEST_SUITE(normalize)

BOOST_DATA_TEST_CASE(normalize_text, data::make(kTextCases), c) {
  NormalizedText got = NormalizeText(c.raw);
  BOOST_TEST(got.text == c.text);
  BOOST_TEST(got.changes == c.changes, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(normalized_text_is_stable) {
  for (const auto& c : kTextCases) {
    NormalizedText again = NormalizeText(c.text);
    BOOST_TEST(again.text == c.text);
    BOOST_TEST(again.changes.empty(), "renormalising \"" << c.text << "\" changed it");
  }
}

BOOST_AUTO_TEST_CASE(compact_removes_all_white_space) {
  BOOST_TEST(Compact("收 入\t支\u3000出\n") == "收入支出");
  BOOST_TEST(Compact(" a b ") == "ab");
  BOOST_TEST(Compact("") == "");
  BOOST_TEST(Compact("a\xff b") == "a\xff" "b");
}

struct NumberCase {
  std::string text;
  ValueKind kind;
  int64_t units = 0;
  int scale = 0;
  bool grouped = false;
};
std::ostream& operator<<(std::ostream& os, const NumberCase& c) { return os << "text=\"" << c.text << "\""; }

const std::vector<NumberCase> kNumberCases = {
    {"", ValueKind::kEmpty},
    {"-", ValueKind::kDash},
    {"—", ValueKind::kDash},
    {"－", ValueKind::kDash},
    {"--", ValueKind::kDash},
    {"——", ValueKind::kDash},
    {"―", ValueKind::kDash},
    {"–", ValueKind::kDash},
    {"27,126", ValueKind::kAmount, 27126, 0, true},
    {"1,234,567", ValueKind::kAmount, 1234567, 0, true},
    {"4881.22", ValueKind::kAmount, 488122, 2, false},
    {"4,881.22", ValueKind::kAmount, 488122, 2, true},
    {"0.20", ValueKind::kAmount, 20, 2, false},
    {"0", ValueKind::kAmount, 0, 0, false},
    {"2010101", ValueKind::kAmount, 2010101, 0, false},
    {"-3", ValueKind::kAmount, -3, 0, false},
    {"(3)", ValueKind::kAmount, -3, 0, false},
    {"（3）", ValueKind::kAmount, -3, 0, false},
    {"－3", ValueKind::kAmount, -3, 0, false},
    {"(1,234.50)", ValueKind::kAmount, -123450, 2, true},
    {"100.00%", ValueKind::kPercent, 10000, 2, false},
    {"-0.16%", ValueKind::kPercent, -16, 2, false},
    {"16.9%", ValueKind::kPercent, 169, 1, false},
    {"1,23", ValueKind::kText},
    {"12,3456", ValueKind::kText},
    {"1234,567", ValueKind::kText},
    {",123", ValueKind::kText},
    {"1,,234", ValueKind::kText},
    {"1.", ValueKind::kText},
    {".5", ValueKind::kText},
    {"1.2.3", ValueKind::kText},
    {"(3", ValueKind::kText},
    {"(-3)", ValueKind::kText},
    {"+3", ValueKind::kText},
    {"3%%", ValueKind::kText},
    {"3万元", ValueKind::kText},
    {"一般公共预算", ValueKind::kText},
    {"99999999999999999999", ValueKind::kText},
};

BOOST_DATA_TEST_CASE(read_number, data::make(kNumberCases), c) {
  NumberReading got = ReadNumber(c.text);
  BOOST_TEST(ValueKindName(got.kind) == ValueKindName(c.kind));
  bool has_value = c.kind == ValueKind::kAmount || c.kind == ValueKind::kPercent;
  BOOST_REQUIRE_EQUAL(got.value.has_value(), has_value);
  if (has_value) {
    BOOST_TEST(got.value->units == c.units);
    BOOST_TEST(got.value->scale == c.scale);
  }
  BOOST_TEST(got.grouped == c.grouped);
}

BOOST_AUTO_TEST_CASE(full_width_amount_reads_after_normalising) {
  NumberReading got = ReadNumber(NormalizeText("４，８８１．２２").text);
  BOOST_TEST(ValueKindName(got.kind) == "amount");
  BOOST_REQUIRE(got.value);
  BOOST_TEST(got.value->ToString() == "4881.22");
  BOOST_TEST(got.grouped);
}

struct UnitCase {
  std::string unit;
  std::optional<int64_t> fen;
};
std::ostream& operator<<(std::ostream& os, const UnitCase& c) { return os << "unit=\"" << c.unit << "\""; }

const std::vector<UnitCase> kUnitCases = {
    {"元", 100},
    {"千元", 100'000},
    {"万元", 1'000'000},
    {"百万元", 100'000'000},
    {"亿元", 10'000'000'000},
    {" 万元\t", 1'000'000},
    {"\u3000亿元\u3000", 10'000'000'000},
    {"单位：万元", std::nullopt},
    {"美元", std::nullopt},
    {"万", std::nullopt},
    {"", std::nullopt},
};

BOOST_DATA_TEST_CASE(unit_fen, data::make(kUnitCases), c) {
  auto got = UnitFen(c.unit);
  BOOST_REQUIRE_EQUAL(got.has_value(), c.fen.has_value());
  if (c.fen) BOOST_TEST(*got == *c.fen);
}

struct FenCase {
  Decimal value;
  int64_t unit_fen;
  std::optional<int64_t> fen;
  bool rounded;
};
std::ostream& operator<<(std::ostream& os, const FenCase& c) {
  return os << c.value.ToString() << " x " << c.unit_fen << " fen";
}

constexpr int64_t kYuan = 100, kQianYuan = 100'000, kWanYuan = 1'000'000, kYiYuan = 10'000'000'000;
constexpr int64_t kMaxInt64 = std::numeric_limits<int64_t>::max();

const std::vector<FenCase> kFenCases = {
    {{27126, 0}, kWanYuan, 27'126'000'000, false},
    {{488122, 2}, kYuan, 488'122, false},
    {{-488122, 2}, kYuan, -488'122, false},
    {{12345, 2}, kQianYuan, 12'345'000, false},
    {{15, 1}, kYiYuan, 15'000'000'000, false},
    {{20, 2}, kWanYuan, 200'000, false},
    // Finer than a fen: rounded half away from zero, and flagged.
    {{1, 7}, kWanYuan, 0, true},
    {{4, 7}, kWanYuan, 0, true},
    {{5, 7}, kWanYuan, 1, true},
    {{-5, 7}, kWanYuan, -1, true},
    {{123, 3}, kYuan, 12, true},
    {{-125, 3}, kYuan, -13, true},
    {{1, 40}, kYiYuan, 0, true},
    {{kMaxInt64, 18}, kYiYuan, 92'233'720'369, true},
    // Overflow of int64 fen.
    {{kMaxInt64, 0}, kWanYuan, std::nullopt, false},
    {{10'000'000'000'000, 0}, kYiYuan, std::nullopt, false},
    {{922'337'204, 0}, kYiYuan, std::nullopt, false},
    {{922'337'203, 0}, kYiYuan, 9'223'372'030'000'000'000, false},
    {{-922'337'203, 0}, kYiYuan, -9'223'372'030'000'000'000, false},
};

BOOST_DATA_TEST_CASE(to_fen, data::make(kFenCases), c) {
  bool rounded = !c.rounded;
  auto got = ToFen(c.value, c.unit_fen, &rounded);
  BOOST_REQUIRE_EQUAL(got.has_value(), c.fen.has_value());
  if (c.fen) BOOST_TEST(*got == *c.fen);
  BOOST_TEST(rounded == c.rounded);
  BOOST_TEST((ToFen(c.value, c.unit_fen) == got));  // the flag is optional
}

struct AmountCase {
  std::string text;
  bool found;
  int64_t units = 0;
  int scale = 0;
  std::string unit = {};
  int64_t fen = 0;
};
std::ostream& operator<<(std::ostream& os, const AmountCase& c) { return os << "text=\"" << c.text << "\""; }

const std::vector<AmountCase> kAmountCases = {
    {"收入 27,126万元，比", true, 27126, 0, "万元", 27'126'000'000},
    {"1.5 亿元", true, 15, 1, "亿元", 15'000'000'000},
    {"300元", true, 300, 0, "元", 30'000},
    {"合计12.5千元", true, 125, 1, "千元", 1'250'000},
    {"5百万元", true, 5, 0, "百万元", 500'000'000},
    {"收入1,250万元，比2023年增加50万元", true, 1250, 0, "万元", 1'250'000'000},
    {"减少-50万元", true, -50, 0, "万元", -50'000'000},
    {"2023-50万元", true, 50, 0, "万元", 50'000'000},
    {"服务30万人，经费8万元", true, 8, 0, "万元", 8'000'000},
    {"12,3456万元", false},
    {"30万人", false},
    {"没有金额", false},
    {"", false},
};

BOOST_DATA_TEST_CASE(read_amount_with_unit, data::make(kAmountCases), c) {
  auto got = ReadAmountWithUnit(c.text);
  BOOST_REQUIRE_EQUAL(got.has_value(), c.found);
  if (!c.found) return;
  BOOST_TEST(got->value.units == c.units);
  BOOST_TEST(got->value.scale == c.scale);
  BOOST_TEST(got->unit == c.unit);
  BOOST_TEST(got->fen == c.fen);
}

struct IndicatorCase {
  std::string text;
  bool found;
  std::string comparator = {};
  int64_t units = 0;
  int scale = 0;
  std::string unit = {};
};
std::ostream& operator<<(std::ostream& os, const IndicatorCase& c) { return os << "text=\"" << c.text << "\""; }

const std::vector<IndicatorCase> kIndicatorCases = {
    {"≥95%", true, "≥", 95, 0, "%"},
    {"≥578 人", true, "≥", 578, 0, "人"},
    {"5.5 万户", true, "", 55, 1, "万户"},
    {"≤ 100 万元", true, "≤", 100, 0, "万元"},
    {"100%", true, "", 100, 0, "%"},
    {"群众满意度不低于90%", true, "≥", 90, 0, "%"},
    {"不少于3个", true, "≥", 3, 0, "个"},
    {"大于等于2次", true, "≥", 2, 0, "次"},
    {"不高于5%", true, "≤", 5, 0, "%"},
    {"不超过 3 次/年", true, "≤", 3, 0, "次"},
    {"低于等于1天", true, "≤", 1, 0, "天"},
    {"95%以上", true, "≥", 95, 0, "%"},
    {"3个以上", true, "≥", 3, 0, "个"},
    {"10个及以上", true, "≥", 10, 0, "个"},
    {"30天以内", true, "≤", 30, 0, "天"},
    {"5万元以下", true, "≤", 5, 0, "万元"},
    {">0", true, ">", 0, 0, ""},
    {"＞0", true, ">", 0, 0, ""},
    {"<1%", true, "<", 1, 0, "%"},
    {"＜1%", true, "<", 1, 0, "%"},
    {"=100%", true, "=", 100, 0, "%"},
    {">=90%", true, "≥", 90, 0, "%"},
    {"1,000次", true, "", 1000, 0, "次"},
    {"12.50万元", true, "", 1250, 2, "万元"},
    {"2023年完成率≥95%", true, "≥", 95, 0, "%"},
    {"≥-5%", true, "≥", -5, 0, "%"},
    {"完成", false},
    {"≥", false},
    {"", false},
};

BOOST_DATA_TEST_CASE(read_indicator_value, data::make(kIndicatorCases), c) {
  auto got = ReadIndicatorValue(c.text);
  BOOST_REQUIRE_EQUAL(got.has_value(), c.found);
  if (!c.found) return;
  BOOST_TEST(got->comparator == c.comparator);
  BOOST_REQUIRE(got->value);
  BOOST_TEST(got->value->units == c.units);
  BOOST_TEST(got->value->scale == c.scale);
  BOOST_TEST(got->unit == c.unit);
}

BOOST_AUTO_TEST_CASE(a_known_word_misread_by_a_character_is_restored_in_place) {
  const std::vector<std::string> words = {"财务收支预算总表", "收入预算总表", "支出预算总表", "医疗卫生与计划生育支出"};
  auto restored = RestoreKnownWord("2024年预算单位财务收文预算总表", words);
  BOOST_REQUIRE(restored);
  BOOST_TEST(restored->text == "2024年预算单位财务收支预算总表");
  BOOST_TEST(restored->word == "财务收支预算总表");
  restored = RestoreKnownWord("三、医疗卫生与计划生育文出", words);
  BOOST_REQUIRE(restored);
  BOOST_TEST(restored->text == "三、医疗卫生与计划生育支出");
  // Two characters in a word of eight or more: 财政拨亚收文 for 财政拨款收支.
  restored = RestoreKnownWord("财政拨亚收文预算总表", {"财政拨款收支预算总表"});
  BOOST_REQUIRE(restored);
  BOOST_TEST(restored->text == "财政拨款收支预算总表");
  // A character read twice in a long word; a shorter known word printed inside it is no obstacle.
  restored = RestoreKnownWord("2025年部门财政拨款收文了预算总表", {"财政拨款收支预算总表", "财政拨款"});
  BOOST_REQUIRE(restored);
  BOOST_TEST(restored->text == "2025年部门财政拨款收支预算总表");
}

BOOST_AUTO_TEST_CASE(a_word_printed_as_it_is_or_too_far_or_too_short_stays) {
  const std::vector<std::string> words = {"收入预算总表", "支出预算总表"};
  BOOST_TEST(!RestoreKnownWord("收入预算总表", words));               // printed: no misreading
  BOOST_TEST(!RestoreKnownWord("收入预算总表", {"支出预算总表"}));      // two of six differ
  BOOST_TEST(!RestoreKnownWord("全计", {"合计"}));                      // too short to tell
  BOOST_TEST(!RestoreKnownWord("表3支出总表", {"支出总计"}));           // short words: whole text only
  BOOST_TEST(RestoreKnownWord("公用经旨", {"公用经费"})->text == "公用经费");
  BOOST_TEST(!RestoreKnownWord("预算数1235", {"预算数1234"}));          // digits never change
  BOOST_TEST(!RestoreKnownWord("甲乙丙己", {"甲乙丙丁", "甲乙丙戊"}));  // two equally near words
}

BOOST_AUTO_TEST_CASE(edit_distance_counts_code_points) {
  BOOST_TEST(EditDistance("行政运忏", "行政运行") == 1u);
  BOOST_TEST(EditDistance("行政运行", "其他行政运行") == 2u);
  BOOST_TEST(EditDistance("abc", "") == 3u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace budgetx::normalize
