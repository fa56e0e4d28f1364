// Fuzz target, structure-aware: pages of words and ruling lines, as the PDF extractor hands them
// to the layout stage, generated from the input — grids of random rows and columns, merged and
// blank cells, unruled tables, titles repeated on the next page, page breaks inside a table,
// sideways text — so that the layout and tables stages are reached without PDF parsing.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

#include "pipeline/layout/layout.h"
#include "tests/fuzz/fuzz_common.h"

namespace budgetx::fuzz {
namespace {

// What budget tables print: titles, units, labels, codes, names, amounts, totals, notes.
const char* const kTexts[] = {
    "表1", "收支总表", "2024年部门预算收支总表", "表2 一般公共预算支出表", "单位：万元", "单位:元", "项目",
    "科目编码", "科目名称", "合计", "小计", "总计", "基本支出", "项目支出", "人员经费", "公用经费", "本年收入",
    "预算数", "决算数", "201", "20101", "2010101", "一般公共服务支出", "人大事务", "行政运行", "类", "款", "项",
    "1,234.56", "100.00", "60", "-3.5", "(3)", "0.00", "-", "—", "12.5%", "栏次", "1", "2", "3", "5=6+7",
    "本表无数据", "注：", "附件1", "续表", "上海市XX局", "二〇二四年", "第 1 页", "", "  ", "一、", "（一）"};

std::string Text(FuzzedDataProvider& in) {
  if (in.ConsumeIntegralInRange(0, 9) == 0) return in.ConsumeRandomLengthString(12);
  return kTexts[in.ConsumeIntegralInRange<size_t>(0, std::size(kTexts) - 1)];
}

void AddWord(FuzzedDataProvider& in, double x, double y, double width, double height, std::vector<layout::Word>* words) {
  layout::Word w;
  w.text = Text(in);
  if (w.text.empty()) return;
  const double size = in.ConsumeFloatingPointInRange(4.0, 14.0);
  w.box = {x + 1, y + 1, x + 1 + std::min(width - 2, size * 0.6 * static_cast<double>(w.text.size()) / 2), y + 1 + size};
  w.font_size = size;
  w.block = in.ConsumeIntegralInRange(-1, 40);
  w.rotation = in.ConsumeIntegralInRange(0, 12) == 0 ? in.ConsumeIntegralInRange(0, 3) : 0;
  if (in.ConsumeBool()) w.confidence = in.ConsumeProbability<double>();
  if (height > 0) words->push_back(std::move(w));
}

// A table at (x, y): ruled or not, some rules left out (merged cells), some cells blank.
double AddGrid(FuzzedDataProvider& in, double x, double y, std::vector<layout::Word>* words,
               std::vector<layout::Ruling>* rulings) {
  const int rows = in.ConsumeIntegralInRange(1, 12), columns = in.ConsumeIntegralInRange(1, 7);
  const bool ruled = in.ConsumeBool();
  std::vector<double> xs = {x}, ys = {y};
  for (int c = 0; c < columns; ++c) xs.push_back(xs.back() + in.ConsumeFloatingPointInRange(8.0, 160.0));
  for (int r = 0; r < rows; ++r) ys.push_back(ys.back() + in.ConsumeFloatingPointInRange(6.0, 30.0));
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < columns; ++c) {
      if (in.ConsumeIntegralInRange(0, 5) != 0) AddWord(in, xs[c], ys[r], xs[c + 1] - xs[c], ys[r + 1] - ys[r], words);
    }
  }
  if (ruled) {
    for (double gy : ys) {
      if (in.ConsumeIntegralInRange(0, 7) != 0) rulings->push_back({xs.front(), gy, xs.back(), gy});
    }
    for (double gx : xs) {
      const int from = in.ConsumeIntegralInRange(0, rows - 1);  // a rule cut short: a merged cell
      rulings->push_back({gx, ys[in.ConsumeBool() ? 0 : from], gx, ys.back()});
    }
  }
  return ys.back();
}

Page MakePage(FuzzedDataProvider& in, int number, const std::string& repeated_title) {
  std::vector<layout::Word> words;
  std::vector<layout::Ruling> rulings;
  double y = in.ConsumeFloatingPointInRange(10.0, 80.0);
  const int blocks = in.ConsumeIntegralInRange(1, 2);
  for (int b = 0; b < blocks && y < 1200; ++b) {
    if (in.ConsumeBool()) {  // a title line, often the one of the page before
      layout::Word title;
      title.text = in.ConsumeBool() ? repeated_title : Text(in);
      title.box = {200, y, 400, y + 14};
      title.font_size = 14;
      if (!title.text.empty()) words.push_back(title);
      y += 20;
    }
    if (in.ConsumeBool()) {  // a unit line
      AddWord(in, 400, y, 120, 12, &words);
      y += 16;
    }
    y = AddGrid(in, in.ConsumeFloatingPointInRange(20.0, 120.0), y, &words, &rulings) + in.ConsumeFloatingPointInRange(0.0, 60.0);
  }
  Page page;
  page.number = number;
  layout::PageLayout laid = layout::LayOutPage(std::move(words), rulings, number);
  page.lines = std::move(laid.lines);
  page.turns = laid.turns;
  page.pivot = laid.pivot;
  return page;
}

}  // namespace
}  // namespace budgetx::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  budgetx::Document doc;
  doc.path = "fuzz.pdf";
  doc.source_kind = "pdf";
  const std::string title = budgetx::fuzz::Text(in);
  const int pages = in.ConsumeIntegralInRange(1, 3);
  for (int p = 1; p <= pages && in.remaining_bytes() > 0; ++p) doc.pages.push_back(budgetx::fuzz::MakePage(in, p, title));
  budgetx::layout::DropRunningLines(&doc.pages);
  budgetx::fuzz::Finish(&doc);
  return 0;
}
