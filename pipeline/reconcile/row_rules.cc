// The rules rows nest by (see nesting.cc), for one side of a table: which rows may head a group,
// where a walk over the rows after a parent ends, and how a partial sum of children compares
// with the parent, in every amount column of the side.
#include <algorithm>

#include "pipeline/model/decimal.h"
#include "pipeline/reconcile/internal.h"

namespace budgetx::reconcile::internal {
namespace {

// Rounding (尾数误差) moves the last digit of large amounts; a gap of a unit or two between small
// numbers (scores 4 and 6) is no rounding. Believed on amounts a hundred times the tolerance.
bool Large(const Decimal& amount, const Decimal& tolerance) {
  return Compare(Abs(amount), Decimal{tolerance.units * 100, tolerance.scale}) >= 0;
}

bool Closing(const Row& row) { return row.kind == RowKind::kTotal || row.kind == RowKind::kSubtotal; }

using Sums = std::vector<std::optional<Decimal>>;  // per column of the side; nullopt = no sum

class SideRows {
 public:
  SideRows(const TableView& view, std::vector<int> cols) : view_(view), t_(*view.table), cols_(std::move(cols)) {
    for (int r = 0; r < static_cast<int>(t_.rows.size()); ++r) {
      Sums values;
      for (int c : cols_) values.push_back(SumValue(CellAt(t_, r, c)));
      int numbers = 0;
      for (const auto& v : values) {
        numbers += v.has_value();
        nonzero_.resize(r + 1, false);
        if (v && v->units != 0) nonzero_[r] = true;
        if (v && v->units < 0) nonnegative_ = false;
      }
      values_.push_back(std::move(values));
      numbers_.push_back(numbers);
      level_.push_back(LevelOf(view, r, cols_.front()));
      labels_.push_back(RowLabel(view, r, cols_.front()));
    }
  }

  // The outline number of row r: opening its label, else printed alone in a 序号 column, where
  // 一 stands for 一、 and 1 for 1. (长沙's 项目支出情况表: 一 over 1, 2; 二 over 1, 2, 3).
  static int LevelOf(const TableView& view, int r, int col) {
    int level = OutlineLevel(RowLabel(view, r, col));
    int ordinal = ColumnByKey(*view.table, "ordinal");
    if (level > 0 || ordinal < 0) return level;
    std::string text = Compact(CellText(CellAt(*view.table, r, ordinal)));
    level = OutlineLevel(text);
    if (level > 0 || text.empty()) return level;
    bool digits = std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits) return OutlineLevel(text + ".");
    return OutlineLevel(text + "、");
  }

  NestingRules Rules() const {
    NestingRules rules;
    rules.n = static_cast<int>(t_.rows.size());
    rules.can_parent = [this](int r) { return CanParent(r); };
    rules.step = [this](int p, int r, int first_child) { return StepOf(p, r, first_child); };
    rules.fit = [this](int p, const std::vector<int>& children) { return FitOf(p, children); };
    rules.fixed_end = [this](int r) { return CodedEnd(r); };
    return rules;
  }

  // A nesting explains a side when it takes in most of its rows with amounts; one group in a
  // long flat list (200 = 150 + 50 among a hundred projects) is chance.
  bool Explains(const Nesting& nesting) const {
    std::vector<bool> inside(nesting.end.size(), false);
    for (size_t r = 0; r < nesting.end.size(); ++r) {
      if (nesting.children[r].empty()) continue;
      for (int k = static_cast<int>(r); k <= nesting.end[r]; ++k) inside[k] = true;
    }
    int rows = 0, covered = 0;
    for (size_t r = 0; r < inside.size(); ++r) {
      if (t_.rows[r].kind == RowKind::kOfWhich || !nonzero_[r]) continue;
      ++rows;
      covered += inside[r];
    }
    return covered * 2 >= rows;
  }

