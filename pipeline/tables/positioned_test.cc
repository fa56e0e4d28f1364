// The tables stage on positioned lines, as the PDF extractor and the layout stage give them.
#include <boost/test/unit_test.hpp>

#include <map>

#include "pipeline/tables/tables.h"
#include "tests/project_rules.h"

namespace budgetx::tables {
namespace {

// A piece of text at x0..x1 on the line at y (10 points tall).
struct Piece {
  std::string text;
  double x0, x1;
};

Line At(double y, const std::vector<Piece>& pieces, bool grid_row = false, const std::vector<int>& spans = {}) {
  Line line;
  line.cell_delimited = grid_row;
  line.region = grid_row ? 0 : -1;  // one ruled grid per page
  line.where.page = 1;
  line.where.box = Box{pieces.front().x0, y, pieces.back().x1, y + 10};
  for (size_t i = 0; i < pieces.size(); ++i) {
    Span s;
    s.text = pieces[i].text;
    s.where.page = 1;
    s.where.box = Box{pieces[i].x0, y, pieces[i].x1, y + 10};
    s.extent = {pieces[i].x0, pieces[i].x1};
    if (i < spans.size()) s.column_span = spans[i];
    line.spans.push_back(s);
  }
  return line;
}

Line OnPage(int page, Line line) {
  line.where.page = page;
  for (auto& s : line.spans) s.where.page = page;
  return line;
}

// The lines in pages by their page number (1 unless set).
BuiltTables Build(std::vector<Line> lines) {
  std::vector<Page> pages;
  for (auto& line : lines) {
    if (pages.empty() || pages.back().number != line.where.page) {
      pages.emplace_back();
      pages.back().number = line.where.page;
    }
    pages.back().lines.push_back(std::move(line));
  }
  return BuildTables(testing::ProjectRules(), Options{}, pages);
}

// The same, every piece read by OCR (it carries a confidence).
BuiltTables BuildScanned(std::vector<Line> lines) {
  for (auto& line : lines) {
    for (auto& span : line.spans) span.where.confidence = 0.9;
  }
  return Build(std::move(lines));
}

using testing::Texts;

BOOST_AUTO_TEST_SUITE(tables_positioned)

BOOST_AUTO_TEST_CASE(wrapped_cells_of_an_unruled_table_are_read_row_by_row) {
  // Rows 12 points apart; a row's name and content wrap over lines 11 points apart, centred on
  // the amount line. The line gaps fall into two groups: 1 point within a cell, 8 between rows.
  std::vector<Line> lines = {At(0, {{"表1 项目支出表", 0, 100}}), At(12, {{"单位：万元", 0, 60}}),
                             At(30, {{"项目", 0, 40}, {"内容", 100, 140}, {"金额", 300, 340}})};
  double y = 48;
  for (const std::string n : {"甲", "乙", "丙"}) {
    lines.push_back(At(y, {{n + "项目", 0, 40}, {"第一行内容", 100, 200}}));
    lines.push_back(At(y + 11, {{"的名称", 0, 30}, {"第二行内容", 100, 200}, {"1,000", 310, 340}}));
    lines.push_back(At(y + 22, {{"第三行", 100, 130}}));
    y += 40;
  }
  BuiltTables doc = Build(lines);
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 1u);
  const Table& t = doc.tables[0];
  BOOST_REQUIRE_EQUAL(t.rows.size(), 3u);
  BOOST_TEST(Texts(t.rows[1]) == (std::vector<std::string>{"乙项目的名称", "第一行内容第二行内容第三行", "1,000"}),
             boost::test_tools::per_element());
  BOOST_TEST(t.rows[1].cells[2].amount_fen.value_or(0) == 1000 * 1000000LL);
  BOOST_TEST(t.columns.at(2).header == "金额");
}

BOOST_AUTO_TEST_CASE(code_printed_one_level_per_column_is_joined) {
  // A ruled table's rows: 类 | 款 | 项 under 科目编码, merged header cells spanning columns.
  std::vector<Line> lines = {
      At(0, {{"表2 支出预算表", 0, 100}}),
      At(12, {{"单位：元", 0, 60}}),
      At(30, {{"科目编码", 0, 90}, {"", 30, 60}, {"", 60, 90}, {"科目名称", 90, 200}, {"合计", 200, 300}}, true,
         {3, 1, 1, 1, 1}),
      At(42, {{"类", 0, 30}, {"款", 30, 60}, {"项", 60, 90}, {"", 90, 200}, {"", 200, 300}}, true),
      At(54, {{"201", 0, 30}, {"", 30, 60}, {"", 60, 90}, {"一般公共服务支出", 90, 200}, {"300.00", 200, 300}}, true),
      At(66, {{"201", 0, 30}, {"06", 30, 60}, {"", 60, 90}, {"财政事务", 90, 200}, {"300.00", 200, 300}}, true),
      At(78, {{"", 0, 30}, {"", 30, 60}, {"01", 60, 90}, {"行政运行", 90, 200}, {"300.00", 200, 300}}, true),
  };
  BuiltTables doc = Build(lines);
  const Table& t = doc.tables.at(0);
  BOOST_REQUIRE_EQUAL(t.rows.size(), 3u);
  BOOST_TEST(t.columns.at(0).header == "科目编码/类");
  BOOST_TEST(t.columns.at(1).header == "科目编码/款");
  BOOST_TEST(t.rows[0].code == "201");
  BOOST_TEST(t.rows[1].code == "20106");
  BOOST_TEST(t.rows[2].code == "2010601");  // the blank 类 and 款 repeat the row above
  BOOST_TEST(t.rows[2].level == 3);
  BOOST_TEST(!t.rows[1].cells[1].amount_fen.has_value());
}

BOOST_AUTO_TEST_CASE(a_named_row_with_a_blank_last_cell_borrows_its_code_too) {
  // 人大事务 has no 项目支出: the grid keeps its blank last cell, and the row is still named.
  auto row = [](double y, const std::vector<std::string>& t) {
    return At(y, {{t[0], 0, 100}, {t[1], 100, 150}, {t[2], 150, 250}, {t[3], 250, 300}, {t[4], 300, 350}, {t[5], 350, 400}},
              true);
  };
  std::vector<Line> lines = {
      At(0, {{"表1 收支总表", 0, 100}}),
      At(12, {{"单位：万元", 0, 60}}),
      row(30, {"项目", "预算数", "项目", "合计", "基本支出", "项目支出"}),
      row(42, {"一、政府预算拨款", "1,250", "一、一般公共服务支出", "300", "100", "200"}),
      row(54, {"", "", "人大事务", "100", "100", ""}),
      row(66, {"", "", "政协事务", "200", "", "200"}),
      OnPage(2, At(0, {{"表2 支出总表", 0, 100}})),
      OnPage(2, At(12, {{"单位：万元", 0, 60}})),
      OnPage(2, At(30, {{"科目编码", 0, 50}, {"科目名称", 50, 200}, {"合计", 200, 300}}, true)),
      OnPage(2, At(42, {{"201", 0, 50}, {"一般公共服务支出", 50, 200}, {"300", 200, 300}}, true)),
      OnPage(2, At(54, {{"20101", 0, 50}, {"人大事务", 50, 200}, {"100", 200, 300}}, true)),
      OnPage(2, At(66, {{"20102", 0, 50}, {"政协事务", 50, 200}, {"200", 200, 300}}, true)),
  };
  BuiltTables doc = Build(lines);
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 2u);
  const Table& t = doc.tables[0];
  BOOST_REQUIRE_EQUAL(t.rows.size(), 3u);
  BOOST_TEST(t.rows[0].code == "201");
  BOOST_TEST(t.rows[1].code == "20101");
  BOOST_TEST(t.rows[1].code_column == 2);
  BOOST_TEST(t.rows[2].code == "20102");
}

