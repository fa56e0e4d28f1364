#include "pipeline/reconcile/reconcile.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace budgetx::reconcile {
namespace {

// --- building tables in code ------------------------------------------------------------------

bool IsNumber(const std::string& s) {
  if (s.empty()) return false;
  size_t i = s[0] == '-' ? 1 : 0;
  bool digit = false, point = false;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') digit = true;
    else if (s[i] == '.' && !point) point = true;
    else if (s[i] != ',') return false;
  }
  return digit;
}

Decimal ParseDecimal(const std::string& s) {
  Decimal d;
  bool negative = false, point = false;
  for (char ch : s) {
    if (ch == '-') negative = true;
    if (ch == '.') point = true;
    if (ch < '0' || ch > '9') continue;
    d.units = d.units * 10 + (ch - '0');
    d.scale += point;
  }
  if (negative) d.units = -d.units;
  return d;
}

// A cell as the tables stage types it: "" empty, "-" dash, "99.75%" percent, "1,250" amount,
// anything else text.
Cell C(const std::string& text) {
  Cell cell;
  cell.raw = cell.text = text;
  bool percent = !text.empty() && text.back() == '%' && IsNumber(text.substr(0, text.size() - 1));
  if (text.empty()) {
    cell.kind = ValueKind::kEmpty;
  } else if (text == "-") {
    cell.kind = ValueKind::kDash;
  } else if (percent) {
    cell.kind = ValueKind::kPercent;
    cell.number = ParseDecimal(text.substr(0, text.size() - 1));
  } else if (IsNumber(text)) {
    cell.kind = ValueKind::kAmount;
    cell.number = ParseDecimal(text);
    cell.amount_fen = cell.number->units;  // not read by reconcile; any value will do
  } else {
    cell.kind = ValueKind::kText;
  }
  return cell;
}

RowKind KindOf(const std::string& name) {
  auto ends = [&](const std::string& s) {
    return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
  };
  if (name.rfind("其中", 0) == 0) return RowKind::kOfWhich;
  if (ends("小计")) return RowKind::kSubtotal;
  if (ends("合计") || ends("总计")) return RowKind::kTotal;
  return RowKind::kBody;
}

// A row of a coded table: code, name, then the amounts. Kind follows the name, as the rules do.
Row R(const std::string& code, const std::string& name, const std::vector<std::string>& values) {
  Row row;
  Cell code_cell = C(code);
  if (!code.empty()) {
    code_cell.kind = ValueKind::kCode;
    code_cell.number.reset();
    code_cell.amount_fen.reset();
  }
  row.cells = {code_cell, C(name)};
  for (const auto& v : values) row.cells.push_back(C(v));
  row.code = code;
  row.level = code.empty() ? 0 : static_cast<int>(code.size() - 1) / 2;
  row.name = name;
  row.kind = KindOf(name);
  return row;
}

// A row given cell by cell (two-sided tables); its name is its first text.
Row Raw(const std::vector<std::string>& texts) {
  Row row;
  for (const auto& t : texts) row.cells.push_back(C(t));
  for (const auto& c : row.cells) {
    if (c.kind != ValueKind::kText) continue;
    row.name = c.text;
    break;
  }
  row.kind = KindOf(row.name);
  return row;
}

Column Col(const std::string& key, const std::string& header, bool amount) { return {key, header, amount}; }

// A table of R() rows: code and name columns, then one amount column per key ("rate" holds
// percentages).
Table T(const std::string& number, const std::vector<std::string>& keys, const std::vector<Row>& rows) {
  Table t;
  t.number = number;
  t.title = "支出总表";
  t.unit = "万元";
  t.columns = {Col("code", "科目编码", false), Col("name", "科目名称", false)};
  for (const auto& k : keys) t.columns.push_back(Col(k, k, k != "rate"));
  t.rows = rows;
  return t;
}

Identities Declared() {
  Identities ids;
  ids.columns.push_back({"支出总计 = 基本支出 + 项目支出", "total", {"basic", "project"}, {}});
  ids.ratios.push_back({"执行率 = 执行数 / 预算数", "rate", "actual", "budget", 100});
  return ids;
}

std::vector<Check> Run(const std::vector<Table>& tables, const Identities& ids = {}) {
  Document doc;
  doc.tables = tables;
  Reconcile(ids, &doc);
  return doc.checks;
}

