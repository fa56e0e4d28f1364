// Exact decimal arithmetic on budgetx::Decimal (part of the model stage).
// REQUIRES: values fit in int64 after rescaling to the larger scale (amounts in fen of national
// budgets stay far below 2^63). Overflow is reported by returning std::nullopt.
#pragma once

#include <optional>

#include "pipeline/model/model.h"

namespace budgetx {

std::optional<Decimal> Rescale(const Decimal& d, int scale);  // exact only when scale >= d.scale
std::optional<Decimal> Add(const Decimal& a, const Decimal& b);
std::optional<Decimal> Subtract(const Decimal& a, const Decimal& b);
Decimal Negate(const Decimal& d);
Decimal Abs(const Decimal& d);
int Compare(const Decimal& a, const Decimal& b);  // -1, 0, 1
// a / b * multiplier rounded half away from zero to `scale` digits; nullopt when b is zero.
std::optional<Decimal> DivideRounded(const Decimal& a, const Decimal& b, int64_t multiplier, int scale);
// One unit of the last printed digit of d, e.g. 0.01 for 4881.22, 1 for 27126.
Decimal LastDigitUnit(const Decimal& d);

}  // namespace budgetx