BOOST_AUTO_TEST_CASE(ocr_misreadings_are_repaired_and_recorded) {
  std::vector<Line> lines = {
      At(0, {{"表3 支出表", 0, 100}}), At(12, {{"单位：万元", 0, 60}}),
      At(30, {{"项目", 0, 90}, {"年初预算数", 90, 200}, {"全年预算数", 200, 300}}, true),
      At(42, {{"基本支出", 0, 90}, {"4.881.22", 90, 200}, {"4,962.22", 200, 300}}, true),
      At(48, {{"1.1人员经费〈含离退休人员)", 0, 90}, {"4,360.24", 90, 200}, {"4,441.24", 200, 300}}, true),
      At(54, {{"全计", 0, 90}, {"28 856.15", 90, 200}, {"4.962", 200, 300}}, true),
      At(66, {{"、一般公共预算拨款收入", 0, 90}, {"1.00", 90, 200}, {"1.00", 200, 300}}, true),
  };
  BuiltTables doc = BuildScanned(lines);
  const Table& t = doc.tables.at(0);
  BOOST_REQUIRE_EQUAL(t.rows.size(), 4u);
  BOOST_TEST(t.rows[3].cells[0].text == "一、一般公共预算拨款收入");
  BOOST_TEST(t.rows[1].cells[0].text == "1.1人员经费(含离退休人员)");
  BOOST_TEST(t.rows[2].cells[0].text == "合计");
  BOOST_TEST((t.rows[2].kind == RowKind::kTotal));
  BOOST_TEST(t.rows[0].cells[1].text == "4,881.22");
  BOOST_TEST(t.rows[0].cells[1].raw == "4.881.22");
  BOOST_TEST(t.rows[0].cells[1].amount_fen.value_or(0) == 488122000000LL / 100);
  BOOST_TEST(t.rows[2].cells[1].text == "28,856.15");
  BOOST_TEST(t.rows[2].cells[2].text == "4.962");  // one point: a decimal, left alone
  int repairs = 0;
  for (const auto& c : doc.corrections) repairs += c.kind.rfind("ocr_repair:", 0) == 0;
  BOOST_TEST(repairs == 5);
}