std::vector<Check> OfKind(const std::vector<Check>& checks, const std::string& kind) {
  std::vector<Check> out;
  std::copy_if(checks.begin(), checks.end(), std::back_inserter(out), [&](const Check& c) { return c.kind == kind; });
  return out;
}

const Check* At(const std::vector<Check>& checks, const std::string& kind, int row, int col) {
  for (const auto& c : checks) {
    if (c.kind == kind && c.target.row == row && c.target.column == col) return &c;
  }
  return nullptr;
}

std::vector<int> Rows(const std::vector<CellRef>& refs) {
  std::vector<int> rows;
  for (const auto& r : refs) rows.push_back(r.row);
  return rows;
}

std::string Name(CheckResult r) { return CheckResultName(r); }

BOOST_AUTO_TEST_SUITE(reconcile)

// --- code_rollup --------------------------------------------------------------------------------

struct RollupCase {
  std::string stated;  // printed in row 201
  std::string result, computed, tolerance;
};

BOOST_AUTO_TEST_CASE(code_rollup_sums_direct_children_only) {
  // 201 = 20101 + 20129; the 7-digit rows under them are grandchildren of 201 and ignored.
  const RollupCase cases[] = {
      {"300", "pass", "300", "2"},
      {"301", "pass_within_rounding", "300", "2"},
      {"298", "pass_within_rounding", "300", "2"},
      {"303", "fail", "300", "2"},
      {"350", "fail", "300", "2"},
  };
  for (const auto& tc : cases) {
    BOOST_TEST_CONTEXT("201 printed " << tc.stated) {
      Table t = T("表2", {"total"},
                  {R("201", "一般公共服务支出", {tc.stated}), R("20101", "人大事务", {"200"}),
                   R("2010101", "行政运行", {"200"}), R("20129", "其他一般公共服务支出", {"100"}),
                   R("2012999", "其他一般公共服务支出", {"100"})});
      auto checks = OfKind(Run({t}), "code_rollup");
      BOOST_REQUIRE_EQUAL(checks.size(), 3u);  // 201, 20101, 20129
      const Check* c = At(checks, "code_rollup", 0, 2);
      BOOST_REQUIRE(c);
      BOOST_TEST(Name(c->result) == tc.result);
      BOOST_TEST(c->stated.ToString() == tc.stated);
      BOOST_TEST(c->computed.ToString() == tc.computed);
      BOOST_TEST(c->tolerance.ToString() == tc.tolerance);
      BOOST_TEST(Rows(c->parts) == (std::vector<int>{1, 3}), boost::test_tools::per_element());
      BOOST_TEST(c->rule == "code_rollup");
      BOOST_TEST(Name(At(checks, "code_rollup", 3, 2)->result) == "pass");  // 20129 = 2012999
    }
  }
}

BOOST_AUTO_TEST_CASE(code_rollup_description_names_codes_and_column) {
  Table t = T("表2", {"total"}, {R("201", "一般公共服务支出", {"303"}), R("20101", "人大事务", {"200"}),
                                 R("20102", "政协事务", {"100"})});
  auto checks = Run({t});
  const Check* c = At(checks, "code_rollup", 0, 2);
  BOOST_REQUIRE(c);
  BOOST_TEST(c->description == "表2 total: 201 一般公共服务支出 303 = 20101 200 + 20102 100 (computed 300, tolerance 2)");
}

BOOST_AUTO_TEST_CASE(code_rollup_ignores_of_which_rows_even_with_a_code) {
  Table t = T("表2", {"total"}, {R("201", "一般公共服务支出", {"300"}), R("20101", "人大事务", {"200"}),
                                 R("20102", "其中：政协事务", {"50"}), R("20103", "政府办公厅", {"100"})});
  t.rows[2].kind = RowKind::kOfWhich;
  auto checks = Run({t});
  const Check* c = At(checks, "code_rollup", 0, 2);
  BOOST_REQUIRE(c);
  BOOST_TEST(Rows(c->parts) == (std::vector<int>{1, 3}), boost::test_tools::per_element());
  BOOST_TEST(Name(c->result) == "pass");
}

BOOST_AUTO_TEST_CASE(code_rollup_skips_a_column_with_a_missing_child) {
  Table t = T("表2", {"total", "basic"}, {R("201", "一般公共服务支出", {"300", "100"}), R("20101", "人大事务", {"200", ""}),
                                          R("20102", "政协事务", {"100", "100"})});
  auto checks = OfKind(Run({t}), "code_rollup");
  BOOST_REQUIRE_EQUAL(checks.size(), 1u);
  BOOST_TEST(checks[0].target.column == 2);
}

