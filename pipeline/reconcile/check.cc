// Turning a sum or a ratio of printed cells into a Check with its verdict.
#include <algorithm>

#include "pipeline/model/decimal.h"
#include "pipeline/reconcile/internal.h"

namespace budgetx::reconcile::internal {
namespace {

// Names the numbers when the verdict is not a plain pass, so a reader of the description alone
// sees the size of the gap.
std::string Verdict(const Check& check) {
  if (check.result == CheckResult::kPass) return "";
  return " (computed " + check.computed.ToString() + ", tolerance " + check.tolerance.ToString() + ")";
}

std::string Term(size_t i, int sign, const std::string& name, const std::string& text) {
  std::string op = i == 0 ? (sign < 0 ? "−" : "") : (sign < 0 ? " − " : " + ");
  return op + name + " " + text;
}

}  // namespace

CheckResult Judge(const Decimal& stated, const Decimal& computed, const Decimal& tolerance) {
  auto diff = Subtract(stated, computed);
  if (!diff) return CheckResult::kFail;
  if (diff->units == 0) return CheckResult::kPass;
  return Compare(Abs(*diff), tolerance) <= 0 ? CheckResult::kPassWithinRounding : CheckResult::kFail;
}

namespace {

// Σ signs × parts with what the description and the tolerance need along the way.
struct PartSum {
  Decimal total{0, 0};
  int scale = 0;  // the finest printed digit among the parts
  std::vector<int> signs;
  std::string text;  // "基本支出 428 + 项目支出 0"
};

std::optional<Decimal> ValueOf(const Cell* cell, bool percents) {
  if (percents && cell && cell->kind == ValueKind::kDash) return Decimal{0, 0};
  return percents ? PercentValue(cell) : SumValue(cell);
}

std::optional<PartSum> AddParts(const Table& table, const Sum& sum) {
  PartSum out;
  for (size_t i = 0; i < sum.parts.size(); ++i) {
    const Cell* cell = CellAt(table, sum.parts[i].row, sum.parts[i].column);
    auto value = ValueOf(cell, sum.percents);
    if (!value) return std::nullopt;
    int sign = i < sum.signs.size() && sum.signs[i] < 0 ? -1 : 1;
    auto next = Add(out.total, sign < 0 ? Negate(*value) : *value);
    if (!next) return std::nullopt;
    out.total = *next;
    out.scale = std::max(out.scale, value->scale);
    out.signs.push_back(sign);
    out.text += Term(i, sign, i < sum.part_names.size() ? sum.part_names[i] : "", CellText(cell));
  }
  return out;
}

}  // namespace

std::optional<Check> EvaluateSum(const Table& table, const Sum& sum) {
  const Cell* target = CellAt(table, sum.target.row, sum.target.column);
  auto stated = ValueOf(target, sum.percents);
  if (!stated || sum.parts.empty()) return std::nullopt;
  auto parts = AddParts(table, sum);
  if (!parts) return std::nullopt;
  int scale = std::max(stated->scale, parts->scale);
  auto computed = Rescale(parts->total, scale);
  if (!computed) return std::nullopt;
  Check check;
  check.kind = sum.kind;
  check.rule = sum.rule;
  check.target = sum.target;
  check.parts = sum.parts;
  check.signs = parts->signs;
  check.stated = *stated;
  check.computed = *computed;
  // Each printed summand may be off by half a unit, and the printed total too: n units bound it.
  check.tolerance = Decimal{static_cast<int64_t>(sum.parts.size()), scale};
  check.result = Judge(check.stated, check.computed, check.tolerance);
  check.description = sum.where + ": " + sum.target_name + " " + CellText(target) + " = " + parts->text + Verdict(check);
  return check;
}

std::optional<Check> EvaluateRatio(const TableView& view, const Ratio& ratio) {
  const Table& t = *view.table;
  int den_row = ratio.denominator_row < 0 ? ratio.row : ratio.denominator_row;
  const Cell* target = CellAt(t, ratio.row, ratio.target);
  const Cell* num = CellAt(t, ratio.row, ratio.numerator);
  const Cell* den = CellAt(t, den_row, ratio.denominator);
  auto stated = PercentValue(target);
  auto a = SumValue(num), b = SumValue(den);
  if (!stated || !a || !b || b->units == 0) return std::nullopt;
  // Rounded to the digits the percentage is printed with, as the document's author did.
  auto computed = DivideRounded(*a, *b, ratio.scale, stated->scale);
  if (!computed) return std::nullopt;
  Check check;
  check.kind = "ratio";
  check.rule = ratio.rule;
  check.target = {view.index, ratio.row, ratio.target};
  check.parts = {{view.index, ratio.row, ratio.numerator}, {view.index, den_row, ratio.denominator}};
  check.stated = *stated;
  check.computed = *computed;
  check.tolerance = LastDigitUnit(*stated);
  check.result = Judge(check.stated, check.computed, check.tolerance);
  // A denominator from another row (the total of a 占比) is named by that row.
  std::string den_name = den_row == ratio.row ? "" : RowRef(t, den_row) + " ";
  check.description = view.name + " row " + RowRef(t, ratio.row) + ": " + ColumnName(t, ratio.target) + " " +
                      CellText(target) + " = " + ColumnName(t, ratio.numerator) + " " + CellText(num) + " / " +
                      den_name + ColumnName(t, ratio.denominator) + " " + CellText(den) + " × " +
                      std::to_string(ratio.scale) + Verdict(check);
  return check;
}

Sum RowSum(const TableView& view, int row, const std::string& rule, int target, const std::vector<int>& parts,
           const std::vector<int>& signs) {
  const Table& t = *view.table;
  Sum sum;
  sum.kind = "column_identity";
  sum.rule = rule;
  sum.where = view.name + " row " + RowRef(t, row);
  sum.target = {view.index, row, target};
  sum.target_name = ColumnName(t, target);
  for (int c : parts) {
    sum.parts.push_back({view.index, row, c});
    sum.part_names.push_back(ColumnName(t, c));
  }
  sum.signs = signs;
  return sum;
}

Sum ColumnSum(const TableView& view, const std::string& kind, const std::string& rule, int row,
              const std::vector<int>& parts, int col, bool name_parts_by_code) {
  const Table& t = *view.table;
  Sum sum;
  sum.kind = kind;
  sum.rule = rule;
  sum.where = view.name + " " + ColumnName(t, col);
  sum.target = {view.index, row, col};
  sum.target_name = RowLabel(view, row, col);
  for (int r : parts) {
    sum.parts.push_back({view.index, r, col});
    sum.part_names.push_back(name_parts_by_code ? CodeAt(view, r, col) : RowLabel(view, r, col));
  }
  return sum;
}

void Tally::Add(CheckResult result, bool nonzero_target) {
  ++evaluable;
  within += result == CheckResult::kPassWithinRounding;
  if (result != CheckResult::kPass) return;
  ++exact;
  exact_nonzero += nonzero_target;
}

}  // namespace budgetx::reconcile::internal