BOOST_AUTO_TEST_CASE(a_dash_read_as_one_is_repaired_in_a_column_of_amounts_only) {
  std::vector<Line> lines = {
      At(0, {{"表3 支出表", 0, 100}}), At(12, {{"单位：万元", 0, 60}}),
      At(30, {{"序号", 0, 30}, {"项目", 30, 90}, {"年初预算数", 90, 200}, {"全年预算数", 200, 300}}, true),
      At(42, {{"一", 0, 30}, {"基本支出", 30, 90}, {"12.00", 90, 200}, {"一", 200, 300}}, true),
      At(54, {{"二", 0, 30}, {"项目支出", 30, 90}, {"3.00", 90, 200}, {"3.00", 200, 300}}, true),
  };
  BuiltTables doc = BuildScanned(lines);
  const Table& t = doc.tables.at(0);
  BOOST_REQUIRE_EQUAL(t.rows.size(), 2u);
  BOOST_TEST(t.rows[0].cells[0].text == "一");  // a sequence number
  BOOST_TEST(t.rows[0].cells[3].text == "-");
  BOOST_TEST(t.rows[0].cells[3].raw == "一");
  BOOST_TEST((t.rows[0].cells[3].kind == ValueKind::kDash));
  BOOST_REQUIRE_EQUAL(doc.corrections.size(), 1u);
  BOOST_TEST(doc.corrections[0].kind == "ocr_repair:dash_read_as_one");
}

BOOST_AUTO_TEST_CASE(a_seals_words_and_a_1_read_as_gong_are_repaired_in_a_column_of_amounts) {
  std::vector<Line> lines = {
      At(0, {{"表3 支出表", 0, 100}}), At(12, {{"单位：万元", 0, 60}}),
      At(30, {{"项目", 0, 90}, {"年初预算数", 90, 200}, {"全年预算数", 200, 300}}, true),
      At(42, {{"附件专用章", 0, 90}, {"-1.1", 90, 200}, {"31", 200, 300}}, true),
      At(54, {{"合计", 0, 90}, {"-工.1", 90, 200}, {"附件专用章31", 200, 300}}, true),
  };
  BuiltTables doc = BuildScanned(lines);
  const Table& t = doc.tables.at(0);
  BOOST_REQUIRE_EQUAL(t.rows.size(), 2u);
  BOOST_TEST(t.rows[0].cells[0].text == "附件专用章");  // a label, not a cell of amounts
  BOOST_TEST(t.rows[1].cells[1].amount_fen.value_or(0) == -1100000);
  BOOST_TEST(t.rows[1].cells[2].amount_fen.value_or(0) == 31000000);
  BOOST_TEST(t.rows[1].cells[2].raw == "附件专用章31");
  BOOST_REQUIRE_EQUAL(doc.corrections.size(), 2u);
  BOOST_TEST(doc.corrections[0].kind == "ocr_repair:one_read_as_gong");
  BOOST_TEST(doc.corrections[1].kind == "ocr_repair:seal_words_before_number");
}

BOOST_AUTO_TEST_CASE(a_label_read_with_confidence_is_not_taken_for_a_known_one_misread) {
  // 收入合计 is within a character of the known 收入总计; read surely, it is what is printed.
  auto lines = [](double confidence) {
    std::vector<Line> out = {At(0, {{"表1 收支总表", 0, 100}}), At(12, {{"单位：万元", 0, 60}}),
                             At(30, {{"项目", 0, 90}, {"预算数", 90, 200}}, true),
                             At(42, {{"收入合计", 0, 90}, {"12.00", 90, 200}}, true)};
    for (auto& line : out) {
      for (auto& span : line.spans) span.where.confidence = confidence;
    }
    return out;
  };
  BOOST_TEST(Build(lines(0.999)).tables.at(0).rows.at(0).cells.at(0).text == "收入合计");
  BOOST_TEST(Build(lines(0.9)).tables.at(0).rows.at(0).cells.at(0).text == "收入总计");
}

BOOST_AUTO_TEST_CASE(a_comma_for_the_point_and_a_bracket_for_a_parenthesis_are_repaired_but_not_real_ones) {
  std::vector<Line> lines = {
      At(0, {{"表1 支出表", 0, 100}}), At(12, {{"单位：万元", 0, 60}}),
      At(30, {{"项目", 0, 90}, {"年初预算数", 90, 200}, {"全年预算数", 200, 300}}, true),
      At(42, {{"基本支出", 0, 90}, {"250,00", 90, 200}, {"4,962", 200, 300}}, true),
      At(54, {{"项目支出", 0, 90}, {"1,234,56", 90, 200}, {"6.9", 200, 300}}, true),
      At(66, {{"残联事务《本级列支}", 0, 90}, {"1.00", 90, 200}, {"1.00", 200, 300}}, true),
      At(78, {{"宣传《预算法》", 0, 90}, {"2.00", 90, 200}, {"2.00", 200, 300}}, true),
      At(90, {{"办事处〈(本级)", 0, 90}, {"3.00", 90, 200}, {"3.00", 200, 300}}, true),
  };
  BuiltTables doc = BuildScanned(lines);
  const Table& t = doc.tables.at(0);
  BOOST_REQUIRE_EQUAL(t.rows.size(), 5u);
  BOOST_TEST(t.rows[0].cells[1].amount_fen.value_or(0) == 250000000);
  BOOST_TEST(t.rows[0].cells[1].raw == "250,00");
  BOOST_TEST(t.rows[0].cells[2].amount_fen.value_or(0) == 4962000000LL);
  BOOST_TEST(t.rows[1].cells[1].text == "1,234.56");
  BOOST_TEST(t.rows[2].cells[0].text == "残联事务(本级列支)");
  BOOST_TEST(t.rows[3].cells[0].text == "宣传《预算法》");
  BOOST_TEST(t.rows[4].cells[0].text == "办事处(本级)");
}