// --- rounding ---------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(one_digit_off_is_within_rounding_never_pass) {
  Table t = T("表3", {"total", "basic", "project"}, {R("208", "社会保障和就业支出", {"27,126", "20,000", "7,125"})});
  auto checks = OfKind(Run({t}, Declared()), "column_identity");
  BOOST_REQUIRE_EQUAL(checks.size(), 1u);
  const Check& c = checks[0];
  BOOST_TEST(Name(c.result) == "pass_within_rounding");
  BOOST_TEST(c.stated.ToString() == "27126");
  BOOST_TEST(c.computed.ToString() == "27125");
  BOOST_TEST(c.tolerance.ToString() == "2");
  BOOST_TEST(c.description.find("tolerance 2") != std::string::npos);
  BOOST_TEST(c.description.find("27,126") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(tolerance_is_one_unit_of_the_finest_printed_digit_per_summand) {
  Table t = T("表3", {"total", "basic", "project"}, {R("", "甲", {"12.41", "12.40", "-"}), R("", "乙", {"12.43", "12.40", "-"})});
  auto checks = OfKind(Run({t}, Declared()), "column_identity");
  BOOST_REQUIRE_EQUAL(checks.size(), 2u);
  BOOST_TEST(checks[0].tolerance.ToString() == "0.02");
  BOOST_TEST(Name(checks[0].result) == "pass_within_rounding");
  BOOST_TEST(Name(checks[1].result) == "fail");
}

// --- total_row ----------------------------------------------------------------------------------

struct TotalCase {
  std::string name;
  std::vector<Row> rows;
  int total_row;
  std::vector<int> parts;  // rows summed
  std::string result, computed;
};

BOOST_AUTO_TEST_CASE(total_and_subtotal_rows) {
  const TotalCase cases[] = {
      {"合计 below its rows", {R("", "甲", {"1"}), R("", "乙", {"2"}), R("", "合计", {"3"})}, 2, {0, 1}, "pass", "3"},
      {"合计 off by more than rounding", {R("", "甲", {"1"}), R("", "乙", {"2"}), R("", "合计", {"6"})}, 2, {0, 1}, "fail", "3"},
      {"合计 printed above its rows", {R("", "合计", {"3"}), R("", "甲", {"1"}), R("", "乙", {"2"})}, 0, {1, 2}, "pass", "3"},
      {"其中 rows are not summed",
       {R("", "甲", {"10"}), R("", "其中：差旅费", {"4"}), R("", "乙", {"5"}), R("", "合计", {"15"})}, 3, {0, 2}, "pass", "15"},
      {"小计 adds the rows since the previous 小计",
       {R("", "甲", {"1"}), R("", "乙", {"2"}), R("", "小计", {"3"}), R("", "丙", {"4"}), R("", "丁", {"5"}), R("", "小计", {"9"}),
        R("", "合计", {"12"})},
       5, {3, 4}, "pass", "9"},
      {"合计 below 小计s adds the 小计s",
       {R("", "甲", {"1"}), R("", "乙", {"2"}), R("", "小计", {"3"}), R("", "丙", {"4"}), R("", "丁", {"5"}), R("", "小计", {"9"}),
        R("", "合计", {"12"})},
       6, {2, 5}, "pass", "12"},
      {"coded: 合计 adds the 类 rows only",
       {R("", "合计", {"1,250"}), R("201", "一般公共服务支出", {"300"}), R("20101", "人大事务", {"300"}),
        R("212", "城乡社区支出", {"950"}), R("21201", "城乡社区管理事务", {"950"})},
       0, {1, 3}, "pass", "1250"},
      {"dash counts as zero", {R("", "甲", {"-"}), R("", "乙", {"2"}), R("", "合计", {"2"})}, 2, {0, 1}, "pass", "2"},
  };
  for (const auto& tc : cases) {
    BOOST_TEST_CONTEXT(tc.name) {
      auto checks = OfKind(Run({T("表4", {"total"}, tc.rows)}), "total_row");
      const Check* c = At(checks, "total_row", tc.total_row, 2);
      BOOST_REQUIRE(c);
      BOOST_TEST(Rows(c->parts) == tc.parts, boost::test_tools::per_element());
      BOOST_TEST(Name(c->result) == tc.result);
      BOOST_TEST(c->computed.ToString() == tc.computed);
      BOOST_TEST(c->rule == (tc.rows[tc.total_row].kind == RowKind::kTotal ? "total_row" : "subtotal"));
    }
  }
}

BOOST_AUTO_TEST_CASE(total_with_a_missing_part_or_one_summand_is_not_checked) {
  auto missing = Run({T("表4", {"total"}, {R("", "甲", {"1"}), R("", "乙", {""}), R("", "丙", {"2"}), R("", "合计", {"3"})})});
  BOOST_TEST(OfKind(missing, "total_row").empty());
  auto single = Run({T("表4", {"total"}, {R("", "甲", {"3"}), R("", "合计", {"3"})})});
  BOOST_TEST(OfKind(single, "total_row").empty());
}

// The 收支总表 of a department budget: income on the left, expenditure on the right, each an
// outline whose details (1. …, bare names) sit under the 一、 items.
BOOST_AUTO_TEST_CASE(two_sided_table_checks_each_half_against_its_top_items) {
  Table t;
  t.number = "表1";
  t.title = "收支总表";
  t.unit = "万元";
  t.columns = {Col("name", "收入/项目", false), Col("budget", "收入/2024年预算数", true), Col("name", "支出/项目", false),
               Col("budget", "支出/2024年预算数", true)};
  t.rows = {Raw({"一、政府预算拨款", "1,250", "一、一般公共服务支出", "300"}),
            Raw({"1.一般公共预算拨款", "1,200", "人大事务", "300"}),
            Raw({"2.政府性基金预算拨款", "50", "行政运行", "300"}),
            Raw({"二、单位资金", "0", "二、城乡社区支出", "950"}),
            Raw({"", "", "城乡社区管理事务", "900"}),
            Raw({"", "", "其他城乡社区公共设施支出", "50"}),
            Raw({"本年收入合计", "1,250", "本年支出合计", "1,250"})};
  auto checks = Run({t});
  BOOST_TEST(checks.size() == 2u);
  for (const auto& c : checks) {
    BOOST_TEST_CONTEXT(c.description) {
      BOOST_TEST(c.kind == "total_row");
      BOOST_TEST(Name(c.result) == "pass");
      BOOST_TEST(Rows(c.parts) == (std::vector<int>{0, 3}), boost::test_tools::per_element());
    }
  }
  const Check* right = At(checks, "total_row", 6, 3);
  BOOST_REQUIRE(right);
  BOOST_TEST(right->description ==
             "表1 支出/2024年预算数: 本年支出合计 1,250 = 一、一般公共服务支出 300 + 二、城乡社区支出 950");
}

// --- column_identity ----------------------------------------------------------------------------

struct IdentityCase {
  std::vector<std::string> values;  // total, basic, project
  std::string result;               // "" = no check
  std::string computed;
};

BOOST_AUTO_TEST_CASE(declared_column_identity_per_row) {
  const IdentityCase cases[] = {
      {{"428", "428", "0"}, "pass", "428"},
      {{"428", "400", "27"}, "pass_within_rounding", "427"},
      {{"428", "400", "20"}, "fail", "420"},
      {{"428", "428", "-"}, "pass", "428"},  // dash counts as zero
      {{"-", "-", "-"}, "pass", "0"},
      {{"428", "428", ""}, "", ""},          // empty cell: missing part, not checked
      {{"428", "428", "说明"}, "", ""},
  };
  for (const auto& tc : cases) {
    BOOST_TEST_CONTEXT(tc.values[0] << " = " << tc.values[1] << " + " << tc.values[2]) {
      Table t = T("表3", {"total", "basic", "project"}, {R("2080505", "机关事业单位基本养老保险缴费支出", tc.values)});
      auto checks = OfKind(Run({t}, Declared()), "column_identity");
      if (tc.result.empty()) {
        BOOST_TEST(checks.empty());
        continue;
      }
      BOOST_REQUIRE_EQUAL(checks.size(), 1u);
      BOOST_TEST(Name(checks[0].result) == tc.result);
      BOOST_TEST(checks[0].computed.ToString() == tc.computed);
      BOOST_TEST(checks[0].rule == "支出总计 = 基本支出 + 项目支出");
      BOOST_TEST(Rows(checks[0].parts) == (std::vector<int>{0, 0}), boost::test_tools::per_element());
      BOOST_TEST(checks[0].parts[0].column == 3);
      BOOST_TEST(checks[0].parts[1].column == 4);
    }
  }
}

BOOST_AUTO_TEST_CASE(column_identity_description_and_signs) {
  Table t = T("表3", {"total", "basic", "project"}, {R("2080505", "机关事业单位基本养老保险缴费支出", {"428", "428", "0"})});
  t.columns[2].header = "支出总计";
  t.columns[3].header = "基本支出";
  t.columns[4].header = "项目支出";
  Identities ids;
  ids.columns.push_back({"基本支出 = 支出总计 − 项目支出", "basic", {"total", "project"}, {1, -1}});
  auto checks = Run({t}, Declared());
  BOOST_REQUIRE_EQUAL(checks.size(), 1u);
  BOOST_TEST(checks[0].description == "表3 row 2080505 机关事业单位基本养老保险缴费支出: 支出总计 428 = 基本支出 428 + 项目支出 0");
  auto signed_checks = Run({t}, ids);
  BOOST_REQUIRE_EQUAL(signed_checks.size(), 1u);
  BOOST_TEST(Name(signed_checks[0].result) == "pass");
  BOOST_TEST(signed_checks[0].signs == (std::vector<int>{1, -1}), boost::test_tools::per_element());
  BOOST_TEST(signed_checks[0].description == "表3 row 2080505 机关事业单位基本养老保险缴费支出: 基本支出 428 = 支出总计 428 − 项目支出 0");
}

// --- inferred column identities -------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(inferred_identity_on_a_four_column_block) {
  // col 3 = col 4 + col 5 + col 6 on every row but one (a misprint, still reported, as a fail).
  Table t = T("附件1", {"col_3", "col_4", "col_5", "col_6", "col_7"},
              {R("", "甲", {"60", "10", "20", "30", "7"}), R("", "乙", {"6.5", "1.5", "-", "5", "93"}),
               R("", "丙", {"19", "2", "3", "5", "11"}), R("", "丁", {"12", "3", "4", "5", "1"}),
               R("", "戊", {"100", "50", "25", "25", "40"})});
  auto checks = OfKind(Run({t}), "column_identity");
  BOOST_REQUIRE_EQUAL(checks.size(), 5u);
  for (const auto& c : checks) {
    BOOST_TEST(c.rule == "inferred: col 3 = Σ col 4..6");
    BOOST_TEST(c.target.column == 2);
    BOOST_TEST(c.parts.size() == 3u);
  }
  BOOST_TEST(Name(checks[2].result) == "fail");
  BOOST_TEST(checks[2].computed.ToString() == "10");
  BOOST_TEST(Name(checks[1].result) == "pass");
}

