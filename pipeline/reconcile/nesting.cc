// Finding nested sums in a sequence of items (rows, or columns): an item that equals the sum of
// the items right after it, where each of those may itself head such a group (工资福利支出 = 基本工资
// + 津贴补贴 + …; 商品和服务支出 = …; and the unit row above them all = the sum of the groups).
//
// Bottom-up, every item gets the groups it could head: the ends of runs of children that add up
// to it. A walk from an item tries each following child as the group it would head (so that
// group counts once, by its head's amount) and, failing that, alone: two neighbours that happen
// to be equal look like a group of one, and the leaf reading keeps that from hiding the true
// group around them. Where the rules know an extent (a coded row spans its child codes) only that
// one is tried. Top-down, the preferred group of each outermost item (exact before within
// rounding, then longest) is fixed, and with it the groups of the items inside it.
#include <algorithm>

#include "pipeline/reconcile/internal.h"

namespace budgetx::reconcile::internal {
namespace {

struct Candidate {
  int end = 0;
  Fit fit = Fit::kNone;
  std::vector<int> children, child_ends;
};

class Search {
 public:
  explicit Search(const NestingRules& rules) : rules_(rules), candidates_(rules.n) {}

  Nesting Run() {
    for (int item = rules_.n - 1; item >= 0; --item) {
      if (!rules_.can_parent(item)) continue;
      steps_ = rules_.steps_per_parent;
      std::vector<int> children, ends;
      Walk(item, item + 1, &children, &ends);
      // Longest first: that is the order walks try a child's extents in.
      std::sort(candidates_[item].begin(), candidates_[item].end(),
                [](const Candidate& a, const Candidate& b) { return a.end > b.end; });
    }
    Nesting out;
    out.children.resize(rules_.n);
    for (int item = 0; item < rules_.n; ++item) out.end.push_back(item);
    for (int item = 0; item < rules_.n;) {
      const Candidate* best = Preferred(item, /*outermost=*/true);
      if (!best) {
        ++item;
        continue;
      }
      Realize(item, *best, &out);
      item = best->end + 1;
    }
    return out;
  }

 private:
  // The next possible child at or after `pos`, or -1 when the walk from `parent` ends there.
  int NextChild(int parent, int pos, int first) const {
    for (; pos < rules_.n; ++pos) {
      Step step = rules_.step(parent, pos, first);
      if (step == Step::kStop) return -1;
      if (step == Step::kChild) return pos;
    }
    return -1;
  }

  // The group `item` would head, then the item alone (in case that group is a coincidence).
  // Shorter groups are not tried: they differ only by rows of zeros, and every extra reading
  // multiplies the paths a walk explores and the sums it may hit by chance.
  std::vector<int> Extents(int item) const {
    if (rules_.fixed_end) {
      int end = rules_.fixed_end(item);
      if (end >= 0) return {end};
    }
    const Candidate* group = Preferred(item, /*outermost=*/false);
    if (!group) return {item};
    return {group->end, item};
  }

  void Walk(int parent, int pos, std::vector<int>* children, std::vector<int>* ends) {
    int child = NextChild(parent, pos, children->empty() ? -1 : children->front());
    if (child < 0) return;
    for (int end : Extents(child)) {
      if (--steps_ < 0) return;
      children->push_back(child);
      ends->push_back(end);
      Fit fit = rules_.fit(parent, *children);
      if ((fit == Fit::kExact || fit == Fit::kWithinRounding) &&
          static_cast<int>(children->size()) >= rules_.min_children) {
        Record(parent, {end, fit, *children, *ends});
      }
      if (fit != Fit::kOver) Walk(parent, end + 1, children, ends);
      children->pop_back();
      ends->pop_back();
    }
  }

  // One candidate per end: the first found (longest child extents), unless a later one is exact.
  void Record(int parent, Candidate candidate) {
    for (auto& c : candidates_[parent]) {
      if (c.end != candidate.end) continue;
      if (c.fit != Fit::kExact && candidate.fit == Fit::kExact) c = std::move(candidate);
      return;
    }
    candidates_[parent].push_back(std::move(candidate));
  }

  // A group of one child that is a single item says only that two neighbours are equal, which
  // happens by chance; believed inside a larger group (whose sum needs it) or when it closes the
  // section (a 主管部门 row above its only unit).
  bool Weak(int parent, const Candidate& c) const {
    if (c.children.size() != 1 || c.child_ends[0] != c.children[0]) return false;
    return NextChild(parent, c.end + 1, c.children[0]) >= 0;
  }

  // Exact groups before groups within rounding, longest first.
  const Candidate* Preferred(int item, bool outermost) const {
    const Candidate* within = nullptr;
    for (const auto& c : candidates_[item]) {
      if (outermost && Weak(item, c)) continue;
      if (c.fit == Fit::kExact) return &c;
      if (!within) within = &c;
    }
    return within;
  }

  void Realize(int item, const Candidate& c, Nesting* out) const {
    out->children[item] = c.children;
    out->end[item] = c.end;
    for (size_t i = 0; i < c.children.size(); ++i) {
      int child = c.children[i], end = c.child_ends[i];
      if (end == child) continue;
      for (const auto& inner : candidates_[child]) {
        if (inner.end != end) continue;
        Realize(child, inner, out);
        break;
      }
    }
  }

  const NestingRules& rules_;
  std::vector<std::vector<Candidate>> candidates_;
  int steps_ = 0;
};

}  // namespace

Nesting FindNesting(const NestingRules& rules) { return Search(rules).Run(); }

}  // namespace budgetx::reconcile::internal