BOOST_AUTO_TEST_CASE(a_year_in_a_year_column_is_no_amount) {
  std::vector<Line> lines = {
      At(0, {{"表9 三公经费支出表", 0, 100}}), At(12, {{"单位：万元", 0, 60}}),
      At(30, {{"预算单位", 0, 90}, {"年度", 90, 150}, {"总计", 150, 200}, {"公务接待费", 200, 300}}, true),
      At(42, {{"街道办事处", 0, 90}, {"2022年", 90, 150}, {"63", 150, 200}, {"0", 200, 300}}, true),
      At(54, {{"", 0, 90}, {"2023", 90, 150}, {"65.5", 150, 200}, {"0", 200, 300}}, true),  // 年 lost
  };
  BuiltTables doc = Build(lines);
  const Table& t = doc.tables.at(0);
  BOOST_REQUIRE_EQUAL(t.rows.size(), 2u);
  BOOST_TEST(t.columns.at(1).key == "year");
  BOOST_TEST(!t.rows[1].cells[1].amount_fen.has_value());
  BOOST_TEST(t.rows[1].cells[2].amount_fen.value_or(0) == 65500000);
}

BOOST_AUTO_TEST_CASE(a_ruled_grid_under_a_misread_title_is_a_table_continued_on_the_next_page) {
  auto header = [](double y, const std::string& name, const std::string& budget) {
    return At(y, {{name, 0, 90}, {budget, 90, 200}, {"实际支出数", 200, 300}, {"执行率", 300, 360}}, true);
  };
  std::vector<Line> lines = {
      At(0, {{"2021年度项目绩效自评航", 0, 200}}),  // 表 misread: no title rule matches
      header(30, "项目名称", "年度预算数"),
      At(42, {{"道路整治工程", 0, 90}, {"90.00", 90, 200}, {"90.00", 200, 300}, {"100.00%", 300, 360}}, true),
      OnPage(2, At(0, {{"2021年度项目绩效自评表", 0, 200}})),
      OnPage(2, At(12, {{"单位：万元", 0, 60}})),
      OnPage(2, header(30, "项日名称", "年度所算数")),  // the header printed again, read differently
      OnPage(2, At(42, {{"公厕改造工程", 0, 90}, {"130.00", 90, 200}, {"129.00", 200, 300}, {"99.23%", 300, 360}}, true)),
  };
  BuiltTables doc = BuildScanned(lines);
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 1u);
  const Table& t = doc.tables[0];
  BOOST_TEST(t.title == "2021年度项目绩效自评表");
  BOOST_TEST(t.unit == "万元");
  BOOST_REQUIRE_EQUAL(t.rows.size(), 2u);
  BOOST_TEST(t.rows[0].cells[1].amount_fen.value_or(0) == 90000000);
  BOOST_TEST(t.rows[1].cells[2].amount_fen.value_or(0) == 129000000);
  BOOST_TEST((t.pages == std::vector<int>{1, 2}));
  bool warned = false;
  for (const auto& w : doc.warnings) warned |= w.message.find("'2021年度项目绩效自评航' is taken as its title") != std::string::npos;
  BOOST_TEST(warned);
}

BOOST_AUTO_TEST_CASE(a_title_misread_on_a_scanned_continuation_page_continues_the_table) {
  auto two_pages = [](bool scanned) {
    auto header = [](double y) { return At(y, {{"项目", 0, 90}, {"合计", 90, 200}, {"基本支出", 200, 300}}, true); };
    std::vector<Line> lines = {
        At(0, {{"表3 支出总表", 0, 100}}), At(12, {{"单位：万元", 0, 60}}), header(30),
        At(42, {{"201 一般公共服务支出", 0, 90}, {"7", 90, 200}, {"0", 200, 300}}, true),
        OnPage(2, At(0, {{"表3 文出总表", 0, 100}})),  // 支 read as 文
        OnPage(2, header(30)),
        OnPage(2, At(42, {{"221 住房保障支出", 0, 90}, {"1,231", 90, 200}, {"1,231", 200, 300}}, true)),
    };
    return scanned ? BuildScanned(lines) : Build(lines);
  };
  BuiltTables scan = two_pages(true);
  BOOST_REQUIRE_EQUAL(scan.tables.size(), 1u);
  BOOST_TEST(scan.tables[0].title == "支出总表");
  BOOST_REQUIRE_EQUAL(scan.tables[0].rows.size(), 2u);
  BOOST_TEST(scan.tables[0].rows[1].cells[1].amount_fen.value_or(0) == 1231000000LL);
  BOOST_TEST(two_pages(false).tables.size() == 2u);  // a text layer's titles mean what they say
}