BOOST_AUTO_TEST_CASE(inferred_pair_identity_and_nothing_on_random_columns) {
  // The 自评表 layout: 预算 | 实际支出 合计 | 一般公共预算 | 政府性基金.
  Table pair = T("附件1", {"col_4", "col_5", "col_6", "col_7"},
                 {R("", "网格巡查经费", {"12.50", "12.40", "12.40", "-"}), R("", "应急物资采购", {"8.00", "8.00", "6.00", "2.00"}),
                  R("", "培训经费", {"3.33", "2.22", "2.22", "-"})});
  auto found = OfKind(Run({pair}), "column_identity");
  BOOST_REQUIRE_EQUAL(found.size(), 3u);
  BOOST_TEST(found[0].rule == "inferred: col 4 = Σ col 5..6");
  Table random = T("附件2", {"col_3", "col_4", "col_5", "col_6"},
                   {R("", "甲", {"17", "4", "9", "1"}), R("", "乙", {"3", "8", "2", "6"}), R("", "丙", {"25", "3", "12", "2"}),
                    R("", "丁", {"7", "7", "1", "5"})});
  BOOST_TEST(OfKind(Run({random}), "column_identity").empty());
  // Rows of zeros satisfy any sum and must not make an identity.
  Table zeros = T("附件3", {"col_3", "col_4", "col_5"},
                  {R("", "甲", {"0", "0", "0"}), R("", "乙", {"-", "-", "-"}), R("", "丙", {"5", "4", "1"})});
  BOOST_TEST(OfKind(Run({zeros}), "column_identity").empty());
}