 private:
  // Evidence: a sum over one column is easily a coincidence, so two are needed unless the side
  // has only one; and rows of zeros satisfy any sum.
  bool CanParent(int r) const {
    if (t_.rows[r].kind == RowKind::kOfWhich || view_.outside[r]) return false;
    // Outline numbers (三、 over 1. … 5.) assert the group even where every amount is zero.
    return numbers_[r] >= std::min<int>(2, cols_.size()) && (nonzero_[r] || AssertedEnd(r) > r);
  }

  // The last child the labels assert for row r, whatever the amounts: the rows of its outline
  // numbers, or the row right below naming r's own part (示例单位 over 示例单位（本级）); -1 if none.
  int AssertedEnd(int r) const {
    int outline = OutlineEnd(r);
    if (outline > r) return outline;
    return r + 1 < static_cast<int>(labels_.size()) && OwnPart(labels_[r], labels_[r + 1]) ? r + 1 : -1;
  }

  static bool OwnPart(const std::string& whole, const std::string& part) {
    if (whole.empty() || !part.starts_with(whole)) return false;
    std::string_view rest = std::string_view(part).substr(whole.size());
    bool opens = rest.starts_with("(") || rest.starts_with("（");
    bool closes = rest.ends_with(")") || rest.ends_with("）");
    return opens && closes;
  }

  // An outline-numbered row heads the rows after it numbered one rank deeper (一、 over 1., 2.,
  // …), up to the next row of its rank or one without an outline number.
  int OutlineEnd(int r) const {
    if (level_[r] <= 0 || !Code(r).empty()) return -1;
    int end = r;
    for (int k = r + 1; k < static_cast<int>(t_.rows.size()) && level_[k] > level_[r]; ++k) end = k;
    return end > r ? end : -1;
  }

  Step StepOf(int p, int r, int first_child) const {
    if (t_.rows[r].kind == RowKind::kOfWhich) return Step::kSkip;  // restates part of a sibling
    if (view_.outside[r]) return Step::kSkip;                        // a page number between rows
    if (numbers_[r] == 0) return Step::kStop;                        // a heading, or the other side's
    // A 合计 closes the rows above it; it is a child only of a total printed right above it
    // (主管部门 合计 over its 本级 合计).
    if (Closing(t_.rows[r]) && !(first_child < 0 && Closing(t_.rows[p]))) return Step::kStop;
    // Outline numbers rank rows: 二、 after 一、 is its sibling, however its amounts add up.
    if (level_[p] > 0 && level_[r] > 0 && level_[r] <= level_[p]) return Step::kStop;
    const std::string& pc = Code(p);
    const std::string& rc = Code(r);
    bool extends = rc.size() > pc.size() && rc.compare(0, pc.size(), pc) == 0;
    if (!pc.empty() && !rc.empty() && !extends) return Step::kStop;  // past the parent's codes
    if (first_child >= 0 && !Alike(first_child, r)) return Step::kStop;
    return Step::kChild;
  }

  // A coded row spans the rows whose codes extend its own, whatever their amounts say: a 款
  // whose 项 are off by rounding is still one group of its 类.
  int CodedEnd(int r) const {
    const std::string& code = Code(r);
    if (code.empty()) return -1;
    int end = r;
    for (int k = r + 1; k < static_cast<int>(t_.rows.size()); ++k) {
      if (t_.rows[k].kind == RowKind::kOfWhich) continue;
      const std::string& next = Code(k);
      if (next.size() <= code.size() || next.compare(0, code.size(), code) != 0) break;
      end = k;
    }
    return end;
  }

  const std::string& Code(int r) const { return CodeAt(view_, r, cols_.front()); }

  static int LastOf(const std::vector<int>& items) { return items.empty() ? -1 : items.back(); }

  // Siblings stand at one level: codes of one length (类 with 类, not with a 项 further down),
  // outline numbers of one rank where both have one.
  bool Alike(int a, int b) const {
    if (!Code(a).empty() && !Code(b).empty() && Code(a).size() != Code(b).size()) return false;
    return level_[a] == 0 || level_[b] == 0 || level_[a] == level_[b];
  }