BOOST_AUTO_TEST_CASE(known_words_and_listed_names_misread_by_ocr_are_restored_and_recorded) {
  auto row = [](double y, const std::string& code, const std::string& name, const std::string& amount) {
    return At(y, {{code, 0, 60}, {name, 60, 200}, {amount, 200, 300}}, true);
  };
  BuiltTables doc = BuildScanned({
      At(0, {{"2024年预算单位财务收文预算总表", 0, 200}}),  // 支 read as 文
      At(12, {{"单位：万元", 0, 60}}),
      At(30, {{"科目编码", 0, 60}, {"科目名称", 60, 200}, {"合计", 200, 300}}, true),
      row(42, "20101", "人大事务", "10.00"),
      row(54, "2010101", "行政运忏", "10.00"),  // 行 read as 忏
      row(66, "2010102", "一般行政管理事务", "0.00"),
  });
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 1u);
  const Table& t = doc.tables[0];
  BOOST_TEST(t.title == "2024年预算单位财务收支预算总表");
  BOOST_REQUIRE_EQUAL(t.rows.size(), 3u);
  BOOST_TEST(t.rows[1].name == "行政运行");
  BOOST_TEST(t.rows[1].cells[1].raw == "行政运忏");
  std::map<std::string, std::pair<std::string, std::string>> recorded;
  for (const auto& c : doc.corrections) recorded[c.kind] = {c.raw, c.result};
  BOOST_TEST(recorded["ocr_vocabulary"].first == "2024年预算单位财务收文预算总表");
  BOOST_TEST(recorded["ocr_vocabulary"].second == "2024年预算单位财务收支预算总表");
  BOOST_TEST(recorded["code_list_name"].first == "行政运忏");
  BOOST_TEST(recorded["code_list_name"].second == "行政运行");

  // A title OCR cut into tokens where it saw gaps, a known word misread across them.
  BuiltTables split = BuildScanned({
      At(0, {{"2026年部门一", 0, 60}, {"投公", 70, 90}, {"共预算文出功能分类预算表", 100, 250}}),
      At(12, {{"单位：万元", 0, 60}}),
      At(30, {{"科目编码", 0, 60}, {"科目名称", 60, 200}, {"合计", 200, 300}}, true),
      row(42, "2010101", "行政运行", "10.00"),
  });
  BOOST_REQUIRE_EQUAL(split.tables.size(), 1u);
  BOOST_TEST(split.tables[0].title == "2026年部门一般公共预算支出功能分类预算表");
  BOOST_REQUIRE_EQUAL(split.corrections.size(), 1u);
  BOOST_TEST(split.corrections[0].raw == "2026年部门一投公共预算文出功能分类预算表");

  // The same table from a text layer keeps what it prints.
  BuiltTables text = Build({At(0, {{"2024年预算单位财务收文预算总表", 0, 200}}), At(12, {{"单位：万元", 0, 60}}),
                            At(30, {{"科目编码", 0, 60}, {"科目名称", 60, 200}, {"合计", 200, 300}}, true),
                            row(42, "2010101", "行政运忏", "10.00")});
  BOOST_REQUIRE_EQUAL(text.tables.size(), 1u);
  BOOST_TEST(text.tables[0].title == "2024年预算单位财务收文预算总表");
  BOOST_TEST(text.tables[0].rows[0].name == "行政运忏");
  BOOST_TEST(text.corrections.empty());
}

BOOST_AUTO_TEST_CASE(a_row_of_labels_printed_again_with_fewer_columns_continues_the_form) {
  auto labels = [](int page, std::vector<Piece> pieces) { return OnPage(page, At(30, pieces, true)); };
  std::vector<Line> lines = {
      At(0, {{"表十一 2026年重点专项资金绩效目标表", 0, 200}}),
      labels(1, {{"绩效指标", 0, 50}, {"指标名称", 50, 150}, {"指标值", 150, 200}, {"", 200, 220}, {"计量单位", 220, 260}}),
      OnPage(1, At(42, {{"", 0, 50}, {"商品储备数量", 50, 150}, {"7500", 150, 200}, {"", 200, 220}, {"吨", 220, 260}}, true)),
      labels(2, {{"绩效指标", 0, 50}, {"指标名称", 50, 150}, {"指标值", 150, 210}, {"计量单位", 210, 260}}),
      OnPage(2, At(42, {{"", 0, 50}, {"年度预算执行率", 50, 150}, {"100", 150, 210}, {"%", 210, 260}}, true)),
  };
  BuiltTables doc = Build(lines);
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 1u);
  BOOST_TEST(doc.tables[0].pages == (std::vector<int>{1, 2}), boost::test_tools::per_element());
  BOOST_TEST(doc.tables[0].rows.back().cells[1].text == "年度预算执行率");
}

BOOST_AUTO_TEST_CASE(a_grid_of_labels_without_a_title_keeps_its_rows) {
  std::vector<Line> lines = {
      At(30, {{"项目名称", 0, 90}, {"年度预算数", 90, 200}, {"实际支出数", 200, 300}, {"执行率", 300, 360}}, true),
      At(42, {{"道路整治工程", 0, 90}, {"90.00", 90, 200}, {"90.00", 200, 300}, {"100.00%", 300, 360}}, true),
  };
  BuiltTables doc = Build(lines);
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 1u);
  BOOST_TEST(doc.tables[0].title.empty());
  BOOST_REQUIRE_EQUAL(doc.tables[0].rows.size(), 1u);
  BOOST_TEST(doc.tables[0].rows[0].cells[0].text == "道路整治工程");
  bool warned = false;
  for (const auto& w : doc.warnings) warned |= w.message == "a ruled table has no title line above it";
  BOOST_TEST(warned);
}