BOOST_AUTO_TEST_CASE(inference_needs_eighty_percent_of_rows) {
  // 3 of 5 rows (60%) obey col 3 = col 4 + col 5: a coincidence, not an identity.
  Table t = T("附件1", {"col_3", "col_4", "col_5"},
              {R("", "甲", {"3", "1", "2"}), R("", "乙", {"7", "3", "4"}), R("", "丙", {"9", "4", "5"}),
               R("", "丁", {"8", "1", "1"}), R("", "戊", {"20", "6", "3"})});
  BOOST_TEST(OfKind(Run({t}), "column_identity").empty());
  // The 自评表 sample: 执行率 matches 实际/预算 exactly on 3 of 4 rows only (75%).
  Table ratio = T("附件1", {"col_4", "col_5", "col_8"},
                  {R("", "网格巡查经费", {"12.50", "12.40", "99.20%"}), R("", "应急物资采购", {"8.00", "8.00", "100.00%"}),
                   R("", "培训经费", {"3.33", "2.22", "66.67%"}), R("", "宣传经费", {"6.00", "5.99", "99.80%"})});
  BOOST_TEST(OfKind(Run({ratio}), "ratio").empty());
}

BOOST_AUTO_TEST_CASE(declared_identity_suppresses_inference) {
  Table t = T("表3", {"total", "basic", "project"}, {R("", "甲", {"3", "1", "2"}), R("", "乙", {"7", "3", "4"})});
  for (const auto& c : Run({t}, Declared())) BOOST_TEST(c.rule.find("inferred") == std::string::npos);
  auto inferred = Run({t});
  BOOST_REQUIRE_EQUAL(inferred.size(), 2u);
  BOOST_TEST(inferred[0].rule == "inferred: col 3 = Σ col 4..5");
}

