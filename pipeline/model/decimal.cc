#include "pipeline/model/decimal.h"

#include <algorithm>

namespace budgetx {
namespace {

// Products of two int64 amounts need 128 bits before the division brings them back.
__extension__ typedef __int128 Int128;

std::optional<int64_t> Pow10(int n) {
  int64_t p = 1;
  for (int i = 0; i < n; ++i) {
    if (__builtin_mul_overflow(p, 10, &p)) return std::nullopt;
  }
  return p;
}

}  // namespace

std::optional<Decimal> Rescale(const Decimal& d, int scale) {
  if (scale == d.scale) return d;
  if (scale > d.scale) {
    auto p = Pow10(scale - d.scale);
    int64_t units;
    if (!p || __builtin_mul_overflow(d.units, *p, &units)) return std::nullopt;
    return Decimal{units, scale};
  }
  auto p = Pow10(d.scale - scale);
  if (!p) return std::nullopt;
  int64_t q = d.units / *p, r = d.units % *p;
  if (2 * (r < 0 ? -r : r) >= *p) q += d.units < 0 ? -1 : 1;
  return Decimal{q, scale};
}

std::optional<Decimal> Add(const Decimal& a, const Decimal& b) {
  int scale = std::max(a.scale, b.scale);
  auto x = Rescale(a, scale), y = Rescale(b, scale);
  int64_t sum;
  if (!x || !y || __builtin_add_overflow(x->units, y->units, &sum)) return std::nullopt;
  return Decimal{sum, scale};
}

Decimal Negate(const Decimal& d) { return Decimal{-d.units, d.scale}; }
Decimal Abs(const Decimal& d) { return d.units < 0 ? Negate(d) : d; }

std::optional<Decimal> Subtract(const Decimal& a, const Decimal& b) { return Add(a, Negate(b)); }

int Compare(const Decimal& a, const Decimal& b) {
  auto diff = Subtract(a, b);
  if (!diff) return a.units < 0 ? -1 : 1;
  return (diff->units > 0) - (diff->units < 0);
}

std::optional<Decimal> DivideRounded(const Decimal& a, const Decimal& b, int64_t multiplier, int scale) {
  if (b.units == 0) return std::nullopt;
  // value = a.units/10^a.scale / (b.units/10^b.scale) * multiplier, wanted as units/10^scale:
  // units = a.units * multiplier * 10^(scale + b.scale - a.scale) / b.units
  Int128 num = static_cast<Int128>(a.units) * multiplier;
  Int128 den = b.units;
  int shift = scale + b.scale - a.scale;
  for (int i = 0; i < shift; ++i) num *= 10;
  for (int i = 0; i > shift; --i) den *= 10;
  bool negative = (num < 0) != (den < 0);
  if (num < 0) num = -num;
  if (den < 0) den = -den;
  Int128 q = num / den, r = num % den;
  if (2 * r >= den) ++q;
  return Decimal{static_cast<int64_t>(negative ? -q : q), scale};
}

Decimal LastDigitUnit(const Decimal& d) { return Decimal{1, d.scale}; }

}  // namespace budgetx
