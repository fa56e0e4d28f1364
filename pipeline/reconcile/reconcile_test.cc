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
  return Reconcile(ids, tables, {}).checks;
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

BOOST_AUTO_TEST_CASE(subtotal_printed_first_under_column_numbers_adds_the_rows_below) {
  // 长沙's 下达情况表: the column numbers (1=2+3 | 2 | 3), then 长沙市本级及所辖区小计 over the districts.
  Table t = T("附件1", {"total", "basic", "project"},
              {R("", "行号", {"1=2+3", "2", "3"}), R("", "长沙市本级及所辖区小计", {"22", "-53", "75"}),
               R("", "芙蓉区", {"-12.7", "-16.5", "3.8"}), R("", "长沙县", {"34.7", "-36.5", "71.2"})});
  auto checks = OfKind(Run({t}), "total_row");
  BOOST_REQUIRE_EQUAL(checks.size(), 3u);
  for (const auto& c : checks) {
    BOOST_TEST(c.target.row == 1);
    BOOST_TEST(Rows(c.parts) == (std::vector<int>{2, 3}), boost::test_tools::per_element());
    BOOST_TEST(Name(c.result) == "pass");
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
  auto all = OfKind(Run({t}), "total_row");
  std::vector<Check> checks;
  std::copy_if(all.begin(), all.end(), std::back_inserter(checks), [](const Check& c) { return c.rule != "balance"; });
  BOOST_TEST(checks.size() == 2u);
  for (const auto& c : checks) {
    BOOST_TEST_CONTEXT(c.description) {
      BOOST_TEST(Name(c.result) == "pass");
      BOOST_TEST(Rows(c.parts) == (std::vector<int>{0, 3}), boost::test_tools::per_element());
    }
  }
  const Check* right = At(checks, "total_row", 6, 3);
  BOOST_REQUIRE(right);
  BOOST_TEST(right->description ==
             "表1 支出/2024年预算数: 本年支出合计 1,250 = 一、一般公共服务支出 300 + 二、城乡社区支出 950");
  // The halves balance on their last total row: 本年收入合计 = 本年支出合计.
  BOOST_REQUIRE_EQUAL(all.size(), 3u);
  const Check& balance = all.back();
  BOOST_TEST(balance.rule == "balance");
  BOOST_TEST(balance.target.column == 1);
  BOOST_TEST(balance.parts[0].column == 3);
  BOOST_TEST(balance.parts[0].row == 6);
  BOOST_TEST(Name(balance.result) == "pass");
}

// A row given cell by cell whose columns `codes` print classification codes; the row's code is
// its first, as the tables stage reads it.
Row CodedRaw(const std::vector<std::string>& texts, const std::vector<int>& codes) {
  Row row = Raw(texts);
  for (int c : codes) {
    Cell& cell = row.cells[c];
    if (cell.text.empty()) continue;
    cell.kind = ValueKind::kCode;
    cell.number.reset();
    cell.amount_fen.reset();
    if (row.code.empty()) row.code = cell.text;
  }
  return row;
}

BOOST_AUTO_TEST_CASE(two_sided_table_rolls_up_each_sides_own_codes) {
  // A 基本支出决算表 printed as two halves of one grid: 301/303 on the left, 302/310 on the right.
  Table t;
  t.number = "表7";
  t.title = "一般公共预算财政拨款基本支出决算表";
  t.unit = "万元";
  for (int side = 0; side < 2; ++side) {
    t.columns.push_back(Col("code", "经济分类科目编码", false));
    t.columns.push_back(Col("name", "科目名称", false));
    t.columns.push_back(Col("actual", "决算数", true));
  }
  t.side_starts = {0, 3};  // the header repeats 编码 | 名称 | 决算数 (tables::BuildTables)
  t.rows = {CodedRaw({"301", "工资福利支出", "100", "302", "商品和服务支出", "30"}, {0, 3}),
            CodedRaw({"30101", "基本工资", "60", "30201", "办公费", "20"}, {0, 3}),
            CodedRaw({"30102", "津贴补贴", "40", "30202", "印刷费", "6"}, {0, 3}),
            CodedRaw({"303", "对个人和家庭的补助", "5", "30205", "水费", "4"}, {0, 3}),
            CodedRaw({"30302", "退休费", "5", "310", "资本性支出", "7"}, {0, 3}),
            CodedRaw({"", "", "", "31002", "办公设备购置", "7"}, {0, 3}),
            Raw({"人员经费合计", "", "105", "公用经费合计", "", "37"})};
  auto checks = Run({t});
  for (const auto& c : checks) {
    BOOST_TEST(Name(c.result) != "fail", c.description);
    for (const auto& p : c.parts) BOOST_TEST(p.column == c.target.column, c.description);
  }
  const Check* left = At(checks, "code_rollup", 0, 2);
  BOOST_REQUIRE(left);
  BOOST_TEST(Rows(left->parts) == (std::vector<int>{1, 2}), boost::test_tools::per_element());
  BOOST_TEST(left->computed.ToString() == "100");
  const Check* right = At(checks, "code_rollup", 0, 5);
  BOOST_REQUIRE(right);
  BOOST_TEST(Name(right->result) == "pass");
  BOOST_TEST(Rows(right->parts) == (std::vector<int>{1, 2, 3}), boost::test_tools::per_element());
  BOOST_TEST(right->description == "表7 决算数: 302 商品和服务支出 30 = 30201 20 + 30202 6 + 30205 4");
  const Check* capital = At(checks, "code_rollup", 4, 5);
  BOOST_REQUIRE(capital);
  BOOST_TEST(Rows(capital->parts) == (std::vector<int>{5}), boost::test_tools::per_element());
  BOOST_TEST(capital->computed.ToString() == "7");
  // Nothing rolls 303 up from the right half's rows.
  const Check* care = At(checks, "code_rollup", 3, 2);
  BOOST_REQUIRE(care);
  BOOST_TEST(Rows(care->parts) == (std::vector<int>{4}), boost::test_tools::per_element());
  BOOST_TEST(!At(checks, "code_rollup", 3, 5));
  const Check* staff = At(checks, "total_row", 6, 2);
  BOOST_REQUIRE(staff);
  BOOST_TEST(Rows(staff->parts) == (std::vector<int>{0, 3}), boost::test_tools::per_element());
  const Check* office = At(checks, "total_row", 6, 5);
  BOOST_REQUIRE(office);
  BOOST_TEST(Name(office->result) == "pass");
  BOOST_TEST(Rows(office->parts) == (std::vector<int>{0, 4}), boost::test_tools::per_element());
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

BOOST_AUTO_TEST_CASE(declared_identity_takes_the_other_columns_of_its_heading_when_the_rows_agree) {
  // 江苏's 支出预算总表: 合计 | 基本支出 | 项目支出 | 单位预留机动经费 | 结转下年资金; 合计 is all of them.
  Table t = T("表三", {"total", "basic", "project", "col_6", "col_7"},
              {R("", "合计", {"9,146.79", "5,916.27", "3,123.68", "106.84", ""}),
               R("", "办公厅", {"120.00", "80.00", "30.00", "10.00", "-"}), R("", "机关服务中心", {"50.00", "50.00", "-", "-", "-"})});
  t.columns[5].header = "单位预留机动经费";
  t.columns[6].header = "结转下年资金";
  auto checks = OfKind(Run({t}, Declared()), "column_identity");
  BOOST_REQUIRE_EQUAL(checks.size(), 3u);
  BOOST_TEST(checks[0].rule == "支出总计 = 基本支出 + 项目支出 + 单位预留机动经费 + 结转下年资金");
  BOOST_TEST(Name(checks[0].result) == "pass");
  BOOST_TEST(checks[0].computed.ToString() == "9146.79");
  // The blank 结转下年资金 of row 0 is no part of that row; the dashes of row 1 are zeros.
  BOOST_REQUIRE_EQUAL(checks[0].parts.size(), 3u);
  BOOST_TEST(checks[0].parts[2].column == 5);
  BOOST_REQUIRE_EQUAL(checks[1].parts.size(), 4u);
  BOOST_TEST(Name(checks[1].result) == "pass");
  BOOST_TEST(checks[1].computed.ToString() == "120.00");
  BOOST_TEST(Name(checks[2].result) == "pass");

  // Columns the rows do not add to the total (a lost header over 其中 breakdowns): the declared
  // sum holds on more rows, so it stays as declared.
  Table breakdown = T("表3", {"total", "basic", "project", "col_6"},
                      {R("", "甲", {"30", "10", "20", "5"}), R("", "乙", {"7", "3", "4", "4"}), R("", "丙", {"9", "9", "-", "1"})});
  auto kept = OfKind(Run({breakdown}, Declared()), "column_identity");
  BOOST_REQUIRE_EQUAL(kept.size(), 3u);
  for (const auto& c : kept) {
    BOOST_TEST(c.rule == "支出总计 = 基本支出 + 项目支出");
    BOOST_TEST(c.parts.size() == 2u);
    BOOST_TEST(Name(c.result) == "pass");
  }

  // A column under another heading (政府采购项目/小计 beside a flat 支出总计) is no kind of spending
  // of the total, whatever the rows say: the declared sum is judged, and fails.
  Table other = T("表3", {"total", "basic", "project", "col_6"}, {R("", "甲", {"35", "10", "20", "5"}), R("", "乙", {"11", "3", "4", "4"})});
  other.columns[5].header = "政府采购项目/小计";
  auto apart = OfKind(Run({other}, Declared()), "column_identity");
  BOOST_REQUIRE_EQUAL(apart.size(), 2u);
  BOOST_TEST(apart[0].rule == "支出总计 = 基本支出 + 项目支出");
  BOOST_TEST(Name(apart[0].result) == "fail");
  BOOST_TEST(apart[0].computed.ToString() == "30");
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

BOOST_AUTO_TEST_CASE(inferred_sum_over_kinds_of_money_a_row_leaves_blank) {
  // 杭州's 项目支出预算表: 总计 | 一般公共预算 | 政府性基金 | 国有资本经营 | 财政专户 | 单位资金, each row
  // filling only the kinds it has; two columns no row fills (skipped, they do not end the run of
  // amounts). 总计 is all of them, not 总计 −
  // 一般公共预算 = 单位资金 (which the rows with 政府性基金 contradict).
  Table t = T("表10", {"total", "col_4", "col_5", "col_6", "col_7", "col_8"},
              {R("", "合计", {"106,512.00", "77,027.38", "7,600.00", "", "", "21,884.62"}),
               R("", "执法办案", {"6,192.04", "3,304.88", "", "", "", "2,887.16"}),
               R("", "日常保障运行", {"28,772.44", "28,772.44", "", "", "", ""}),
               R("", "交通管理", {"8,296.51", "8,077.37", "", "", "", "219.14"}),
               R("", "城乡社区", {"7,600.00", "", "7,600.00", "", "", ""}),
               R("", "其他", {"55,650.95", "36,872.69", "", "", "", "18,778.26"})});
  // As the header rules leave them: no key, and no cell says what they hold.
  t.columns[5].amount = t.columns[6].amount = false;
  auto checks = OfKind(Run({t}), "column_identity");
  BOOST_REQUIRE_EQUAL(checks.size(), 6u);
  for (const auto& c : checks) {
    BOOST_TEST(c.rule == "inferred: col 3 = Σ col 4..5, 8");
    BOOST_TEST(Name(c.result) == "pass");
  }
  // Each row's parts are the cells it fills.
  BOOST_TEST(checks[0].parts.size() == 3u);
  BOOST_TEST(checks[0].computed.ToString() == "106512.00");
  BOOST_REQUIRE_EQUAL(checks[2].parts.size(), 1u);
  BOOST_TEST(checks[2].parts[0].column == 3);
  BOOST_TEST(checks[4].parts[0].column == 4);
}

BOOST_AUTO_TEST_CASE(column_numbers_and_page_numbers_are_not_judged) {
  // The 栏次 row under a header (** | 1 | 2 | 3 | 4) and a page number "— 19 —" read as a row.
  Table t = T("表2", {"total", "basic", "project", "col_6"},
              {R("", "**", {"1", "2", "3", "4"}), R("", "甲", {"30", "10", "20", "-"}), R("", "乙", {"7", "3", "4", "-"}),
               R("", "", {"-", "19", "-", ""}), R("", "丙", {"9", "9", "-", "-"})});
  t.rows[3].cells[1] = C("");
  for (const auto& ids : {Declared(), Identities{}}) {
    auto checks = OfKind(Run({t}, ids), "column_identity");
    BOOST_REQUIRE_EQUAL(checks.size(), 3u);
    BOOST_TEST(Rows({checks[0].target, checks[1].target, checks[2].target}) == (std::vector<int>{1, 2, 4}),
               boost::test_tools::per_element());
    for (const auto& c : checks) BOOST_TEST(Name(c.result) == "pass");
  }
  // An unnamed row of amounts is still data (a table whose one row is its 合计).
  Table one = T("表三", {"total", "basic", "project"}, {R("", "", {"9,146.79", "5,916.27", "3,230.52"})});
  one.rows[0].cells[1] = C("");
  auto checks = OfKind(Run({one}, Declared()), "column_identity");
  BOOST_REQUIRE_EQUAL(checks.size(), 1u);
  BOOST_TEST(Name(checks[0].result) == "pass");
}

BOOST_AUTO_TEST_CASE(ordinal_column_numbers_outline_the_rows_of_a_project_list) {
  // 长沙's 项目支出情况表: 序号 一 over 1, 2 (the numbers in a column of their own), a page number
  // "7" read as a row between them, and a part whose cell is blank in one column. 合计 is the
  // sum of 一 and 二 only.
  auto row = [](const std::string& ordinal, const std::string& name, const std::string& a, const std::string& b) {
    Row r = Raw({ordinal, name, a, b});
    r.cells[0].kind = ordinal.empty() ? ValueKind::kEmpty : ValueKind::kText;  // 序号 holds text
    r.cells[0].number.reset();
    r.cells[0].amount_fen.reset();
    r.name = name;
    r.kind = KindOf(name);
    return r;
  };
  Table t;
  t.number = "项目支出情况表";
  t.columns = {Col("ordinal", "序号", false), Col("name", "项目名称", false), Col("col_3", "预算批复", true),
               Col("col_4", "实际执行", true)};
  t.rows = {row("", "合计", "100.00", "90.00"), row("一", "甲组", "60.00", "55.00"), row("1", "甲一", "40.00", "38.00"),
            row("", "", "", "7"),               row("2", "甲二", "20.00", "17.00"), row("二", "乙组", "40.00", "35.00"),
            row("1", "乙一", "30.00", ""),      row("2", "乙二", "10.00", "10.00")};
  auto checks = Run({t});
  const Check* total = At(checks, "total_row", 0, 2);
  BOOST_REQUIRE(total);
  BOOST_TEST(Name(total->result) == "pass");
  BOOST_TEST(Rows(total->parts) == (std::vector<int>{1, 5}), boost::test_tools::per_element());
  const Check* first = At(checks, "row_hierarchy", 1, 2);
  BOOST_REQUIRE(first);
  BOOST_TEST(Rows(first->parts) == (std::vector<int>{2, 4}), boost::test_tools::per_element());  // not the page number
  const Check* second = At(checks, "row_hierarchy", 5, 2);
  BOOST_REQUIRE(second);
  BOOST_TEST(Name(second->result) == "pass");
  BOOST_TEST(Rows(second->parts) == (std::vector<int>{6, 7}), boost::test_tools::per_element());
  BOOST_TEST(!At(checks, "row_hierarchy", 5, 3));  // 实际执行 of 乙一 is blank: not judged there
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

// --- inferred row hierarchy -----------------------------------------------------------------------

// Parent row → its children, as the row_hierarchy checks of column `col` state them.
std::vector<std::pair<int, std::vector<int>>> Parents(const std::vector<Check>& checks, int col) {
  std::vector<std::pair<int, std::vector<int>>> out;
  for (const auto& c : OfKind(checks, "row_hierarchy")) {
    if (c.target.column == col) out.push_back({c.target.row, Rows(c.parts)});
  }
  return out;
}

struct HierarchyCase {
  std::string name;
  std::vector<Row> rows;                                   // amounts from column 2 on
  std::vector<std::pair<int, std::vector<int>>> parents;  // expected, in row order; empty = none
};

BOOST_AUTO_TEST_CASE(row_hierarchy_nests_rows_by_their_amounts) {
  const HierarchyCase cases[] = {
      {"基本支出总表: unit, its 本级, two groups of items",
       {R("", "示例街道办事处", {"1,000", "900"}), R("", "示例街道办事处（本级）", {"1,000", "900"}),
        R("", "工资福利支出", {"700", "650"}), R("", "基本工资", {"400", "380"}), R("", "津贴补贴", {"300", "270"}),
        R("", "商品和服务支出", {"300", "250"}), R("", "办公费", {"120", "100"}), R("", "工会经费", {"180", "150"})},
       {{0, {1}}, {1, {2, 5}}, {2, {3, 4}}, {5, {6, 7}}}},
      {"项目支出总表: a unit row above its projects",
       {R("", "示例单位", {"500", "480", "20"}), R("", "项目甲", {"200", "200", "0"}), R("", "项目乙", {"180", "180", "0"}),
        R("", "项目丙", {"120", "100", "20"})},
       {{0, {1, 2, 3}}}},
      {"equal neighbours inside a group are siblings, not a group of one",
       {R("", "示例单位", {"60", "40"}), R("", "甲", {"20", "10"}), R("", "乙", {"20", "10"}), R("", "丙", {"20", "20"})},
       {{0, {1, 2, 3}}}},
      {"one amount column: outline items and their details",
       {R("", "一、基本支出", {"4,881.22"}), R("", "人员支出", {"4,360.24"}), R("", "公用支出", {"520.98"}),
        R("", "二、项目支出", {"23,974.93"}), R("", "项目支出", {"23,974.93"}), R("", "合计", {"28,856.15"})},
       {{0, {1, 2}}, {3, {4}}}},
      {"rows that do not nest", {R("", "甲", {"10", "5"}), R("", "乙", {"7", "3"}), R("", "丙", {"3", "3"}), R("", "丁", {"12", "6"})}, {}},
      {"one chance match in a long flat list",
       {R("", "项目一", {"200", "200"}), R("", "项目二", {"150", "150"}), R("", "项目三", {"50", "50"}),
        R("", "项目四", {"37", "36"}), R("", "项目五", {"81", "80"}), R("", "项目六", {"64", "60"}),
        R("", "项目七", {"12", "12"}), R("", "项目八", {"95", "90"})},
       {}},
      {"rows of zeros prove nothing", {R("", "甲", {"0", "0"}), R("", "乙", {"0", "0"}), R("", "丙", {"0", "-"})}, {}},
      {"a unit of zeros over its own 本级 row: the names assert the group",
       {R("", "示例街道办事处", {"0", "0"}), R("", "示例街道办事处(本级）", {"0", "0"})}, {{0, {1}}}},
      {"a different name in brackets is no part of the row above",
       {R("", "示例街道办事处", {"0", "0"}), R("", "示例社区（本级）", {"0", "0"})}, {}},
      {"二、 is no child of 一、 whatever the amounts",
       {R("", "一、甲", {"30", "10"}), R("", "1.子", {"30", "10"}), R("", "二、乙", {"0", "0"}), R("", "三、丙", {"5", "5"})},
       {{0, {1}}}},
  };
  for (const auto& tc : cases) {
    BOOST_TEST_CONTEXT(tc.name) {
      std::vector<std::string> keys;
      for (size_t c = 2; c < tc.rows[0].cells.size(); ++c) keys.push_back("col_" + std::to_string(c + 1));
      auto checks = Run({T("附件1", keys, tc.rows)});
      auto parents = Parents(checks, 2);
      BOOST_REQUIRE_EQUAL(parents.size(), tc.parents.size());
      for (size_t i = 0; i < parents.size(); ++i) {
        BOOST_TEST(parents[i].first == tc.parents[i].first);
        BOOST_TEST(parents[i].second == tc.parents[i].second, boost::test_tools::per_element());
      }
      for (const auto& c : OfKind(checks, "row_hierarchy")) {
        BOOST_TEST(c.rule == "inferred: row sums");
        BOOST_TEST(Name(c.result) == "pass");
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(row_hierarchy_flags_rounding_and_rejects_gaps_between_small_numbers) {
  // 900.01 against 600.00 + 300.00: 尾数误差 in one column while the other adds up exactly.
  Table rounded = T("表5", {"col_3", "col_4"},
                    {R("", "一、一般公共预算", {"1,000.00", "900.01"}), R("", "1.基本支出", {"600.00", "600.00"}),
                     R("", "2.项目支出", {"400.00", "300.00"})});
  auto checks = Run({rounded});
  const Check* exact = At(checks, "row_hierarchy", 0, 2);
  const Check* off = At(checks, "row_hierarchy", 0, 3);
  BOOST_REQUIRE(exact);
  BOOST_REQUIRE(off);
  BOOST_TEST(Name(exact->result) == "pass");
  BOOST_TEST(Name(off->result) == "pass_within_rounding");
  BOOST_TEST(off->computed.ToString() == "900.00");
  // Scores: 7 = 2 + 3 + 2 but 4 against 6 is no rounding; no group, no check.
  Table scores = T("表9", {"col_3", "col_4"},
                   {R("", "甲", {"7", "4"}), R("", "乙", {"2", "2"}), R("", "丙", {"3", "3"}), R("", "丁", {"2", "1"})});
  BOOST_TEST(OfKind(Run({scores}), "row_hierarchy").empty());
}

BOOST_AUTO_TEST_CASE(row_hierarchy_leaves_coded_rows_and_totals_to_their_checks) {
  // A 合计 printed above its rows: the total_row check states that sum once.
  Table top = T("表4", {"col_3", "col_4"}, {R("", "合计", {"3", "1"}), R("", "甲", {"1", "0"}), R("", "乙", {"2", "1"})});
  auto checks = Run({top});
  BOOST_TEST(OfKind(checks, "row_hierarchy").empty());
  BOOST_TEST(OfKind(checks, "total_row").size() == 2u);
  // A coded 类 is code_rollup's; the uncoded unit row above the 类 rows is the hierarchy's.
  Table coded = T("表8", {"total", "basic"},
                  {R("", "示例单位", {"950", "900"}), R("301", "工资福利支出", {"600", "600"}),
                   R("30101", "基本工资", {"600", "600"}), R("302", "商品和服务支出", {"350", "300"}),
                   R("30201", "办公费", {"350", "300"})});
  auto coded_checks = Run({coded});
  BOOST_TEST(OfKind(coded_checks, "code_rollup").size() == 4u);
  auto parents = Parents(coded_checks, 2);
  BOOST_REQUIRE_EQUAL(parents.size(), 1u);
  BOOST_TEST(parents[0].first == 0);
  BOOST_TEST(parents[0].second == (std::vector<int>{1, 3}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(totals_add_the_top_of_the_inferred_hierarchy) {
  // Without outline numbers only the amounts say 政府预算拨款 holds the next two rows.
  Table nested = T("表6", {"budget"},
                   {R("", "政府预算拨款", {"1,250"}), R("", "一般公共预算拨款", {"1,200"}), R("", "政府性基金预算拨款", {"50"}),
                    R("", "本年收入合计", {"1,250"}), R("", "上年结余结转", {"10"}), R("", "收入总计", {"1,260"})});
  auto checks = Run({nested});
  const Check* year = At(checks, "total_row", 3, 2);
  BOOST_REQUIRE(year);
  BOOST_TEST(Rows(year->parts) == (std::vector<int>{0}), boost::test_tools::per_element());
  BOOST_TEST(Name(year->result) == "pass");
  // A total under another adds that total and the rows between.
  const Check* grand = At(checks, "total_row", 5, 2);
  BOOST_REQUIRE(grand);
  BOOST_TEST(Rows(grand->parts) == (std::vector<int>{3, 4}), boost::test_tools::per_element());
  BOOST_TEST(Name(grand->result) == "pass");
  // A second section's 合计 adds its own rows, not the first section's total.
  Table sections = T("表6", {"budget"},
                     {R("", "甲", {"100"}), R("", "乙", {"200"}), R("", "收入合计", {"300"}), R("", "丙", {"400"}),
                      R("", "丁", {"500"}), R("", "支出合计", {"900"})});
  auto section_checks = Run({sections});
  const Check* second = At(section_checks, "total_row", 5, 2);
  BOOST_REQUIRE(second);
  BOOST_TEST(Rows(second->parts) == (std::vector<int>{3, 4}), boost::test_tools::per_element());
  BOOST_TEST(Name(second->result) == "pass");
  // A 合计 equal to the plain sum of its rows says they do not nest after all.
  Table flat = T("表6", {"budget"}, {R("", "甲", {"30"}), R("", "乙", {"10"}), R("", "丙", {"20"}), R("", "合计", {"60"})});
  auto flat_checks = Run({flat});
  const Check* sum = At(flat_checks, "total_row", 3, 2);
  BOOST_REQUIRE(sum);
  BOOST_TEST(Rows(sum->parts) == (std::vector<int>{0, 1, 2}), boost::test_tools::per_element());
  BOOST_TEST(Name(sum->result) == "pass");
}

BOOST_AUTO_TEST_CASE(codes_apply_only_from_their_column_on) {
  // A 收支总表 whose 支出 half carries codes: the 收入 half is not coded.
  Table t;
  t.number = "表1";
  t.title = "收支总表";
  t.columns = {Col("name", "收入/项目", false), Col("budget", "收入/预算数", true), Col("name", "支出/项目", false),
               Col("budget", "支出/预算数", true)};
  t.rows = {Raw({"一、政府预算拨款", "1,250", "一般公共服务支出", "300"}), Raw({"1.一般公共预算拨款", "1,200", "人大事务", "300"}),
            Raw({"2.政府性基金预算拨款", "50", "城乡社区支出", "950"}), Raw({"", "", "城乡社区管理事务", "950"}),
            Raw({"本年收入合计", "1,250", "本年支出合计", "1,250"})};
  const char* codes[] = {"201", "20101", "212", "21201"};
  for (int r = 0; r < 4; ++r) {
    t.rows[r].code = codes[r];
    t.rows[r].code_column = 2;
  }
  auto checks = Run({t});
  for (const auto& c : OfKind(checks, "code_rollup")) BOOST_TEST(c.target.column == 3);
  BOOST_TEST(OfKind(checks, "code_rollup").size() == 2u);
  const Check* income = At(checks, "total_row", 4, 1);
  BOOST_REQUIRE(income);
  BOOST_TEST(Rows(income->parts) == (std::vector<int>{0}), boost::test_tools::per_element());
  const Check* spending = At(checks, "total_row", 4, 3);
  BOOST_REQUIRE(spending);
  BOOST_TEST(Rows(spending->parts) == (std::vector<int>{0, 2}), boost::test_tools::per_element());
  for (const auto& c : checks) BOOST_TEST(Name(c.result) != "fail", c.description);
}

// --- inferred column hierarchy and change columns --------------------------------------------------

BOOST_AUTO_TEST_CASE(inferred_identity_with_a_nested_subtotal_column) {
  // 收入总表: 总计 = 小计 + 政府性基金 + 财政专户, where 小计 = 三个 items; the last row is a misprint.
  Table t = T("表2", {"col_3", "col_4", "col_5", "col_6", "col_7", "col_8", "col_9"},
              {R("", "甲", {"100", "80", "50", "20", "10", "20", "0"}), R("", "乙", {"60", "45", "30", "10", "5", "15", "0"}),
               R("", "丙", {"33", "30", "10", "10", "10", "3", "0"}), R("", "丁", {"12", "7", "1", "2", "4", "5", "0"}),
               R("", "戊", {"55", "40", "20", "10", "10", "9", "0"})});
  auto checks = OfKind(Run({t}), "column_identity");
  BOOST_REQUIRE_EQUAL(checks.size(), 10u);
  for (int r = 0; r < 5; ++r) {
    BOOST_TEST(checks[r].rule == "inferred: col 3 = Σ col 4, 8..9");
    BOOST_TEST(checks[r].parts.size() == 3u);
    BOOST_TEST(checks[5 + r].rule == "inferred: col 4 = Σ col 5..7");
  }
  BOOST_TEST(Name(checks[0].result) == "pass");
  BOOST_TEST(Name(checks[4].result) == "fail");  // 55 against 40 + 9 + 0: reported, not hidden
  BOOST_TEST(checks[4].computed.ToString() == "49");
}

BOOST_AUTO_TEST_CASE(two_level_header_says_how_far_a_subtotal_reaches) {
  // 基本支出总表: every column but one is zero, so the amounts fit any grouping; the header
  // (政府预算拨款 over 小计 | 一般公共 | 政府性基金) decides it.
  Table t = T("表4", {"total", "subtotal", "col_5", "col_6", "col_7", "col_8"},
              {R("", "工资福利支出", {"6,149", "6,149", "6,149", "0", "0", "0"}),
               R("", "基本工资", {"2,369", "2,369", "2,369", "0", "0", "0"}),
               R("", "津贴补贴", {"2,149", "2,149", "2,149", "0", "0", "0"})});
  t.columns[2].header = "总计";
  t.columns[3].header = "政府预算拨款/小计";
  t.columns[4].header = "政府预算拨款/一般公共预算拨款";
  t.columns[5].header = "政府预算拨款/政府性基金预算拨款";
  t.columns[6].header = "财政专户管理资金";
  t.columns[7].header = "单位资金/事业收入";
  auto checks = OfKind(Run({t}), "column_identity");
  BOOST_REQUIRE_EQUAL(checks.size(), 6u);
  for (int r = 0; r < 3; ++r) {
    BOOST_TEST(checks[r].rule == "inferred: col 3 = Σ col 4, 7..8");
    BOOST_TEST(checks[3 + r].rule == "inferred: col 4 = Σ col 5..6");
    BOOST_TEST(Name(checks[r].result) == "pass");
  }
}

BOOST_AUTO_TEST_CASE(narrative_amount_in_wan_links_to_the_row_in_yuan) {
  Table t = T("表3", {"total"}, {R("201", "一般公共服务支出", {"22,186,440.80"}), R("20106", "财政事务", {"100,000.00"})});
  t.unit = "元";
  t.rows[0].cells[2].amount_fen = 2218644080;
  t.rows[1].cells[2].amount_fen = 10000000;
  NarrativeFact agrees{"item_amount", "一般公共服务支出", "其中：一般公共服务支出2,218.64万元", Decimal{221864, 2}, "万元", 2218640000, {},
                       {7, 0, {}, {}}};
  NarrativeFact differs{"item_amount", "财政事务", "、财政事务 12.00 万元", Decimal{1200, 2}, "万元", 12000000, {}, {8, 0, {}, {}}};
  Reconciliation doc = Reconcile({}, {t}, {agrees, differs});
  auto links = OfKind(doc.checks, "narrative");
  BOOST_REQUIRE_EQUAL(links.size(), 1u);
  BOOST_TEST(Name(links[0].result) == "pass");  // 2,218.644080 万元 printed to two digits
  BOOST_TEST(links[0].stated.ToString() == "2218.64");
  BOOST_TEST(links[0].target.row == 0);
  BOOST_TEST(links[0].target.column == 2);
  BOOST_REQUIRE_EQUAL(doc.warnings.size(), 1u);
  BOOST_TEST(doc.warnings[0].where.page == 8);
  BOOST_TEST(doc.warnings[0].message.find("财政事务 12.00万元") != std::string::npos, doc.warnings[0].message);
}

BOOST_AUTO_TEST_CASE(outline_numbers_assert_a_group_of_zeros) {
  // 三、单位资金 0 over 1.事业收入 0 and 2.其他收入 0: amounts alone prove nothing, the numbering does.
  Table t = T("表1", {"budget", "actual"},
              {R("", "一、政府预算拨款", {"30", "28"}), R("", "1.一般公共预算拨款", {"20", "18"}),
               R("", "2.政府性基金预算拨款", {"10", "10"}), R("", "二、单位资金", {"0", "0"}),
               R("", "1.事业收入", {"0", "0"}), R("", "2.其他收入", {"0", "0"}), R("", "三、其他", {"5", "5"})});
  auto checks = OfKind(Run({t}), "row_hierarchy");
  int zeros = 0;
  for (const auto& c : checks) {
    BOOST_TEST(Name(c.result) == "pass", c.description);
    zeros += c.target.row == 3;
  }
  BOOST_TEST(zeros == 2);  // one per column
}

BOOST_AUTO_TEST_CASE(inferred_change_column) {
  // 预算调增数 = 全年预算数 − 年初预算数, the compared columns printed first.
  Table t = T("表3", {"col_3", "col_4", "col_5"},
              {R("", "一、基本支出", {"4,881.22", "4,962.22", "81.00"}), R("", "人员支出", {"4,360.24", "4,441.24", "81.00"}),
               R("", "公用支出", {"520.98", "520.98", "0.00"}), R("", "二、项目支出", {"23,974.93", "31,718.89", "7,743.96"})});
  auto checks = OfKind(Run({t}), "column_identity");
  BOOST_REQUIRE_EQUAL(checks.size(), 4u);
  for (const auto& c : checks) {
    BOOST_TEST(c.rule == "inferred: col 5 = col 4 − col 3");
    BOOST_TEST(c.signs == (std::vector<int>{1, -1}), boost::test_tools::per_element());
    BOOST_TEST(Name(c.result) == "pass");
  }
  // Columns whose differences are unrelated make none.
  Table random = T("表3", {"col_3", "col_4", "col_5"},
                   {R("", "甲", {"10", "25", "4"}), R("", "乙", {"7", "9", "3"}), R("", "丙", {"30", "31", "5"})});
  BOOST_TEST(OfKind(Run({random}), "column_identity").empty());
}

BOOST_AUTO_TEST_CASE(rows_shifted_off_their_columns_are_not_judged) {
  // col 3 = col 4 + col 5 and col 6 = col 7 + col 8; the last row is shifted by a merged cell (a
  // name under an amount column), so its numbers are not under their headers.
  Table t = T("附件1", {"col_3", "col_4", "col_5", "col_6", "col_7", "col_8"},
              {R("", "甲", {"3", "1", "2", "9", "4", "5"}), R("", "乙", {"7", "3", "4", "20", "15", "5"}),
               R("", "丙", {"10", "6", "4", "8", "2", "6"}), R("", "丁", {"5", "5", "0", "13", "6", "7"}),
               R("", "戊", {"12", "4", "8", "30", "10", "20"}), R("", "", {"1", "党建事务", "9", "20", "0", "11"})});
  auto checks = OfKind(Run({t}), "column_identity");
  BOOST_TEST(checks.size() == 10u);
  for (const auto& c : checks) {
    BOOST_TEST(c.target.row != 5);
    BOOST_TEST(Name(c.result) == "pass");
  }
}

// --- shares of the total and ratio evidence --------------------------------------------------------

BOOST_AUTO_TEST_CASE(share_of_the_total_row) {
  // 占比 = 年初预算数 / 合计 × 100, to one decimal; 丁 is printed one digit off.
  Table t = T("表2", {"col_3", "rate"},
              {R("", "甲", {"250.00", "25.0%"}), R("", "乙", {"333.33", "33.3%"}), R("", "丙", {"266.67", "26.7%"}),
               R("", "丁", {"150.00", "15.1%"}), R("", "合计", {"1,000.00", "100%"})});
  auto checks = OfKind(Run({t}), "ratio");
  BOOST_REQUIRE_EQUAL(checks.size(), 5u);
  for (const auto& c : checks) {
    BOOST_TEST(c.rule == "inferred: col 4 = col 3 / col 3 of #5 合计 × 100");
    BOOST_TEST(c.parts[1].row == 4);
    BOOST_TEST(c.parts[1].column == 2);
  }
  BOOST_TEST(Name(checks[3].result) == "pass_within_rounding");
  BOOST_TEST(Name(checks[4].result) == "pass");
  BOOST_TEST(checks[1].description == "表2 row #2 乙: rate 33.3% = col_3 333.33 / #5 合计 col_3 1,000.00 × 100");
  // Percentages no total explains make no check.
  Table random = T("表2", {"col_3", "rate"},
                   {R("", "甲", {"250.00", "31.0%"}), R("", "乙", {"333.33", "7.5%"}), R("", "丙", {"266.67", "60.1%"}),
                    R("", "合计", {"850.00", "98.6%"})});
  BOOST_TEST(OfKind(Run({random}), "ratio").empty());
}

BOOST_AUTO_TEST_CASE(inferred_ratio_counts_rows_off_by_the_last_printed_digit) {
  // 执行率 printed from unrounded amounts: 3 of 5 rows exact, 2 one digit off.
  Table t = T("附件1", {"col_3", "col_4", "col_5"},
              {R("", "甲", {"12.50", "12.40", "99.20%"}), R("", "乙", {"8.00", "8.00", "100.00%"}),
               R("", "丙", {"3.33", "2.22", "66.67%"}), R("", "丁", {"6.00", "5.99", "99.84%"}),
               R("", "戊", {"37.86", "37.76", "99.75%"})});
  auto checks = OfKind(Run({t}), "ratio");
  BOOST_REQUIRE_EQUAL(checks.size(), 5u);
  BOOST_TEST(checks[0].rule == "inferred: col 5 = col 4 / col 3 × 100");
  BOOST_TEST(Name(checks[3].result) == "pass_within_rounding");
  BOOST_TEST(Name(checks[4].result) == "pass_within_rounding");
}

BOOST_AUTO_TEST_CASE(declared_ratio_with_a_shared_key_applies_where_it_holds) {
  // 占比 and 执行率 both read as rate: the rule explains 执行率; 占比 is a share of the total.
  Table t = T("表5", {"budget", "actual", "rate", "rate"},
              {R("", "甲", {"400", "380", "40.0%", "95.00%"}), R("", "乙", {"600", "540", "60.0%", "90.00%"}),
               R("", "合计", {"1,000", "920", "100.0%", "92.00%"})});
  auto checks = OfKind(Run({t}, Declared()), "ratio");
  BOOST_REQUIRE_EQUAL(checks.size(), 6u);
  for (const auto& c : checks) {
    BOOST_TEST(Name(c.result) == "pass");
    bool declared = c.rule == "执行率 = 执行数 / 预算数";
    BOOST_TEST(c.target.column == (declared ? 5 : 4));
  }
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

BOOST_AUTO_TEST_CASE(cross_table_finds_a_label_on_the_right_half_of_a_two_sided_table) {
  Table total;
  total.title = "收入支出决算总表";
  total.unit = "万元";
  total.columns = {Col("name", "收入/项目", false), Col("actual", "收入/决算数", true), Col("name", "支出/项目", false),
                   Col("actual", "支出/决算数", true)};
  total.rows = {Raw({"本年收入合计", "100.00", "本年支出合计", "95.00"}), Raw({"总计", "100.00", "总计", "100.00"})};
  Table spent = T("", {"total"}, {R("", "合计", {"96.00"})});
  spent.title = "支出决算表";
  Identities ids;
  ids.cross_table.push_back({"本年支出合计 = 支出决算表 合计", {"收入支出决算总表", "本年支出合计", ""}, {"支出决算表", "合计", ""}});
  auto checks = OfKind(Run({total, spent}, ids), "cross_table");
  BOOST_REQUIRE_EQUAL(checks.size(), 1u);
  BOOST_TEST(checks[0].target.column == 3);  // the 支出 half's amount, not the row's first
  BOOST_TEST(checks[0].stated.ToString() == "95.00");
  BOOST_TEST(Name(checks[0].result) == "fail");
}

// --- line_identity ------------------------------------------------------------------------------

std::shared_ptr<const RE2> Re(const std::string& pattern) { return std::make_shared<const RE2>(pattern); }

Identities SanGong() {
  Identities ids;
  ids.lines.push_back({"三公 = 出国 + 接待 + 公务用车", Re("三公"), Re("(?:^|/)合计$"),
                       {Re("因公出国"), Re("公务接待"), Re("公务用车购置及运行费(?:/小计)?$")}, ""});
  ids.lines.push_back({"公务用车 = 购置 + 运行", Re("三公"), Re("公务用车购置及运行费(?:/小计)?$"),
                       {Re("(?:^|/|：)(?:公务用车)?购置费$"), Re("(?:^|/|：)(?:公务用车)?运行费$")}, ""});
  return ids;
}

BOOST_AUTO_TEST_CASE(line_identity_over_columns_stays_under_the_totals_heading) {
  Table t;
  t.title = "2026年单位“三公”经费和机关运行经费预算表";
  t.unit = "万元";
  t.columns = {Col("name", "单位名称", false)};
  for (std::string group : {"预算数", "决算数"}) {
    for (std::string leaf : {"合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费/小计",
                             "公务用车购置及运行费/购置费", "公务用车购置及运行费/运行费"}) {
      t.columns.push_back(Col("col", "“三公”经费" + group + "/" + leaf, true));
    }
  }
  t.columns.push_back(Col("col", "机关运行经费", true));
  // 决算数: the 合计 is 10 and its parts 9; the car's 小计 4 is 1 + 3 with 购置费 blank as 0 in 预算数.
  t.rows = {Raw({"示例局", "84.00", "30.00", "5.00", "49.00", "", "49.00", "10.00", "2.00", "3.00", "4.00", "1.00",
                 "3.00", "1,067.92"})};
  auto checks = OfKind(Run({t}, SanGong()), "line_identity");
  BOOST_REQUIRE_EQUAL(checks.size(), 4u);
  BOOST_TEST(checks[0].target.column == 1);
  BOOST_TEST((Rows(checks[0].parts) == std::vector<int>{0, 0, 0}));
  BOOST_TEST(checks[0].parts[2].column == 4);
  BOOST_TEST(Name(checks[0].result) == "pass");
  BOOST_TEST(checks[1].target.column == 7);  // the 决算数 合计, with the parts of its own heading
  BOOST_TEST(checks[1].parts[0].column == 8);
  BOOST_TEST(Name(checks[1].result) == "fail");
  BOOST_TEST(checks[1].computed.ToString() == "9.00");
  BOOST_TEST(checks[2].target.column == 4);
  BOOST_TEST(checks[2].parts.size() == 1u);  // 购置费 blank: 0
  BOOST_TEST(Name(checks[2].result) == "pass");
  BOOST_TEST(checks[3].target.column == 10);
  BOOST_TEST(Name(checks[3].result) == "pass");
}

BOOST_AUTO_TEST_CASE(line_identity_over_columns_that_repeat_their_measures) {
  // A 决算's 三公 table: each line heads its 预算数 and 决算数.
  Table t;
  t.title = "财政拨款“三公”经费支出决算表";
  t.unit = "万元";
  for (std::string line : {"合计", "因公出国（境）费", "公务用车购置及运行费/小计", "公务用车购置及运行费/购置费",
                           "公务用车购置及运行费/运行费", "公务接待费"}) {
    for (std::string measure : {"预算数", "决算数"}) t.columns.push_back(Col("col", "“三公”经费/" + line + "/" + measure, true));
  }
  t.rows = {Raw({"2.85", "0.49", "0.00", "0.00", "0.00", "0.10", "", "", "0.00", "0.10", "2.85", "0.39"})};
  auto checks = OfKind(Run({t}, SanGong()), "line_identity");
  BOOST_REQUIRE_EQUAL(checks.size(), 4u);
  BOOST_TEST(checks[0].target.column == 0);
  BOOST_TEST(checks[0].parts[1].column == 10);  // 公务接待费/预算数, not 决算数
  BOOST_TEST(Name(checks[0].result) == "pass");
  BOOST_TEST(checks[1].target.column == 1);
  BOOST_TEST(Name(checks[1].result) == "pass");  // 0.49 = 0.00 + 0.10 + 0.39
  BOOST_TEST(checks[2].target.column == 4);
  BOOST_TEST(checks[3].target.column == 5);
  BOOST_TEST(checks[3].parts.size() == 1u);  // 购置费 blank
  BOOST_TEST(Name(checks[3].result) == "pass");
}

BOOST_AUTO_TEST_CASE(line_identity_over_rows_needs_every_part_printed_once) {
  Table t;
  t.title = "财政拨款“三公”经费支出决算表";
  t.unit = "万元";
  t.columns = {Col("name", "项目", false), Col("actual", "决算数", true)};
  t.rows = {Raw({"合计", "10.00"}), Raw({"1.因公出国（境）费", "2.00"}), Raw({"2.公务接待费", "3.00"}),
            Raw({"3.公务用车购置及运行费", "4.00"}), Raw({"其中：公务用车购置费", ""}),
            Raw({"公务用车运行费", "4.00"})};
  // Each sum is checked once, by the line identity or by the row totals that found it first.
  auto all = Run({t}, SanGong());
  auto sums_of = [&](int row, std::vector<int> parts) {
    std::vector<const Check*> found;
    for (const auto& c : all) {
      if (c.target.row == row && c.target.column == 1 && Rows(c.parts) == parts) found.push_back(&c);
    }
    return found;
  };
  auto total = sums_of(0, {1, 2, 3});
  BOOST_REQUIRE_EQUAL(total.size(), 1u);
  BOOST_TEST(Name(total[0]->result) == "fail");
  BOOST_TEST(total[0]->computed.ToString() == "9.00");
  auto car = sums_of(3, {5});
  BOOST_REQUIRE_EQUAL(car.size(), 1u);
  BOOST_TEST(Name(car[0]->result) == "pass");
  t.rows[1] = Raw({"因公出国（境）费", "2.00"});  // no outline numbers: the total is the rules' to find
  all = Run({t}, SanGong());
  BOOST_TEST(OfKind(all, "line_identity").size() >= 1u);
  BOOST_REQUIRE_EQUAL(sums_of(0, {1, 2, 3}).size(), 1u);

  t.rows.push_back(Raw({"公务接待费", "3.00"}));  // a part printed twice: which one is meant is unknown
  for (const auto& c : OfKind(Run({t}, SanGong()), "line_identity")) BOOST_TEST(c.target.row != 0);
  t.rows.pop_back();
  t.title = "支出决算表";  // not a 三公 table
  BOOST_TEST(OfKind(Run({t}, SanGong()), "line_identity").empty());
}

// --- the document -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(checks_name_cells_by_the_index_of_their_table) {
  Table t = T("表2", {"total", "basic", "project"},
              {R("201", "一般公共服务支出", {"300", "300", "-"}), R("20101", "人大事务", {"300", "300", ""})});
  Table untitled = T("表1", {"total"}, {});
  std::vector<Check> checks = Run({untitled, t}, Declared());
  BOOST_REQUIRE(!checks.empty());
  for (const auto& c : checks) {
    BOOST_TEST(c.target.table == 1);
    for (const auto& p : c.parts) BOOST_TEST(p.table == 1);
  }
}

// --- difference rows -------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(difference_row_is_the_row_above_minus_the_one_above_that) {
  Row change = Raw({"增减变化金额", "2.5", "0", "3"});
  change.kind = RowKind::kDifference;
  Table t = T("表9", {"total", "a", "b"}, {});
  t.columns.erase(t.columns.begin());  // name column, then the amounts
  t.rows = {Raw({"2022年", "63", "0", "63"}), Raw({"2023年", "65.5", "0", "65.5"}), change};
  std::vector<Check> checks = OfKind(Run({t}), "difference");
  BOOST_REQUIRE_EQUAL(checks.size(), 3u);
  BOOST_TEST(Name(checks[0].result) == "pass");
  BOOST_TEST(checks[0].computed.ToString() == "2.5");
  BOOST_TEST((Rows(checks[0].parts) == std::vector<int>{1, 0}));
  BOOST_TEST((checks[0].signs == std::vector<int>{1, -1}));
  BOOST_TEST(Name(checks[2].result) == "fail");  // 3 printed, 65.5 - 63 = 2.5
}

BOOST_AUTO_TEST_CASE(rows_not_marked_as_difference_get_no_difference_check) {
  Table t = T("表9", {"total"}, {});
  t.columns.erase(t.columns.begin());
  t.rows = {Raw({"2022年", "63"}), Raw({"2023年", "65.5"}), Raw({"说明", "2.5"})};
  BOOST_TEST(OfKind(Run({t}), "difference").empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace budgetx::reconcile
