// A classification code printed with the name the lists give another code of its level
// (30208 物业管理费, where 30208 is 取暖费 and 物业管理费 is 30209): either the code or the name
// is wrong, and the row's amount is counted under the other one.
#include <algorithm>
#include <map>
#include <optional>

#include "pipeline/audit/internal.h"
#include "pipeline/normalize/normalize.h"

namespace budgetx::audit {
namespace {

// Names compared as printed, but for spacing and the width of brackets.
std::string Comparable(const std::string& name) {
  std::string s = normalize::Compact(name);
  for (auto [half, full] : {std::pair<std::string, std::string>{"(", "（"}, {")", "）"}}) {
    for (size_t at = s.find(half); at != std::string::npos; at = s.find(half, at + full.size())) {
      s.replace(at, half.size(), full);
    }
  }
  return s;
}

// Per listed name and code length, the codes the lists give that name.
using CodesByName = std::map<std::pair<std::string, size_t>, std::vector<std::string>>;

CodesByName IndexNames(const std::map<std::string, std::string>& classification) {
  CodesByName index;
  for (const auto& [code, name] : classification) index[{Comparable(name), code.size()}].push_back(code);
  return index;
}

size_t CommonPrefix(const std::string& a, const std::string& b) {
  size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

// The codes that carry the name, nearest to `code` first (行政运行 is the name of dozens): three
// at most.
std::string Nearest(std::vector<std::string> codes, const std::string& code) {
  std::stable_sort(codes.begin(), codes.end(), [&](const std::string& a, const std::string& b) {
    return CommonPrefix(a, code) > CommonPrefix(b, code);
  });
  std::string joined;
  for (size_t i = 0; i < codes.size() && i < 3; ++i) joined += (i ? ", " : "") + codes[i];
  return codes.size() > 3 ? joined + " …" : joined;
}

// The cell printing the row's name: its first text.
int NameColumn(const Row& row) {
  for (size_t c = 0; c < row.cells.size(); ++c) {
    if (row.cells[c].kind == ValueKind::kText) return static_cast<int>(c);
  }
  return 0;
}

}  // namespace

void CodeNames(const rules::RuleSet& rules, const Document& doc, std::vector<Finding>* out) {
  if (rules.classification.empty()) return;
  // Built at the first row whose name disagrees: most documents have none.
  std::optional<CodesByName> index;
  auto names_index = [&]() -> const CodesByName& {
    if (!index) index = IndexNames(rules.classification);
    return *index;
  };
  auto listed_name = [&](const std::string& code, const std::string& printed) {
    if (printed == Comparable(rules.classification.at(code))) return true;
    auto former = rules.classification_former.find(code);
    if (former == rules.classification_former.end()) return false;
    return std::any_of(former->second.begin(), former->second.end(),
                       [&](const std::string& name) { return printed == Comparable(name); });
  };
  for (int t = 0; t < static_cast<int>(doc.tables.size()); ++t) {
    const Table& table = doc.tables[t];
    std::vector<int> swapped;
    int listed = 0, agreeing = 0;
    for (int r = 0; r < static_cast<int>(table.rows.size()); ++r) {
      const Row& row = table.rows[r];
      if (!rules.classification.count(row.code) || row.name.empty()) continue;
      ++listed;
      std::string printed = Comparable(row.name);
      if (listed_name(row.code, printed)) {
        ++agreeing;
      } else if (names_index().count({printed, row.code.size()})) {
        swapped.push_back(r);  // a name the lists do not know is a variant, not a swap
      }
    }
    // A table whose codes carry other names on a third of its rows follows another list (上海's own 经济分类 of
    // 部门预算 numbers 302 03 水费, where the national list has 30205): not a swap.
    if (agreeing * 3 < listed * 2) continue;
    for (int r : swapped) {
      const Row& row = table.rows[r];
      Finding f;
      f.rule = "code_name";
      f.severity = Severity::kWarning;
      f.message = TableName(table) + ": code " + row.code + " is printed with the name of " +
                  Nearest(names_index().at({Comparable(row.name), row.code.size()}), row.code) + " (" + row.name +
                  "); the classification lists name " + row.code + " " + rules.classification.at(row.code);
      f.evidence.push_back(CellEvidence(doc, {t, r, NameColumn(row)}));
      out->push_back(std::move(f));
    }
  }
}

}  // namespace budgetx::audit
