// narrative: an amount the text states for a named item (“一般公共服务支出 2,218.64 万元”) against
// the table cell of the row of that name, converted to the text's unit and rounded to its
// printed digits.
#include <algorithm>

#include "pipeline/model/decimal.h"
#include "pipeline/reconcile/internal.h"

namespace budgetx::reconcile::internal {
namespace {

struct Stated {
  Decimal value;        // as printed, e.g. 3121.42
  int64_t unit_fen = 0;  // fen per unit of the text (万元: 1,000,000)
  std::string unit;
};

// The amount as the text prints it, with its unit.
std::optional<Stated> ReadStated(const NarrativeFact& fact) {
  auto fen = normalize::UnitFen(fact.unit);
  if (!fact.amount || !fen) return std::nullopt;
  return Stated{*fact.amount, *fen, fact.unit};
}

std::string LastLabel(const std::string& header) {
  size_t slash = header.rfind('/');
  return slash == std::string::npos ? header : header.substr(slash + 1);
}

struct Match {
  CellRef cell;
  Decimal computed;
  CheckResult result = CheckResult::kFail;
};

Check MakeCheck(const TableView& view, const NarrativeFact& fact, const Stated& stated, const Match& m) {
  Check check;
  check.kind = "narrative";
  check.rule = fact.rule;
  check.target = m.cell;
  check.stated = stated.value;
  check.computed = m.computed;
  check.tolerance = LastDigitUnit(stated.value);
  check.result = m.result;
  const Cell* cell = CellAt(*view.table, m.cell.row, m.cell.column);
  check.description = "page " + std::to_string(fact.where.page) + " text: " + fact.subject + " " +
                      stated.value.ToString() + stated.unit + " = " + view.name + " " + RowName(*view.table, m.cell.row) +
                      " " + ColumnName(*view.table, m.cell.column) + " " + CellText(cell) + view.table->unit +
                      " (" + m.computed.ToString() + stated.unit + ")";
  return check;
}

// Whether a row label names the text's subject: the same words, or the subject's last words when
// the sentence runs on from a heading (收入决算情况说明本年收入合计 names 本年收入合计). A label of
// two or three characters (合计, 总计) names nothing on its own.
bool Names(const std::string& label, const std::string& subject) {
  constexpr size_t kOwnName = 4 * 3;  // four characters of UTF-8 CJK
  if (label.empty()) return false;
  return label == subject || (label.size() >= kOwnName && subject.ends_with(label));
}

}  // namespace

void AddNarrativeLinks(const std::vector<TableView>& views, const std::vector<NarrativeFact>& facts,
                       const std::vector<NarrativeLink>& links, Reconciliation* out) {
  for (const auto& fact : facts) {
    auto stated = ReadStated(fact);
    if (!stated || fact.subject.empty()) continue;
    std::string subject = normalize::CompactWithoutOutline(fact.subject);
    std::optional<Match> best;
    const TableView* best_view = nullptr;
    // The first candidate stands for the item, unless a later one agrees better.
    auto consider = [&](const TableView& view, int r, int c) {
      const Cell* cell = CellAt(*view.table, r, c);
      if (!view.amount[c] || !cell || !cell->amount_fen) return;
      auto computed = DivideRounded(Decimal{*cell->amount_fen, 0}, Decimal{stated->unit_fen, 0}, 1, stated->value.scale);
      if (!computed) return;
      Match m{{view.index, r, c}, *computed, Judge(stated->value, *computed, LastDigitUnit(stated->value))};
      if (!best || static_cast<int>(m.result) < static_cast<int>(best->result)) best = m, best_view = &view;
    };
    // The rules name the cell of a subject no row label prints as the text does.
    auto link = std::find_if(links.begin(), links.end(),
                             [&](const NarrativeLink& l) { return RE2::PartialMatch(subject, *l.subject); });
    if (link != links.end()) {
      if (auto found = FindCell(views, link->cell)) consider(*found->view, found->row, found->col);
    }
    for (const auto& view : views) {
      if (link != links.end()) break;
      const Table& t = *view.table;
      for (int r = 0; r < static_cast<int>(t.rows.size()); ++r) {
        // Every label of the row: a 收支总表 row names an item of each half. Only the amounts
        // under that label count.
        for (int label = 0; label < static_cast<int>(t.rows[r].cells.size()); ++label) {
          const Cell& cell = t.rows[r].cells[label];
          if (cell.kind != ValueKind::kText || !Names(normalize::CompactWithoutOutline(cell.text), subject)) continue;
          for (int c = 0; c < view.ncols; ++c) {
            if (view.label_col[c] == label) consider(view, r, c);
          }
        }
      }
      // A table of one row names its items in the header (“三公”经费表: 公务接待费 | …).
      if (t.rows.size() != 1) continue;
      for (int c = 0; c < static_cast<int>(t.columns.size()) && c < view.ncols; ++c) {
        if (normalize::CompactWithoutOutline(LastLabel(t.columns[c].header)) == subject) consider(view, 0, c);
      }
    }
    if (!best) continue;
    Check check = MakeCheck(*best_view, fact, *stated, *best);
    // Text often breaks one item down by another's names (机关服务 … 物业管理费 673 万元), so a
    // disagreement may be a different scope rather than an error: flagged for a reader, not failed.
    if (best->result == CheckResult::kFail) {
      out->warnings.push_back({"reconcile", "text and table disagree: " + check.description, fact.where});
      out->disagreements.push_back(std::move(check));
    } else {
      out->checks.push_back(std::move(check));
    }
  }
}

}  // namespace budgetx::reconcile::internal
