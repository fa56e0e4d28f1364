#include "pipeline/tables/tables.h"

#include <algorithm>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "extractors/text/text_extractor.h"
#include "tests/project_rules.h"

namespace budgetx::tables {
namespace {

BuiltTables Build(const std::string& text) {
  Document doc;
  Status s = text_extractor::ExtractBytes("t.txt", text, &doc);
  if (!s.ok()) throw std::runtime_error(s.ToString());
  return BuildTables(testing::ProjectRules(), Options{}, doc.pages);
}

using testing::Texts;

std::vector<int64_t> Amounts(const Row& row) {
  std::vector<int64_t> out;
  for (const auto& c : row.cells)
    if (c.amount_fen) out.push_back(*c.amount_fen);
  return out;
}

BOOST_AUTO_TEST_SUITE(tables)

BOOST_AUTO_TEST_CASE(two_sided_table_aligns_short_rows_right) {
  BuiltTables doc = Build(
      "表 1\n收支总表\n单位：万元\n项 目 2024 年预算数 项 目 2024 年预算数\n"
      "一、政府预算拨款 1,250 一、一般公共服务支出 300\n人大事务 300\n本年收入合计 1,250 本年支出合计 1,250\n");
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 1u);
  const Table& t = doc.tables[0];
  BOOST_TEST(t.number == "表1");
  BOOST_TEST(t.title == "收支总表");
  BOOST_TEST(t.unit == "万元");
  BOOST_REQUIRE_EQUAL(t.rows.size(), 3u);
  BOOST_TEST(Texts(t.rows[1]) == (std::vector<std::string>{"", "", "人大事务", "300"}), boost::test_tools::per_element());
  BOOST_TEST(Amounts(t.rows[0]) == (std::vector<int64_t>{1250000000, 300000000}), boost::test_tools::per_element());
  BOOST_TEST((t.rows[2].kind == RowKind::kTotal));
}

BOOST_AUTO_TEST_CASE(a_repeated_code_column_holds_codes_on_every_row) {
  BuiltTables doc = Build(
      "表 7\n基本支出决算表\n单位：万元\n经济分类科目编码\t科目名称\t决算数\t经济分类科目编码\t科目名称\t决算数\n"
      "301\t工资福利支出\t100\t302\t商品和服务支出\t30\n30101\t基本工资\t100\t30201\t办公费\t30\n");
  const Table& t = doc.tables.at(0);
  BOOST_REQUIRE_EQUAL(t.rows.size(), 2u);
  for (const auto& row : t.rows) {
    BOOST_TEST((row.cells.at(0).kind == ValueKind::kCode));
    BOOST_TEST((row.cells.at(3).kind == ValueKind::kCode));
    BOOST_TEST(!row.cells[3].number.has_value());
  }
  BOOST_TEST(t.rows[0].code == "301");
  BOOST_TEST(t.rows[0].cells[3].text == "302");
  BOOST_TEST(Amounts(t.rows[1]) == (std::vector<int64_t>{100000000, 30000000}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(records_name_each_halfs_amounts_by_that_half) {
  BuiltTables doc = Build(
      "表 7\n基本支出决算表\n单位：万元\n经济分类科目编码\t科目名称\t决算数\t经济分类科目编码\t科目名称\t决算数\n"
      "301\t工资福利支出\t100\t302\t商品和服务支出\t30\n30101\t基本工资\t100\t30201\t办公费\t30\n");
  BOOST_TEST(doc.tables.at(0).side_starts == (std::vector<int>{0, 3}), boost::test_tools::per_element());
  std::vector<std::string> labels;
  for (const auto& r : Records(doc.tables)) labels.push_back(r.row_code + " " + r.row_name);
  BOOST_TEST(labels == (std::vector<std::string>{"301 工资福利支出", "302 商品和服务支出", "30101 基本工资", "30201 办公费"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_two_sided_total_table_records_income_without_the_borrowed_code) {
  BuiltTables doc = Build(
      "表 1\n收支总表\n单位：万元\n项 目\t预算数\t项 目\t预算数\n"
      "一、一般公共预算拨款\t300\t一般公共服务支出\t300\n\t\t人大事务\t300\n"
      "表 2\n支出总表\n单位：万元\n科目编码 科目名称 支出总计\n201 一般公共服务支出 300\n20101 人大事务 300\n");
  std::vector<std::string> labels;
  for (const auto& r : Records(doc.tables)) {
    if (r.table_index == 0) labels.push_back(r.row_code + "|" + r.row_name);
  }
  BOOST_TEST(labels == (std::vector<std::string>{"|一、一般公共预算拨款", "201|一般公共服务支出", "20101|人大事务"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_code_part_printed_as_a_number_gets_its_zero_back) {
  BuiltTables doc = Build(
      "表 8\n基本支出预算表\n单位：元\n部门预算经济分类科目编码/类\t部门预算经济分类科目编码/款\t经济分类科目名称\t合计\n"
      "301\t\t工资福利支出\t300\n301\t01\t基本工资\t100\n301\t2\t津贴补贴\t150\n301\t08\t养老保险缴费\t50\n");
  const Table& t = doc.tables.at(0);
  BOOST_REQUIRE_EQUAL(t.rows.size(), 4u);
  BOOST_TEST(t.rows[2].code == "30102");
  BOOST_TEST(t.rows[2].cells.at(1).text == "02");
  bool recorded = false;
  for (const auto& c : doc.corrections) recorded |= c.kind == "code_part_padded" && c.raw == "2" && c.result == "02";
  BOOST_TEST(recorded);
}

BOOST_AUTO_TEST_CASE(codes_levels_and_wrapped_first_label) {
  BuiltTables doc = Build(
      "表 2\n支出总表\n单位：元\n预算单位 科目编码 科目名称 支出总计 基本支出 项目支出\n"
      "示例街道\n办事处\n1,250.50 700 550.50\n201 一般公共服务支出 300 300 0\n2010101 行政运行 300 300 0\n");
  const Table& t = doc.tables.at(0);
  BOOST_REQUIRE_EQUAL(t.rows.size(), 3u);
  BOOST_TEST(t.rows[0].name == "示例街道办事处");
  BOOST_TEST(Amounts(t.rows[0]) == (std::vector<int64_t>{125050, 70000, 55050}), boost::test_tools::per_element());
  BOOST_TEST(t.rows[1].code == "201");
  BOOST_TEST(t.rows[1].level == 1);
  BOOST_TEST(t.rows[2].level == 3);
  BOOST_TEST(t.rows[2].name == "行政运行");
  BOOST_REQUIRE_EQUAL(t.columns.size(), 6u);
  BOOST_TEST(t.columns[3].key == "total");
  BOOST_TEST(t.columns[4].key == "basic");
  BOOST_TEST(t.columns[5].key == "project");
}

BOOST_AUTO_TEST_CASE(continuation_page_is_one_table_without_repeated_header) {
  BuiltTables doc = Build(
      "表 2\n支出总表\n单位：万元\n科目编码 科目名称 支出总计\n201 一般公共服务支出 300\n\f"
      "表 2\n支出总表\n单位：万元\n科目编码 科目名称 支出总计\n212 城乡社区支出 950\n");
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 1u);
  BOOST_TEST(doc.tables[0].pages == (std::vector<int>{1, 2}), boost::test_tools::per_element());
  BOOST_REQUIRE_EQUAL(doc.tables[0].rows.size(), 2u);
  BOOST_TEST(doc.tables[0].rows[1].code == "212");
}

// The same form once per unit: each copy opens with the form's first row again (here its 合计),
// so it is a table of its own.
BOOST_AUTO_TEST_CASE(a_repeated_title_that_starts_a_second_total_is_another_copy) {
  BuiltTables doc = Build(
      "表 2\n支出总表\n单位：万元\n科目编码 科目名称 支出总计\n合计 300\n201 一般公共服务支出 300\n\f"
      "表 2\n支出总表\n单位：万元\n科目编码 科目名称 支出总计\n212 城乡社区支出 0\n\f"
      "表 2\n支出总表\n单位：万元\n科目编码 科目名称 支出总计\n合计 950\n212 城乡社区支出 950\n");
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 2u);
  BOOST_TEST(doc.tables[0].rows.size() == 3u);
  BOOST_TEST(doc.tables[0].pages == (std::vector<int>{1, 2}), boost::test_tools::per_element());
  BOOST_REQUIRE_EQUAL(doc.tables[1].rows.size(), 2u);
  BOOST_TEST(doc.tables[1].pages == (std::vector<int>{3}), boost::test_tools::per_element());
  BOOST_TEST(doc.tables[1].columns.at(2).key == "total");
}

// A two-sided table whose last page opens with 收入总计 under 本年收入合计: still one table.
BOOST_AUTO_TEST_CASE(a_page_opening_with_the_closing_total_continues_the_table) {
  BuiltTables doc = Build(
      "表 6\n收支总表\n单位：万元\n项目 预算数 项目 预算数\n一、政府预算拨款 300 一、一般公共服务支出 300\n"
      "本年收入合计 300 本年支出合计 300\n\f表 6\n收支总表\n单位：万元\n项目 预算数 项目 预算数\n"
      "收入总计 300 支出总计 300\n");
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 1u);
  BOOST_TEST(doc.tables[0].rows.size() == 3u);
}

BOOST_AUTO_TEST_CASE(tab_rows_keep_ordinals_and_lone_numbers_out_of_amounts) {
  BuiltTables doc = Build(
      "2022年示例中心项目绩效自评表\n单位: 万元\n"
      "1\t示例中心\t巡查经费\t12.50\t12.40\t-\t99.20%\t巡查次数\t12\t工作经验\n");
  const Row& row = doc.tables.at(0).rows.at(0);
  BOOST_TEST(Amounts(row) == (std::vector<int64_t>{12500000, 12400000}), boost::test_tools::per_element());
  BOOST_TEST((row.cells[0].kind == ValueKind::kNumber));
  BOOST_TEST((row.cells[5].kind == ValueKind::kDash));
  BOOST_TEST((row.cells[6].kind == ValueKind::kPercent));
  BOOST_TEST((row.cells[8].kind == ValueKind::kNumber));
}

BOOST_AUTO_TEST_CASE(one_cell_per_line_blocks_are_rows) {
  BuiltTables doc = Build("1.  示例项目绩效目标表\n\t一级指标\n\t二级指标\n\n\t产出指标\n\t\n\t≥578 人\n\n");
  const Table& t = doc.tables.at(0);
  BOOST_TEST(t.number == "1");
  BOOST_REQUIRE_EQUAL(t.rows.size(), 2u);
  BOOST_TEST(Texts(t.rows[1]) == (std::vector<std::string>{"产出指标", "", "≥578人"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(number_and_measure_word_are_one_cell) {
  BuiltTables doc = Build("表 3\n绩效目标表\n单位：万元\n名称 金额\n基本支出 10\n小型基建项目个数 5 个\n");
  const Table& t = doc.tables.at(0);
  BOOST_REQUIRE_EQUAL(t.rows.size(), 2u);
  BOOST_TEST(Texts(t.rows[1]) == (std::vector<std::string>{"小型基建项目个数", "5个"}), boost::test_tools::per_element());
  BOOST_TEST(Amounts(t.rows[1]).empty());
}

BOOST_AUTO_TEST_CASE(narrative_after_a_total_row_ends_the_table) {
  BuiltTables doc = Build("表 2 部门年初预算安排情况\n单位：万元\n分类 年初预算数\n人员支出: 400.00\n合计 400.00\n"
                       "其中项目支出调增 7,743.96 万元。\n");
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 1u);
  BOOST_TEST(doc.tables[0].rows.size() == 2u);
}

BOOST_AUTO_TEST_CASE(table_without_unit_gets_a_warning) {
  BuiltTables doc = Build("表 4\n明细表\n名称 金额\n办公费 10\n");
  BOOST_TEST(doc.tables.at(0).unit == "万元");
  BOOST_REQUIRE(!doc.warnings.empty());
  BOOST_TEST(doc.warnings[0].message.find("declares no unit") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_amount_beyond_what_fen_can_hold_is_said_so_and_not_rounded) {
  BuiltTables doc = Build("表 2\n支出总表\n单位：万元\n201 一般公共服务支出 99999999999999999.5 0.0000125\n");
  const Row& row = doc.tables.at(0).rows.at(0);
  BOOST_TEST(!row.cells.at(2).amount_fen.has_value());
  BOOST_TEST(*row.cells.at(3).amount_fen == 13);  // 12.5 fen, rounded half away from zero
  std::vector<std::string> messages;
  for (const auto& w : doc.warnings) messages.push_back(w.message);
  BOOST_TEST(std::count_if(messages.begin(), messages.end(), [](const std::string& m) {
               return m.find("'99999999999999999.5' has more digits than fen can hold") != std::string::npos;
             }) == 1);
  BOOST_TEST(std::count_if(messages.begin(), messages.end(), [](const std::string& m) {
               return m.find("'0.0000125' is finer than one fen") != std::string::npos;
             }) == 1);
}

BOOST_AUTO_TEST_CASE(row_cut_off_at_end_of_input_is_flagged_incomplete) {
  BuiltTables doc = Build("表 2\n支出总表\n单位：万元\n201 一般公共服务支出 300 300 0\n212 城乡社区支出 950 40");
  bool flagged = false;
  for (const auto& w : doc.warnings) flagged |= w.incomplete && w.where.line == 5;
  BOOST_TEST(flagged);
}

BOOST_AUTO_TEST_CASE(kangxi_cells_are_repaired_with_a_correction) {
  BuiltTables doc = Build("表 2\n支出总表\n单位：万元\n⼀般公共服务⽀出 300 300\n");
  const Row& row = doc.tables.at(0).rows.at(0);
  BOOST_TEST(row.cells[0].text == "一般公共服务支出");
  BOOST_TEST(row.cells[0].raw == "⼀般公共服务⽀出");
  BOOST_REQUIRE(!doc.corrections.empty());
  BOOST_TEST(doc.corrections[0].raw == "⼀般公共服务⽀出");
  BOOST_TEST(doc.corrections[0].result == "一般公共服务支出");
  BOOST_TEST(doc.corrections[0].kind == "nfkc");
}

BOOST_AUTO_TEST_CASE(decimals_run_into_the_next_cell_are_given_back_with_a_correction) {
  BuiltTables doc = Build(
      "表2 收入总表\n单位：万元\n项目\t合计\t一般公共预算\t其他\n"
      "合计\t168,441\t.81154,304.22\t12.5\n科学技术支出\t2,000\t.5\t12.50\n");
  const Table& t = doc.tables.at(0);
  BOOST_REQUIRE_EQUAL(t.rows.size(), 2u);
  BOOST_TEST(Texts(t.rows[0]) == (std::vector<std::string>{"合计", "168,441.81", "154,304.22", "12.5"}),
             boost::test_tools::per_element());
  BOOST_TEST(Amounts(t.rows[0]) == (std::vector<int64_t>{168441810000LL, 154304220000LL, 12500000}),
             boost::test_tools::per_element());
  BOOST_TEST(Texts(t.rows[1]) == (std::vector<std::string>{"科学技术支出", "2,000", ".5", "12.50"}),
             boost::test_tools::per_element());  // one digit after the point: no decimals of 2,000
  std::vector<std::string> raws;
  for (const auto& c : doc.corrections) {
    if (c.kind == "overflow_decimals") raws.push_back(c.raw + " -> " + c.result);
  }
  BOOST_TEST(raws == (std::vector<std::string>{"168,441 -> 168,441.81", ".81154,304.22 -> 154,304.22"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(uncoded_two_sided_table_borrows_codes_for_its_named_half) {
  BuiltTables doc = Build(
      "表 1\n收支总表\n单位：万元\n项 目 2024 年预算数 项 目 2024 年预算数\n"
      "一、政府预算拨款 1,250 一、一般公共服务支出 300\n1.一般公共预算拨款 1,200 人大事务 300\n"
      "行政运行 300\n"
      "表 2\n支出总表\n单位：万元\n科目编码 科目名称 支出总计\n201 一般公共服务支出 300\n"
      "20101 人大事务 300\n2010101 行政运行 300\n");
  const Table& t = doc.tables.at(0);
  BOOST_REQUIRE_EQUAL(t.rows.size(), 3u);
  BOOST_TEST(t.rows[0].code == "201");
  BOOST_TEST(t.rows[0].code_column == 2);
  BOOST_TEST(t.rows[0].code_borrowed);
  BOOST_TEST(t.rows[1].code == "20101");
  BOOST_TEST(t.rows[2].code == "2010101");
  BOOST_TEST(t.rows[2].level == 3);
  BOOST_TEST(!doc.tables[1].rows[0].code_borrowed);
}

BOOST_AUTO_TEST_CASE(names_that_do_not_follow_a_coded_table_borrow_nothing) {
  BuiltTables doc = Build(
      "表 1\n项目表\n单位：万元\n名称 金额\n办公费 10\n培训费 20\n差旅费 5\n"
      "表 2\n支出总表\n单位：万元\n科目编码 科目名称 支出总计\n201 一般公共服务支出 300\n"
      "20101 培训费 300\n");
  for (const auto& row : doc.tables.at(0).rows) BOOST_TEST(row.code.empty());
}

BOOST_AUTO_TEST_CASE(space_aligned_dump_keeps_empty_cells_in_their_columns) {
  BuiltTables doc = Build(
      "表 3\n支出总表\n单位：元\n"
      "201        一般公共服务支出     22,186,440.80   16,093,326.00    6,093,114.80\n"
      "2010601    行政运行         16,231,840.80   16,093,326.00      138,514.80\n"
      "2010602    一般行政管理事务        100,000.00                      100,000.00\n"
      "2010608    财政委托业务支出      5,854,600.00                    5,854,600.00\n");
  const Table& t = doc.tables.at(0);
  BOOST_REQUIRE_EQUAL(t.rows.size(), 4u);
  BOOST_TEST(Texts(t.rows[2]) == (std::vector<std::string>{"2010602", "一般行政管理事务", "100,000.00", "", "100,000.00"}),
             boost::test_tools::per_element());
  BOOST_TEST(Amounts(t.rows[3]) == (std::vector<int64_t>{585460000, 585460000}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(single_spaced_dump_is_not_aligned_by_position) {
  BuiltTables doc = Build("表 1\n收支总表\n单位：万元\n一、政府预算拨款 1,250 一、一般公共服务支出 300\n"
                       "1.一般公共预算拨款 1,200 人大事务 300\n行政运行 300\n");
  BOOST_TEST(Texts(doc.tables.at(0).rows[2]) == (std::vector<std::string>{"", "", "行政运行", "300"}),
             boost::test_tools::per_element());
}

// A dump that prints wrapped header labels as fragments, one piece per line: the fragments read
// as the rules' header labels give each column its path under its group heading.
BOOST_AUTO_TEST_CASE(fragmented_header_reads_as_known_labels) {
  BuiltTables doc = Build(
      "表 4\n基本支出总表\n单位：万元\n支出项目类别 总计\n政府预算拨款\n财政专\n户管理\n资金\n单位资金\n"
      "上年结\n余、结转小计\n一般公共\n预算拨款\n政府性基金预\n算拨款\n事业收\n入\n其他\n收入\n"
      "工资福利支出 60 50 40 10 0 5 0 5\n基本工资 60 50 40 10 0 5 0 5\n");
  const Table& t = doc.tables.at(0);
  std::vector<std::string> headers;
  for (const auto& c : t.columns) headers.push_back(c.header);
  BOOST_TEST(headers == (std::vector<std::string>{"支出项目类别", "总计", "政府预算拨款/小计", "政府预算拨款/一般公共预算拨款",
                                                   "政府预算拨款/政府性基金预算拨款", "财政专户管理资金", "单位资金/事业收入",
                                                   "单位资金/其他收入", "上年结余、结转"}),
             boost::test_tools::per_element());
  BOOST_TEST(t.columns[2].key == "subtotal");
}

BOOST_AUTO_TEST_CASE(fragments_that_are_not_all_known_labels_leave_the_header_as_placed) {
  BuiltTables doc = Build("表 4\n基本支出总表\n单位：万元\n支出项目类别 总计\n政府预算拨款\n示例资\n金\n"
                       "工资福利支出 60 50 10\n");
  const Table& t = doc.tables.at(0);
  BOOST_TEST(t.columns.at(1).header == "总计");
  BOOST_TEST(t.columns.at(2).header.find("政府预算拨款/") == std::string::npos);
}

// A tab row that starts with its sequence number (4 | 单位 | 项目 | amounts) is as wide as the
// table already; rows continuing the merged 序号 and 单位 cells are padded to line up with it.
BOOST_AUTO_TEST_CASE(sequence_number_is_not_taken_for_the_first_amount) {
  BuiltTables doc = Build("2022年示例项目绩效自评表\n单位: 万元\n"
                       "\t\t巡查经费\t12.50\t12.40\t99.20%\t完成\t无\t无\t无\n"
                       "4\t示例中心\t培训经费\t8.00\t8.00\t100.00%\t完成\n"
                       "\t\t宣传经费\t2.00\t1.00\t50.00%\t完成\t无\t无\t无\n");
  const Table& t = doc.tables.at(0);
  BOOST_REQUIRE_EQUAL(t.rows.size(), 3u);
  BOOST_TEST(Texts(t.rows[1]).at(0) == "4");
  BOOST_TEST(Texts(t.rows[1]).at(3) == "8.00");
}

// Table numbers printed in other forms than 表N, and titles without a number, by the rules.
BOOST_DATA_TEST_CASE(title_forms,
                     boost::unit_test::data::make({"表五\n2026 年一般公共预算支出情况表", "预算05表 一般公共预算支出表",
                                                   "公开05表\n一般公共预算支出表", "一般公共预算支出表（预算表 5）",
                                                   "一、2018 年度一般公共预算支出表（功能科目）"}),
                     heading) {
  BuiltTables doc = Build(std::string(heading) + "\n单位：万元\n项目 合计\n201 一般公共服务支出 300\n");
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 1u);
  BOOST_TEST(doc.tables[0].title.find("一般公共预算支出") != std::string::npos);
  BOOST_TEST(doc.tables[0].rows.at(0).cells.back().amount_fen.value_or(0) == 300000000);
}

// A table of contents lists the titles: its lines open no table, the tables after it do.
BOOST_AUTO_TEST_CASE(a_contents_page_opens_no_table) {
  BuiltTables doc = Build(
      "目录\n一、部门收支总表\n二、部门收入总表\n三、部门支出总表\n"
      "\f一、部门收支总表\n单位：万元\n项目 合计\n201 一般公共服务支出 300\n");
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 1u);
  BOOST_TEST(doc.tables[0].title == "部门收支总表");
  BOOST_TEST((doc.tables[0].pages == std::vector<int>{2}));
}

BOOST_AUTO_TEST_CASE(a_part_heading_is_no_title) {
  BuiltTables doc = Build("第二部分 2019 年度部门预算表\n一、部门收支总表\n单位：万元\n项目 合计\n201 一般公共服务支出 300\n");
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 1u);
  BOOST_TEST(doc.tables[0].title == "部门收支总表");
}

// A code printed before the name in its cell gives the row its code and level; a column whose
// header no rule names holds amounts when nearly all its cells are printed amounts.
BOOST_AUTO_TEST_CASE(a_bracketed_code_before_the_name_and_an_unnamed_amount_column) {
  BuiltTables doc = Build(
      "表5 一般公共预算支出情况表\n单位：万元\n科目 本年数\n合计 7,651.71\n[206]科学技术支出 53.44\n"
      "[20605]科技条件与服务 53.44\n");
  const Table& t = doc.tables.at(0);
  BOOST_REQUIRE_EQUAL(t.rows.size(), 3u);
  BOOST_TEST(t.rows[1].code == "206");
  BOOST_TEST(t.rows[1].level == 1);
  BOOST_TEST(t.rows[1].name == "科学技术支出");
  BOOST_TEST(t.rows[2].code == "20605");
  BOOST_TEST(t.rows[2].level == 2);
}

BOOST_AUTO_TEST_CASE(an_unnamed_column_of_printed_amounts_holds_amounts) {
  BuiltTables doc = Build(
      "表1 收支总表\n单位：万元\n收入\t本年数\t支出\t本年数\n一、预算拨款\t7,651.71\t一、一般公共服务支出\t0.00\n"
      "二、事业收入\t0.00\t二、外交支出\t7,651.71\n序号\t1\t序号\t2\n");
  const Table& t = doc.tables.at(0);
  BOOST_REQUIRE_EQUAL(t.columns.size(), 4u);
  BOOST_TEST(t.columns[1].amount);
  BOOST_TEST(t.columns[3].amount);
  BOOST_TEST(t.rows.at(0).cells.at(1).amount_fen.value_or(0) == 7651710000LL);
  BOOST_TEST(t.rows.at(1).cells.at(3).amount_fen.value_or(0) == 7651710000LL);
}

// The columns numbered under the header (栏次 1 2 3, ** ** 1 2 3) are no row: the page after it,
// printing them again, continues the table instead of starting another copy of the form.
BOOST_AUTO_TEST_CASE(a_row_of_column_numbers_is_no_row) {
  BuiltTables doc = Build(
      "表3 支出总表\n单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n** ** 1 2 3\n"
      "201 一般公共服务支出 300 200 100\n\f表3 支出总表\n单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n"
      "** ** 1 2 3\n208 社会保障和就业支出 50 50 0\n");
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 1u);
  const Table& t = doc.tables[0];
  BOOST_REQUIRE_EQUAL(t.rows.size(), 2u);
  BOOST_TEST(t.rows[0].code == "201");
  BOOST_TEST(t.rows[1].code == "208");
  BOOST_TEST(t.rows[1].cells.back().amount_fen.value_or(-1) == 0);
}

// The contents' last entries on the next page are no titles either; a table titled right after
// them, under its unit line, still is.
BOOST_AUTO_TEST_CASE(contents_entries_running_over_onto_the_next_page_open_no_table) {
  BuiltTables doc = Build(
      "目录\n一、部门收支总表\n二、部门收入总表\n\f十二、项目支出绩效目标表\n十三、部门整体支出绩效目标表\n"
      "本部门职责是贯彻落实有关工作要求，在履行职责过程中加强管理，预算 300 万元。\n"
      "\f一、部门收支总表\n单位：万元\n项目 合计\n201 一般公共服务支出 300\n");
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 1u);
  BOOST_TEST(doc.tables[0].title == "部门收支总表");
  BOOST_TEST((doc.tables[0].pages == std::vector<int>{3}));
}

// A titled table of one row stays a table when the titles of the tables after it contain its
// title (支出决算表 in 一般公共预算财政拨款支出决算表 and 财政拨款“三公”经费支出决算表): it is
// neither a contents entry, nor a repeated title, nor continued by them.
BOOST_AUTO_TEST_CASE(a_one_row_table_whose_title_later_titles_contain_is_kept) {
  BuiltTables doc = Build(
      "收入支出决算总表\n单位：万元\n项目\t决算数\t项目\t决算数\n本年收入合计\t100.00\t本年支出合计\t95.00\n"
      "总计\t120.00\t总计\t120.00\n\n"
      "支出决算表\n单位：万元\n项目\t本年支出合计\t基本支出\t项目支出\n合计\t96.00\t60.00\t36.00\n\n"
      "一般公共预算财政拨款支出决算表\n单位：万元\n科目编码\t科目名称\t决算数\n201\t一般公共服务支出\t95.00\n"
      "\t合计\t95.00\n\n"
      "财政拨款“三公”经费支出决算表\n单位：万元\n项目\t决算数\n合计\t10.00\n因公出国（境）费\t2.00\n");
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 4u);
  const Table& t = doc.tables[1];
  BOOST_TEST(t.title == "支出决算表");
  BOOST_TEST(t.unit == "万元");
  BOOST_REQUIRE_EQUAL(t.rows.size(), 1u);
  BOOST_TEST(Texts(t.rows[0]) == (std::vector<std::string>{"合计", "96.00", "60.00", "36.00"}),
             boost::test_tools::per_element());
  BOOST_TEST(Amounts(t.rows[0]) == (std::vector<int64_t>{96000000, 60000000, 36000000}), boost::test_tools::per_element());
  BOOST_TEST((t.rows[0].kind == RowKind::kTotal));
  BOOST_TEST(doc.tables[2].title == "一般公共预算财政拨款支出决算表");
  BOOST_TEST(doc.tables[2].rows.size() == 2u);
  BOOST_TEST(doc.tables[3].title == "财政拨款“三公”经费支出决算表");
  BOOST_TEST(doc.tables[3].rows.size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace budgetx::tables
