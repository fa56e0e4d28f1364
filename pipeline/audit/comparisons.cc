// The words of a sentence against its own numbers: a 决算 that says 小于预算数 of an amount above
// its budget, a 完成率 or 增长率 the amounts it states do not give, 增加 and 下降 of one change.
#include <algorithm>

#include "pipeline/audit/internal.h"
#include "pipeline/model/decimal.h"

namespace budgetx::audit {
namespace {

__extension__ typedef __int128 Wide;  // products of amounts at a common scale

Wide Pow10(int n) {
  Wide p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

// A printed number at a common scale, ± the half unit of its last printed digit.
struct Approx {
  Wide value = 0, error = 0;
};

// The numbers of one comparison, at one scale finer than any of them is printed.
class Amounts {
 public:
  explicit Amounts(const std::map<std::string, Decimal>& numbers) : numbers_(numbers) {
    for (const char* role : {"amount", "base", "change"}) {
      if (auto it = numbers.find(role); it != numbers.end()) scale_ = std::max(scale_, it->second.scale + 1);
    }
  }
  std::optional<Approx> Get(const char* role) const {
    auto it = numbers_.find(role);
    if (it == numbers_.end()) return std::nullopt;
    const Decimal& d = it->second;
    return Approx{d.units * Pow10(scale_ - d.scale), 5 * Pow10(scale_ - d.scale - 1)};
  }
  Decimal AsDecimal(Wide value) const { return Decimal{static_cast<int64_t>(value), scale_}; }

 private:
  const std::map<std::string, Decimal>& numbers_;
  int scale_ = 1;
};

enum class Direction { kMore, kLess, kSame };

// A comparing word and what it says; words comparison_words does not know are left out.
struct Said {
  std::string word;
  Direction direction;
};

std::vector<Said> Directions(const rules::RuleSet& rules, const std::vector<std::string>& words) {
  std::vector<Said> out;
  for (const auto& word : words) {
    const rules::Pattern* p = rules::FirstMatch(rules.comparison_words, word);
    if (!p) continue;
    out.push_back({word, p->name == "more" ? Direction::kMore : p->name == "less" ? Direction::kLess : Direction::kSame});
  }
  return out;
}

bool Says(const std::vector<Said>& said, Direction d) {
  return std::any_of(said.begin(), said.end(), [d](const Said& s) { return s.direction == d; });
}

bool Agrees(Direction d, Wide difference) {
  switch (d) {
    case Direction::kMore: return difference > 0;
    case Direction::kLess: return difference < 0;
    case Direction::kSame: return difference == 0;
  }
  return true;
}

// Whether a percentage printed as `stated` can be numerator / denominator × 100 for some values
// the printed ones round from, give or take a unit of its own last digit (some round, some cut).
bool PercentFits(const Decimal& stated, const Approx& num, const Approx& den) {
  const Wide scale = 100 * Pow10(stated.scale);
  const Wide p = stated.units;
  if (den.value - den.error <= 0) return true;  // a change from nothing (增长100%) has no rate to check
  if ((p + 1) * (den.value + den.error) < (num.value - num.error) * scale) return false;
  return (p - 1) * (den.value - den.error) <= (num.value + num.error) * scale;
}

Finding Make(const Comparison& c, const std::string& kind, const std::string& what) {
  Finding f;
  f.rule = "comparison:" + kind;
  f.severity = Severity::kWarning;
  f.message = what + " (page " + std::to_string(c.where.page) + "): '" + c.text + "'";
  Evidence e;
  e.kind = "text";
  e.text = c.text;
  e.where = c.where;
  f.evidence.push_back(std::move(e));
  return f;
}

// The stated percentage `role` against num / den × 100.
void CheckPercent(const Comparison& c, const Amounts& amounts, const char* role, const Approx& num, const Approx& den,
                  std::vector<Finding>* out) {
  auto stated = c.numbers.find(role);
  if (stated == c.numbers.end() || PercentFits(stated->second, num, den)) return;
  auto computed = DivideRounded(amounts.AsDecimal(num.value), amounts.AsDecimal(den.value), 100, stated->second.scale);
  Finding f = Make(c, role, std::string("the text states ") + (std::string(role) == "ratio" ? "a share" : "a change") +
                                " of " + stated->second.ToString() + "% that its own amounts do not give (" +
                                (computed ? computed->ToString() : "?") + "%)");
  f.stated = stated->second;
  f.computed = computed;
  out->push_back(std::move(f));
}

void Judge(const rules::RuleSet& rules, const Comparison& c, std::vector<Finding>* out) {
  const Amounts amounts(c.numbers);
  auto amount = amounts.Get("amount"), base = amounts.Get("base"), change = amounts.Get("change");
  const std::vector<Said> said = Directions(rules, c.words);
  if (!amount) return;
  Approx growth;
  if (base) {
    Wide difference = amount->value - base->value;
    auto wrong = std::find_if(said.begin(), said.end(), [&](const Said& s) { return !Agrees(s.direction, difference); });
    if (wrong != said.end()) {
      out->push_back(Make(c, "words", "the text says '" + wrong->word + "' of amounts that compare the other way"));
    }
    growth = {difference < 0 ? -difference : difference, amount->error + base->error};
  } else if (change && !said.empty()) {
    bool more = Says(said, Direction::kMore), less = Says(said, Direction::kLess), same = Says(said, Direction::kSame);
    if ((more && less) || (same && change->value != 0)) {
      out->push_back(Make(c, "words", "the text says the amount both rose and fell"));
      return;
    }
    if (same || change->value == 0) return;
    base = Approx{more ? amount->value - change->value : amount->value + change->value, amount->error + change->error};
    growth = *change;
  } else {
    return;
  }
  CheckPercent(c, amounts, "ratio", *amount, *base, out);
  CheckPercent(c, amounts, "growth", growth, *base, out);
}

}  // namespace

void Comparisons(const rules::RuleSet& rules, const Document& doc, std::vector<Finding>* out) {
  for (const auto& c : doc.comparisons) Judge(rules, c, out);
}

}  // namespace budgetx::audit
