// Performance indicators: rows of tables whose header (or a header-like row) names 一级/二级/三级指标
// and a target value column.
#include "pipeline/normalize/normalize.h"
#include "pipeline/tables/internal.h"

namespace budgetx::tables {
namespace {

struct IndicatorColumns {
  int level1 = -1, level2 = -1, name = -1, value = -1;
  size_t width = 0;
  bool complete() const { return name >= 0 && value >= 0; }
};

IndicatorColumns FindColumns(const rules::RuleSet& rules, const std::vector<std::string>& labels) {
  IndicatorColumns cols;
  cols.width = labels.size();
  for (size_t i = 0; i < labels.size(); ++i) {
    const rules::ColumnRule* rule = ColumnRuleFor(rules, labels[i]);
    std::string key = rule ? rule->key : "";
    int col = static_cast<int>(i);
    if (key == "indicator_level1") cols.level1 = col;
    if (key == "indicator_level2") cols.level2 = col;
    if (key == "indicator_name") cols.name = col;
    if (key == "indicator_value" && cols.value < 0) cols.value = col;
  }
  return cols;
}

std::string At(const Row& row, int col, size_t offset) {
  if (col < 0 || static_cast<size_t>(col) < offset) return "";
  size_t i = static_cast<size_t>(col) - offset;
  return i < row.cells.size() ? row.cells[i].text : "";
}

}  // namespace

std::vector<Indicator> CollectIndicators(const rules::RuleSet& rules, const std::vector<Table>& tables) {
  std::vector<Indicator> out;
  for (const auto& table : tables) {
    IndicatorColumns cols;
    for (const auto& line : table.header) {
      if (!cols.complete()) cols = FindColumns(rules, line);
    }
    std::string level1, level2;
    for (const auto& row : table.rows) {
      std::vector<std::string> labels;
      for (const auto& c : row.cells) labels.push_back(c.text);
      if (IndicatorColumns found = FindColumns(rules, labels); found.complete()) {
        cols = found;
        continue;
      }
      if (!cols.complete() || row.cells.size() > cols.width) continue;
      // Rows printed without their merged leading cells are short on the left.
      size_t offset = cols.width - row.cells.size();
      if (!At(row, cols.level1, offset).empty()) level1 = At(row, cols.level1, offset);
      if (!At(row, cols.level2, offset).empty()) level2 = At(row, cols.level2, offset);
      std::string target = At(row, cols.value, offset);
      auto value = normalize::ReadIndicatorValue(target);
      if (!value || At(row, cols.name, offset).empty()) continue;
      Indicator ind;
      ind.level = 3;
      ind.level1 = level1;
      ind.level2 = level2;
      ind.name = At(row, cols.name, offset);
      ind.target_text = target;
      ind.comparator = value->comparator;
      ind.value = value->value;
      ind.unit = value->unit;
      ind.where = row.where;
      out.push_back(std::move(ind));
    }
  }
  return out;
}

}  // namespace budgetx::tables