BOOST_AUTO_TEST_CASE(a_sentence_wrapped_over_two_lines_above_a_grid_is_its_whole_title) {
  // A paragraph's first line indented, its second flush left and short, then the grid.
  auto grid = [](double y) {
    return std::vector<Line>{
        At(y, {{"序号", 20, 60}, {"单位名称", 60, 250}, {"备注", 250, 300}}, true),
        At(y + 12, {{"1", 20, 60}, {"某某局（本级）", 60, 250}, {"", 250, 300}}, true),
    };
  };
  std::vector<Line> lines = {At(0, {{"二、部门决算单位构成", 40, 160}}),
                             At(12, {{"纳入某某局2024年度部门决算编", 40, 300}}), At(24, {{"制范围的单位包括：", 20, 120}})};
  for (Line& l : grid(40)) lines.push_back(std::move(l));
  BuiltTables doc = Build(lines);
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 1u);
  BOOST_TEST(doc.tables[0].title == "纳入某某局2024年度部门决算编制范围的单位包括：");

  // A heading above a short caption is not part of it: it does not reach the right margin.
  lines = {At(0, {{"纳入某某局2024年度部门决算的单位如下。", 20, 300}}), At(12, {{"二、单位构成", 40, 120}}),
           At(24, {{"单位名单", 20, 80}})};
  for (Line& l : grid(40)) lines.push_back(std::move(l));
  doc = Build(lines);
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 1u);
  BOOST_TEST(doc.tables[0].title == "单位名单");
}

Line InRegion(int region, Line line) {
  line.region = region;
  return line;
}

BOOST_AUTO_TEST_CASE(two_grids_on_a_page_each_under_its_caption_are_two_tables) {
  std::vector<Line> lines = {
      At(0, {{"Table 6: Households by literacy", 0, 200}}),
      At(20, {{"State", 0, 90}, {"n", 90, 150}}, true),
      At(32, {{"Kerala", 0, 90}, {"2400", 90, 150}}, true),
      At(60, {{"Table 7: Households by income", 0, 200}}),
      InRegion(1, At(80, {{"State", 0, 60}, {"n", 60, 120}, {"Mean", 120, 200}}, true)),
      InRegion(1, At(92, {{"Orissa", 0, 60}, {"1200", 60, 120}, {"31.5", 120, 200}}, true)),
  };
  BuiltTables doc = Build(lines);
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 2u);
  BOOST_TEST(doc.tables[0].title == "Table 6: Households by literacy");
  BOOST_REQUIRE_EQUAL(doc.tables[0].rows.size(), 1u);
  BOOST_TEST(doc.tables[0].rows[0].cells[1].text == "2400");
  BOOST_TEST(doc.tables[1].title == "Table 7: Households by income");
  BOOST_REQUIRE_EQUAL(doc.tables[1].rows.size(), 1u);
  BOOST_TEST(doc.tables[1].rows[0].cells[0].text == "Orissa");
}

BOOST_AUTO_TEST_CASE(a_grid_opening_the_next_page_with_the_same_columns_continues_the_table) {
  auto row = [](double y, const std::string& name, const std::string& amount) {
    return At(y, {{name, 0, 90}, {amount, 90, 200}}, true);
  };
  std::vector<Line> lines = {
      At(0, {{"表5 项目支出表", 0, 100}}), At(12, {{"单位：万元", 0, 60}}),
      row(30, "项目", "合计"), row(42, "道路整治工程", "90.00"),
      At(60, {{"注：本表为示例。", 0, 100}}),  // a footnote closes the table on its page
      OnPage(2, row(0, "公厕改造工程", "130.00")),
      OnPage(3, At(0, {{"另一张表", 0, 60}, {"5.00", 60, 120}, {"6.00", 120, 200}}, true)),  // other columns
  };
  BuiltTables doc = Build(lines);
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 2u);
  const Table& t = doc.tables[0];
  BOOST_TEST(t.title == "项目支出表");
  BOOST_REQUIRE_EQUAL(t.rows.size(), 2u);
  BOOST_TEST(t.rows[1].cells[1].amount_fen.value_or(0) == 130000000);
  BOOST_TEST((t.pages == std::vector<int>{1, 2}));
  BOOST_TEST(doc.tables[1].part == "2");  // the open table's next grid
}

// Lines under a title that make neither a grid nor columns are running text, not a table.
BOOST_AUTO_TEST_CASE(running_text_under_a_title_is_no_table) {
  std::vector<Line> lines = {
      At(0, {{"十三、部门整体支出绩效目标表", 0, 200}}),
      At(20, {{"第一部分", 0, 60}, {"部门预算情况说明", 100, 300}}),
      At(32, {{"一、部门情况说明", 0, 120}}),
      At(38, {{"本部门主要职责包括协助处理日常工作，", 0, 400}}),
      At(44, {{"负责会议的筹备、组织和服务保障工作", 0, 400}}),
      At(56, {{"内设机构 12 个，另设机关党委", 0, 300}}),
  };
  BuiltTables doc = Build(lines);
  BOOST_TEST(doc.tables.empty());
  bool warned = false;
  for (const auto& w : doc.warnings) warned |= w.message.find("are running text, not a table") != std::string::npos;
  BOOST_TEST(warned);
}