// --- ratio --------------------------------------------------------------------------------------

struct RatioCase {
  std::vector<std::string> values;  // budget, actual, rate
  std::string result;               // "" = no check
  std::string computed;
};

BOOST_AUTO_TEST_CASE(declared_ratio_rounds_to_the_printed_digits) {
  const RatioCase cases[] = {
      {{"37.86", "37.76", "99.75%"}, "pass_within_rounding", "99.74"},
      {{"8.00", "8.00", "100.00%"}, "pass", "100.00"},
      {{"12.50", "12.40", "99.2%"}, "pass", "99.2"},
      {{"6.00", "5.99", "99.80%"}, "fail", "99.83"},
      {{"0", "5.99", "0.00%"}, "", ""},  // zero denominator
      {{"-", "5.99", "0.00%"}, "", ""},
      {{"6.00", "5.99", "-"}, "", ""},
  };
  for (const auto& tc : cases) {
    BOOST_TEST_CONTEXT(tc.values[1] << " / " << tc.values[0] << " vs " << tc.values[2]) {
      Table t = T("附件1", {"budget", "actual", "rate"}, {R("", "培训经费", tc.values)});
      auto checks = OfKind(Run({t}, Declared()), "ratio");
      if (tc.result.empty()) {
        BOOST_TEST(checks.empty());
        continue;
      }
      BOOST_REQUIRE_EQUAL(checks.size(), 1u);
      BOOST_TEST(Name(checks[0].result) == tc.result);
      BOOST_TEST(checks[0].computed.ToString() == tc.computed);
      BOOST_TEST(checks[0].tolerance.ToString() == (checks[0].stated.scale == 2 ? "0.01" : "0.1"));
      BOOST_TEST(checks[0].target.column == 4);
      BOOST_TEST(checks[0].parts.size() == 2u);
      BOOST_TEST(checks[0].parts[0].column == 3);  // numerator
      BOOST_TEST(checks[0].parts[1].column == 2);  // denominator
    }
  }
}

