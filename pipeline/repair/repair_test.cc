#include "pipeline/repair/repair.h"

#include <boost/test/unit_test.hpp>

#include "extractors/text/text_extractor.h"
#include "pipeline/normalize/normalize.h"
#include "pipeline/tables/tables.h"
#include "tests/project_rules.h"

namespace budgetx::repair {
namespace {

const char* const kWholeAmounts =
    "表3 支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    "\t合计\t1,280\t480\t800\n201\t一般公共服务支出\t880\t380\t500\n"
    "20101\t人大事务\t880\t380\t500\n205\t教育支出\t400\t100\t300\n20501\t教育管理事务\t400\t100\t300\n";

struct Read {
  std::vector<Table> tables;
  reconcile::Reconciliation checked;
};

// A 支出总表 as a text dump, with one cell then marked as read by OCR with little confidence and
// its text replaced by a misreading.
Read Scanned(const std::string& misread, int row, int column, const char* dump = kWholeAmounts,
             double confidence = 0.4) {
  Document doc;
  Status s = text_extractor::ExtractBytes("t.txt", dump, &doc);
  if (!s.ok()) throw std::runtime_error(s.ToString());
  std::vector<Table> tables = tables::BuildTables(testing::ProjectRules(), tables::Options{}, doc.pages).tables;
  Cell& cell = tables.at(0).rows.at(static_cast<size_t>(row)).cells.at(static_cast<size_t>(column));
  cell.raw = cell.text = misread;
  cell.number = normalize::ReadNumber(misread).value;
  cell.amount_fen = normalize::ToFen(*cell.number, tables[0].unit_fen, nullptr);
  cell.where.confidence = confidence;
  reconcile::Reconciliation checked = reconcile::Reconcile(testing::ProjectRules().identities, tables, {});
  return {std::move(tables), std::move(checked)};
}

Repaired Repair(Read read) {
  return RepairFromAccounts(testing::ProjectRules(), 0.6, std::move(read.tables), {}, std::move(read.checked));
}

int Fails(const std::vector<Check>& checks) {
  int n = 0;
  for (const auto& c : checks) n += c.result == CheckResult::kFail;
  return n;
}

BOOST_AUTO_TEST_SUITE(repair_from_accounts)

BOOST_AUTO_TEST_CASE(an_eight_read_as_three_is_repaired_by_the_checks_it_breaks) {
  Read read = Scanned("830", 1, 2);  // 201 合计 printed 880, read 830
  BOOST_REQUIRE(Fails(read.checked.checks) > 0);
  Repaired out = Repair(read);
  BOOST_REQUIRE_EQUAL(out.corrections.size(), 1u);
  const Cell& cell = out.tables[0].rows[1].cells[2];
  BOOST_TEST(cell.text == "880");
  BOOST_TEST(cell.amount_fen.value_or(0) == 880 * 1000000LL);
  BOOST_TEST(Fails(out.reconciliation.checks) == 0);
  const Correction& c = out.corrections.back();
  BOOST_TEST(c.kind.rfind("accounts_repair:", 0) == 0);
  BOOST_TEST(c.raw == "830");
  BOOST_TEST(c.result == "880");
  BOOST_TEST(c.because.find("201") != std::string::npos, c.because);
  bool record_repaired = false;
  for (const auto& r : tables::Records(out.tables)) {
    record_repaired |= r.row == 1 && r.column_index == 2 && r.amount_fen == 880 * 1000000LL;
  }
  BOOST_TEST(record_repaired);
}

BOOST_AUTO_TEST_CASE(a_lost_decimal_point_is_put_back_where_the_checks_hold) {
  const char* cents =
      "表3 支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
      "\t合计\t1,280.50\t480.20\t800.30\n201\t一般公共服务支出\t880.25\t380.10\t500.15\n"
      "20101\t人大事务\t880.25\t380.10\t500.15\n205\t教育支出\t400.25\t100.10\t300.15\n"
      "20501\t教育管理事务\t400.25\t100.10\t300.15\n";
  Read read = Scanned("88025", 1, 2, cents);  // 201 合计 880.25 read without its point
  BOOST_REQUIRE(Fails(read.checked.checks) > 0);
  Repaired out = Repair(read);
  BOOST_REQUIRE_EQUAL(out.corrections.size(), 1u);
  BOOST_TEST(out.tables[0].rows[1].cells[2].text == "880.25");
  BOOST_TEST(out.tables[0].rows[1].cells[2].amount_fen.value_or(0) == 88025 * 10000LL);
  BOOST_TEST(out.corrections.back().kind == "accounts_repair:point_lost");
  BOOST_TEST(out.corrections.back().raw == "88025");
  BOOST_TEST(Fails(out.reconciliation.checks) == 0);
}

BOOST_AUTO_TEST_CASE(no_balance_is_forced_when_no_confusion_explains_the_gap) {
  Read read = Scanned("820", 1, 2);  // 820 is no single confusion away from 880
  int fails = Fails(read.checked.checks);
  BOOST_REQUIRE(fails > 0);
  Repaired out = Repair(read);
  BOOST_TEST(out.corrections.empty());
  BOOST_TEST(out.tables[0].rows[1].cells[2].text == "820");
  BOOST_TEST(Fails(out.reconciliation.checks) == fails);
}

BOOST_AUTO_TEST_CASE(a_confident_reading_is_left_alone) {
  Repaired out = Repair(Scanned("830", 1, 2, kWholeAmounts, 0.95));
  BOOST_TEST(out.corrections.empty());
  BOOST_TEST(out.tables[0].rows[1].cells[2].text == "830");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace budgetx::repair