// Pieces of a justified line: each `width` points wide, `gap` points apart, from x = 0.
std::vector<Piece> Justified(const std::vector<std::string>& texts, double width, double gap) {
  std::vector<Piece> pieces;
  for (size_t i = 0; i < texts.size(); ++i) pieces.push_back({texts[i], i * (width + gap), i * (width + gap) + width});
  return pieces;
}

// A letter printed after the tables, under an attachment's number: its justified lines break at
// their widened gaps into pieces, but they hold sentences and no quantity.
BOOST_AUTO_TEST_CASE(a_letter_of_justified_lines_is_no_table) {
  std::vector<Line> lines = {
      At(0, {{"附件2", 0, 40}}),
      At(12, {{"企业内设加油点规范管理承诺书", 0, 200}}),
      At(30, Justified({"为", "贯彻", "落实", "有关", "要求，", "规范"}, 20, 12)),
      At(42, {{"本企业内设加油点管理，落实主体责任，承诺如下：", 0, 400}}),
      At(54, Justified({"1．", "保证", "从正", "规渠", "道进", "油；"}, 20, 12)),
      At(66, {{"特此承诺。", 0, 60}}),
  };
  BuiltTables doc = Build(lines);
  BOOST_TEST(doc.tables.empty());
  bool warned = false;
  for (const auto& w : doc.warnings) warned |= w.message.find("are running text, not a table") != std::string::npos;
  BOOST_TEST(warned);
}

// A grid of text rows under a title that is no table's, each of the same cells: a table all the same.
BOOST_AUTO_TEST_CASE(rows_of_text_of_one_shape_are_a_table) {
  auto row = [](double y, const std::string& n, const std::string& item) {
    return At(y, {{n, 0, 10}, {item, 30, 150}, {"市发展改革委", 170, 230}, {"履行公众参与、合法性审查等程序。", 250, 420}}, true);
  };
  std::vector<Line> lines = {
      At(0, {{"2026年度重大行政决策事项目录", 0, 200}}),
      At(18, {{"序号", 0, 10}, {"事项名称", 30, 150}, {"承办单位", 170, 230}, {"决策程序", 250, 420}}, true),
      row(30, "1", "人工智能产业发展规划"),
      row(42, "2", "新车上牌一件事改革"),
      row(54, "3", "低收入人口救助帮扶意见"),
  };
  BuiltTables doc = Build(lines);
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 1u);
  BOOST_TEST(doc.tables[0].rows.size() == 3u);
  BOOST_TEST(doc.tables[0].rows[2].cells[1].text == "低收入人口救助帮扶意见");
}

// Units over their 经济分类 items, told apart only by the items' indentation in the name cell:
// the 合计 adds the units.
BOOST_AUTO_TEST_CASE(indented_names_nest_under_the_row_above) {
  auto row = [](double y, const std::string& name, double inset, const std::string& amount) {
    Line line = At(y, {{name, 0, 150}, {amount, 150, 250}}, true);
    line.spans[0].inset = inset;
    return line;
  };
  std::vector<Line> lines = {
      At(0, {{"表11 部门预算基本支出预算表", 0, 200}}), At(12, {{"单位：万元", 0, 60}}),
      At(30, {{"支出项目类别", 0, 150}, {"总计", 150, 250}}, true),
      row(42, "合计", 5, "300.00"),         row(54, "示例局（本级）", 5, "200.00"),
      row(66, "工资福利支出", 15, "150.00"), row(78, "商品和服务支出", 15, "50.00"),
      row(90, "示例中心", 5, "100.00"),      row(102, "工资福利支出", 15, "100.00"),
  };
  BuiltTables doc = Build(lines);
  const Table& t = doc.tables.at(0);
  BOOST_REQUIRE_EQUAL(t.rows.size(), 6u);
  BOOST_TEST(t.rows[1].indent == 0);
  BOOST_TEST(t.rows[2].indent == 1);
  BOOST_TEST(t.rows[4].indent == 0);
  BOOST_TEST(t.rows[5].indent == 1);
}