  // Sums of the children per column. Walks extend or shorten the list of children one at a
  // time, so the sums of the common prefix with the previous call are kept.
  const Sums& ChildSums(int p, const std::vector<int>& children) const {
    size_t keep = 0;
    if (p == cached_parent_) {
      size_t common = std::min(children.size(), cached_children_.size());
      while (keep < common && children[keep] == cached_children_[keep]) ++keep;
    }
    cached_parent_ = p;
    cached_children_ = children;
    partial_.resize(keep);
    for (size_t k = keep; k < children.size(); ++k) {
      Sums next = k == 0 ? Sums(cols_.size(), Decimal{0, 0}) : partial_[k - 1];
      for (size_t i = 0; i < cols_.size(); ++i) {
        const auto& v = values_[children[k]][i];
        next[i] = next[i] && v ? Add(*next[i], *v) : std::nullopt;
      }
      partial_.push_back(std::move(next));
    }
    return partial_.back();
  }

  Fit FitOf(int p, const std::vector<int>& children) const {
    const Sums& sums = ChildSums(p, children);
    bool exact = true, within = true, exact_nonzero = false;
    for (size_t i = 0; i < cols_.size(); ++i) {
      const auto& stated = values_[p][i];
      if (!stated) continue;
      // A part left blank in this column (its dash read into the next cell): the column cannot
      // judge the group, the others do.
      if (!sums[i]) continue;
      auto diff = Subtract(*stated, *sums[i]);
      if (!diff) return Fit::kOver;
      if (diff->units == 0) {
        exact_nonzero = exact_nonzero || stated->units != 0;
        continue;
      }
      exact = false;
      // n units of the finest printed digit, as EvaluateSum judges the check.
      Decimal tolerance{static_cast<int64_t>(children.size()), std::max(stated->scale, sums[i]->scale)};
      if (nonnegative_ && Compare(Negate(*diff), tolerance) > 0) return Fit::kOver;
      if (Compare(Abs(*diff), tolerance) > 0 || !Large(*stated, tolerance)) within = false;
    }
    // Within rounding only with one column exact: 尾数误差 shows in some columns, not all. Zeros
    // prove a sum only where the labels assert it.
    if (!within || (!exact_nonzero && !(exact && AssertedEnd(p) == LastOf(children)))) return Fit::kNone;
    return exact ? Fit::kExact : Fit::kWithinRounding;
  }

  const TableView& view_;
  const Table& t_;
  std::vector<int> cols_;
  std::vector<Sums> values_;  // per row and column of the side
  std::vector<int> numbers_, level_;
  std::vector<std::string> labels_;
  std::vector<bool> nonzero_;
  bool nonnegative_ = true;
  mutable int cached_parent_ = -1;
  mutable std::vector<int> cached_children_;
  mutable std::vector<Sums> partial_;
};

}  // namespace

std::vector<RowTree> FindRowTrees(const TableView& view) {
  std::vector<RowTree> trees;
  for (const auto& cols : view.sides) {
    SideRows side(view, cols);
    RowTree tree;
    tree.columns = cols;
    Nesting nesting = FindNesting(side.Rules());
    if (side.Explains(nesting)) tree.children = std::move(nesting.children);
    tree.children.resize(view.table->rows.size());
    tree.parent.assign(tree.children.size(), -1);
    for (int r = 0; r < static_cast<int>(tree.children.size()); ++r) {
      for (int child : tree.children[r]) tree.parent[child] = r;
    }
    trees.push_back(std::move(tree));
  }
  return trees;
}

const RowTree* TreeFor(const std::vector<RowTree>& trees, int col) {
  for (const auto& tree : trees) {
    if (std::find(tree.columns.begin(), tree.columns.end(), col) != tree.columns.end()) return &tree;
  }
  return nullptr;
}

}  // namespace budgetx::reconcile::internal
