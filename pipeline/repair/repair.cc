#include "pipeline/repair/repair.h"

#include <algorithm>
#include <set>

#include "pipeline/normalize/normalize.h"

namespace budgetx::repair {
namespace {

bool Involves(const Check& check, const CellRef& cell) {
  auto same = [&](const CellRef& r) { return r.table == cell.table && r.row == cell.row && r.column == cell.column; };
  return same(check.target) || std::any_of(check.parts.begin(), check.parts.end(), same);
}

Cell& At(std::vector<Table>* tables, const CellRef& ref) { return (*tables)[ref.table].rows[ref.row].cells[ref.column]; }

const Cell& At(const std::vector<Table>& tables, const CellRef& ref) {
  return tables[ref.table].rows[ref.row].cells[ref.column];
}

// OCR cells with an amount in failing checks, least confident first.
std::vector<CellRef> Suspects(const std::vector<Table>& tables, const std::vector<Check>& checks, double below) {
  std::vector<CellRef> out;
  std::set<std::tuple<int, int, int>> seen;
  auto consider = [&](const CellRef& r) {
    if (r.table >= static_cast<int>(tables.size())) return;
    const auto& rows = tables[r.table].rows;
    if (r.row >= static_cast<int>(rows.size()) || r.column >= static_cast<int>(rows[r.row].cells.size())) return;
    const Cell& cell = rows[r.row].cells[r.column];
    if (!cell.amount_fen || !cell.where.confidence || *cell.where.confidence >= below) return;
    if (seen.insert({r.table, r.row, r.column}).second) out.push_back(r);
  };
  for (const auto& check : checks) {
    if (check.result != CheckResult::kFail) continue;
    consider(check.target);
    for (const auto& p : check.parts) consider(p);
  }
  std::sort(out.begin(), out.end(), [&](const CellRef& a, const CellRef& b) {
    return *At(tables, a).where.confidence < *At(tables, b).where.confidence;
  });
  return out;
}

struct Alternative {
  std::string text;
  std::string rule;
};

// Every text one confusion away from `text`: one character replaced as a rule allows, or a lost
// one (a rule without match) put back between two others, where the text lacks it.
std::vector<Alternative> Alternatives(const rules::RuleSet& rules, const std::string& text) {
  std::vector<Alternative> out;
  for (const auto& rule : rules.ocr_confusions) {
    const std::string& from = rule.pattern;
    const std::string& to = rule.attrs.at("replace");
    if (from.empty()) {
      if (text.find(to) != std::string::npos) continue;
      for (size_t at = 1; at < text.size(); ++at) {
        if ((text[at] & 0xC0) != 0x80) out.push_back({text.substr(0, at) + to + text.substr(at), rule.name});
      }
      continue;
    }
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + 1)) {
      out.push_back({text.substr(0, at) + to + text.substr(at + from.size()), rule.name});
    }
  }
  return out;
}

// The reconciliation of a copy of the tables in which the cell reads `text`, or nothing when the
// text is no amount.
std::optional<reconcile::Reconciliation> ChecksWith(const rules::Identities& identities, std::vector<Table> trial,
                                                    const std::vector<NarrativeFact>& facts, const CellRef& ref,
                                                    const std::string& text) {
  Cell& cell = At(&trial, ref);
  auto reading = normalize::ReadNumber(text);
  if (reading.kind != ValueKind::kAmount || !reading.value) return std::nullopt;
  auto fen = normalize::ToFen(*reading.value, trial[ref.table].unit_fen, nullptr);
  if (!fen) return std::nullopt;
  cell.text = text;
  cell.number = reading.value;
  cell.amount_fen = fen;
  return reconcile::Reconcile(identities, trial, facts);
}

bool AllHold(const std::vector<Check>& checks, const CellRef& ref, std::string* because) {
  bool any = false;
  for (const auto& c : checks) {
    if (!Involves(c, ref)) continue;
    if (c.result == CheckResult::kFail) return false;
    any = true;
    *because += (because->empty() ? "" : "; ") + c.description;
  }
  return any;
}

Correction Apply(const CellRef& ref, const std::string& text, const std::string& rule, const std::string& because,
                 std::vector<Table>* tables) {
  Cell& cell = At(tables, ref);
  const Table& table = (*tables)[ref.table];
  Correction c;
  c.kind = "accounts_repair:" + rule;
  c.raw = cell.text;
  c.result = text;
  c.where = cell.where;
  c.table = table.number.empty() ? table.title : table.number;
  c.table_index = ref.table;
  c.row = ref.row;
  c.column = ref.column;
  c.because = because;
  auto reading = normalize::ReadNumber(text);
  cell.text = text;
  cell.number = reading.value;
  cell.amount_fen = normalize::ToFen(*reading.value, table.unit_fen, nullptr);
  return c;
}

}  // namespace

Repaired RepairFromAccounts(const rules::RuleSet& rules, double below, std::vector<Table> tables,
                            const std::vector<NarrativeFact>& facts, reconcile::Reconciliation checked) {
  Repaired out{std::move(tables), std::move(checked), {}};
  for (const CellRef& ref : Suspects(out.tables, out.reconciliation.checks, below)) {
    const std::string text = At(out.tables, ref).text;
    for (const auto& alt : Alternatives(rules, text)) {
      auto trial = ChecksWith(rules.identities, out.tables, facts, ref, alt.text);
      std::string because;
      if (!trial || !AllHold(trial->checks, ref, &because)) continue;
      out.corrections.push_back(Apply(ref, alt.text, alt.rule, because, &out.tables));
      out.reconciliation = std::move(*trial);
      break;
    }
  }
  return out;
}

}  // namespace budgetx::repair