// A 收支总表: each half indents its own names, and the 支出 half's 类 are flush while the
// 收入 half beside them is blank or indented otherwise.
BOOST_AUTO_TEST_CASE(each_half_of_a_two_sided_table_indents_its_own_names) {
  auto row = [](double y, const std::string& income, double income_inset, const std::string& income_amount,
                const std::string& spending, double spending_inset, const std::string& spending_amount) {
    Line line = At(y, {{income, 0, 150}, {income_amount, 150, 220}, {spending, 220, 370}, {spending_amount, 370, 440}}, true);
    line.spans[0].inset = income_inset;
    line.spans[2].inset = spending_inset;
    return line;
  };
  std::vector<Line> lines = {
      At(0, {{"表1 收支预算总表", 0, 200}}), At(12, {{"单位：万元", 0, 60}}),
      At(30, {{"项目", 0, 150}, {"预算数", 150, 220}, {"项目", 220, 370}, {"预算数", 370, 440}}, true),
      row(42, "一、财政拨款", 2, "300.00", "科学技术支出", 2, "100.00"),
      row(54, "一般公共预算", 12, "300.00", "技术研究与开发", 12, "100.00"),
      row(66, "政府性基金预算", 12, "", "科技成果转化", 22, "100.00"),
      row(78, "二、事业收入", 2, "", "卫生健康支出", 2, "200.00"),
      row(90, "三、其他收入", 2, "", "行政事业单位医疗", 12, "200.00"),
      row(102, "", -1, "", "行政单位医疗", 22, "200.00"),
  };
  BuiltTables doc = Build(lines);
  const Table& t = doc.tables.at(0);
  BOOST_REQUIRE_EQUAL(t.rows.size(), 6u);
  std::vector<int> income, spending;
  for (const auto& r : t.rows) income.push_back(r.cells.at(0).indent), spending.push_back(r.cells.at(2).indent);
  BOOST_TEST(income == (std::vector<int>{0, 1, 1, 0, 0, 0}), boost::test_tools::per_element());
  BOOST_TEST(spending == (std::vector<int>{0, 1, 2, 0, 1, 2}), boost::test_tools::per_element());
  BOOST_TEST(t.rows[5].indent == 2);  // its first name is the 支出 half's
}

// The next page may size the columns anew: as many columns there are the same grid.
BOOST_AUTO_TEST_CASE(a_grid_resized_on_the_next_page_is_the_same_table) {
  std::vector<Line> lines = {
      At(0, {{"表12 项目支出表", 0, 100}}), At(12, {{"单位：万元", 0, 60}}),
      At(30, {{"项目", 0, 90}, {"合计", 90, 200}}, true), At(42, {{"道路整治工程", 0, 90}, {"90.00", 90, 200}}, true),
      OnPage(2, At(0, {{"公厕改造工程", 0, 120}, {"130.00", 120, 230}}, true)),
  };
  BuiltTables doc = Build(lines);
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 1u);
  BOOST_REQUIRE_EQUAL(doc.tables[0].rows.size(), 2u);
  BOOST_TEST(doc.tables[0].rows[1].cells[1].amount_fen.value_or(0) == 130000000);
}

// One copy of a form per page, its title printed once: a page opening with the form's first
// label again is its next copy.
BOOST_AUTO_TEST_CASE(a_page_opening_with_the_forms_first_label_is_its_next_copy) {
  auto row = [](int page, double y, const std::string& label, const std::string& value) {
    return OnPage(page, At(y, {{label, 0, 90}, {value, 90, 200}}, true));
  };
  std::vector<Line> lines = {
      At(0, {{"财政项目支出绩效目标填报表", 0, 200}}),
      row(1, 30, "项目名称", "就业援助基地补贴"), row(1, 42, "项目资金总额", "10.00"),
      row(2, 30, "项目名称", "社区环境整治经费"), row(2, 42, "项目资金总额", "20.00"),
  };
  BuiltTables doc = Build(lines);
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 2u);
  BOOST_TEST((doc.tables[1].pages == std::vector<int>{2}));
  BOOST_TEST(doc.tables[1].rows.back().cells[1].text == "20.00");
}

// The form's title printed again on each page, over the copy's first row: the title and the page
// break mark the same row, which starts one copy (a worker once crashed on an empty copy here).
BOOST_AUTO_TEST_CASE(a_title_and_a_page_break_marking_the_same_row_start_one_copy) {
  auto row = [](int page, double y, const std::string& label, const std::string& value) {
    return OnPage(page, At(y, {{label, 0, 90}, {value, 90, 200}}, true));
  };
  auto title = [](int page) { return OnPage(page, At(0, {{"财政项目支出绩效目标填报表", 0, 200}})); };
  std::vector<Line> lines = {
      title(1), row(1, 30, "项目名称", "就业援助基地补贴"), row(1, 42, "项目资金总额", "10.00"),
      title(2), row(2, 30, "项目名称", "社区环境整治经费"), row(2, 42, "项目资金总额", "20.00"),
      title(3), row(3, 30, "项目名称", "老年助餐服务"), row(3, 42, "项目资金总额", "30.00"),
  };
  BuiltTables doc = Build(lines);
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 3u);
  for (size_t t = 0; t < 3; ++t) {
    BOOST_TEST((doc.tables[t].pages == std::vector<int>{static_cast<int>(t) + 1}));
    BOOST_TEST(doc.tables[t].rows.back().cells[1].text == std::to_string(t + 1) + "0.00");
  }
}

// The page's number printed under a titled grid is no row of one amount.
BOOST_AUTO_TEST_CASE(a_page_number_under_a_grid_is_no_row) {
  std::vector<Line> lines = {
      At(0, {{"表8 政府性基金预算支出表", 0, 100}}), At(12, {{"单位：万元", 0, 60}}),
      At(30, {{"科目名称", 0, 90}, {"合计", 90, 200}}, true), At(42, {{"城乡社区支出", 0, 90}, {"7,600.00", 90, 200}}, true),
      At(300, {{"29", 100, 110}}),
  };
  BuiltTables doc = Build(lines);
  BOOST_REQUIRE_EQUAL(doc.tables.size(), 1u);
  BOOST_TEST(doc.tables[0].rows.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace budgetx::tables