BOOST_AUTO_TEST_CASE(inferred_ratio) {
  Table t = T("附件1", {"col_3", "col_4", "col_5", "col_6"},
              {R("", "甲", {"12.50", "12.40", "7", "99.20%"}), R("", "乙", {"8.00", "8.00", "3", "100.00%"}),
               R("", "丙", {"3.33", "2.22", "5", "66.67%"}), R("", "丁", {"6.00", "5.99", "1", "99.83%"}),
               R("", "戊", {"37.86", "37.76", "2", "99.75%"})});
  auto checks = OfKind(Run({t}), "ratio");
  BOOST_REQUIRE_EQUAL(checks.size(), 5u);
  for (const auto& c : checks) BOOST_TEST(c.rule == "inferred: col 6 = col 4 / col 3 × 100");
  BOOST_TEST(Name(checks[4].result) == "pass_within_rounding");
  BOOST_TEST(Name(checks[0].result) == "pass");
  // Percentages no pair of columns explains make no check.
  Table random = T("附件2", {"col_3", "col_4", "col_5"},
                   {R("", "甲", {"12", "5", "31.00%"}), R("", "乙", {"8", "3", "7.00%"}), R("", "丙", {"9", "4", "62.00%"})});
  BOOST_TEST(OfKind(Run({random}), "ratio").empty());
}

// --- cross_table --------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(cross_table_compares_selected_cells) {
  Table t1;
  t1.number = "表1";
  t1.title = "收支总表";
  t1.unit = "万元";
  t1.columns = {Col("name", "项目", false), Col("budget", "预算数", true)};
  t1.rows = {Raw({"本年收入合计", "1,250"}), Raw({"本年支出合计", "1,250"})};
  Table t2 = T("表2", {"total", "basic", "project"},
               {R("", "合计", {"1,251", "700", "551"}), R("201", "一般公共服务支出", {"1,251", "700", "551"})});
  Table t3 = t2;
  t3.number = "表3";
  t3.title = "支出 总表（元）";
  t3.unit = "元";
  t3.unit_fen = 100;
  t3.rows[0] = R("", "合计", {"12,500,000.00", "7,000,000.00", "5,500,000.00"});

  Identities ids;
  ids.cross_table.push_back({"支出总计一致", {"收支总表", "本年支出合计", ""}, {"支出总表", "合计", "total"}});
  ids.cross_table.push_back({"与元表一致", {"收支 总表", "本年支出合计", "budget"}, {"总表（元）", "", "total"}});
  ids.cross_table.push_back({"找不到", {"收支总表", "上年结转", ""}, {"支出总表", "合计", "total"}});
  auto checks = OfKind(Run({t1, t2, t3}, ids), "cross_table");
  BOOST_REQUIRE_EQUAL(checks.size(), 2u);
  const Check& same_unit = checks[0];
  BOOST_TEST(same_unit.rule == "支出总计一致");
  BOOST_TEST(Name(same_unit.result) == "pass_within_rounding");
  BOOST_TEST(same_unit.target.table == 0);
  BOOST_TEST(same_unit.target.row == 1);
  BOOST_TEST(same_unit.parts[0].table == 1);
  BOOST_TEST(same_unit.computed.ToString() == "1251");
  const Check& other_unit = checks[1];
  BOOST_TEST(Name(other_unit.result) == "pass");
  BOOST_TEST(other_unit.parts[0].table == 2);
  BOOST_TEST(other_unit.computed.ToString() == "1250.000000");

  t2.rows[0] = R("", "合计", {"1,262", "700", "562"});
  auto failed = OfKind(Run({t1, t2}, ids), "cross_table");
  BOOST_REQUIRE_EQUAL(failed.size(), 1u);
  BOOST_TEST(Name(failed[0].result) == "fail");
  BOOST_TEST(failed[0].stated.ToString() == "1250");
  BOOST_TEST(failed[0].computed.ToString() == "1262");
}

// --- the document -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(cells_are_never_modified_and_checks_are_appended) {
  Table t = T("表2", {"total", "basic", "project"},
              {R("201", "一般公共服务支出", {"300", "300", "-"}), R("20101", "人大事务", {"300", "300", ""})});
  Document doc;
  doc.tables = {t};
  doc.checks.push_back(Check{});
  Reconcile(Declared(), &doc);
  BOOST_TEST(doc.checks.size() > 1u);
  BOOST_TEST(doc.checks[0].kind.empty());
  for (size_t r = 0; r < t.rows.size(); ++r) {
    for (size_t c = 0; c < t.rows[r].cells.size(); ++c) {
      const Cell& before = t.rows[r].cells[c];
      const Cell& after = doc.tables[0].rows[r].cells[c];
      BOOST_TEST(before.text == after.text);
      BOOST_TEST((before.kind == after.kind));
      BOOST_TEST(before.number.has_value() == after.number.has_value());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace budgetx::reconcile
