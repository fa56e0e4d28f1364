// Typed readings of normalised text: numbers, units, fen, indicator values.
#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <limits>
#include <string>
#include <utility>

#include "pipeline/model/decimal.h"
#include "pipeline/normalize/normalize.h"

namespace budgetx::normalize {
namespace {

// value × unit_fen needs up to 126 bits before the division by 10^scale brings it back.
__extension__ typedef __int128 Int128;

bool IsDigit(char ch) { return ch >= '0' && ch <= '9'; }

bool AppendDigit(int64_t* units, char ch) {
  return !__builtin_mul_overflow(*units, 10, units) && !__builtin_add_overflow(*units, ch - '0', units);
}

bool StripPrefix(std::string_view* s, std::string_view prefix) {
  if (!s->starts_with(prefix)) return false;
  s->remove_prefix(prefix.size());
  return true;
}

bool StripSuffix(std::string_view* s, std::string_view suffix) {
  if (!s->ends_with(suffix)) return false;
  s->remove_suffix(suffix.size());
  return true;
}

bool StripEnclosing(std::string_view* s, std::string_view open, std::string_view close) {
  if (s->size() < open.size() + close.size() || !s->starts_with(open) || !s->ends_with(close)) return false;
  *s = s->substr(open.size(), s->size() - open.size() - close.size());
  return true;
}

// Trims Unicode white space, since units are often cut out of headers padded with U+3000.
std::string_view TrimSpace(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  size_t begin = s.size(), end = 0, i = 0;
  while (i < s.size()) {
    size_t start = i;
    UChar32 c;
    U8_NEXT(p, i, s.size(), c);
    if (c >= 0 && u_isUWhiteSpace(c)) continue;
    begin = std::min(begin, start);
    end = i;
  }
  return begin < end ? s.substr(begin, end - begin) : std::string_view();
}

struct Unsigned {
  Decimal value;
  bool grouped = false;
};

// Digits with optional thousands separators and decimals. The first group has 1–3 digits and
// every later group exactly 3, so "1,23" and "12,3456" (misread or merged cells) are rejected.
std::optional<Unsigned> ParseUnsigned(std::string_view s) {
  size_t point = s.find('.');
  std::string_view whole = s.substr(0, point);
  std::string_view frac = point == std::string_view::npos ? std::string_view() : s.substr(point + 1);
  if (point != std::string_view::npos && frac.empty()) return std::nullopt;
  Unsigned out;
  size_t run = 0;  // digits in the current group
  for (char ch : whole) {
    if (ch == ',') {
      if (run == 0 || run > 3 || (out.grouped && run != 3)) return std::nullopt;
      out.grouped = true;
      run = 0;
      continue;
    }
    if (!IsDigit(ch) || !AppendDigit(&out.value.units, ch)) return std::nullopt;
    ++run;
  }
  if (run == 0 || (out.grouped && run != 3)) return std::nullopt;
  for (char ch : frac) {
    if (!IsDigit(ch) || !AppendDigit(&out.value.units, ch)) return std::nullopt;
    ++out.value.scale;
  }
  return out;
}

bool IsDash(std::string_view s) {
  static constexpr std::string_view kDashes[] = {"-", "—", "－", "--", "——", "―", "–"};
  for (auto d : kDashes) {
    if (s == d) return true;
  }
  return false;
}

// Strips the sign forms budget tables print: accounting parentheses or a leading minus
// (ASCII, full-width, or U+2212 as PDF text layers emit it).
bool StripNegative(std::string_view* s) {
  return StripEnclosing(s, "(", ")") || StripEnclosing(s, "（", "）") || StripPrefix(s, "-") ||
         StripPrefix(s, "－") || StripPrefix(s, "−");
}

struct Comparator {
  std::string_view word;
  const char* symbol;
};

// Longer words first so that ">=" wins over ">" and "及以上" over "以上" at the same position.
constexpr Comparator kComparators[] = {
    {"大于等于", "≥"}, {"小于等于", "≤"}, {"低于等于", "≤"}, {"不低于", "≥"}, {"不少于", "≥"},
    {"不小于", "≥"},   {"不高于", "≤"},   {"不超过", "≤"},   {"不大于", "≤"}, {"及以上", "≥"},
    {"及以下", "≤"},   {"以上", "≥"},     {"以内", "≤"},     {"以下", "≤"},   {">=", "≥"},
    {"<=", "≤"},       {"≥", "≥"},        {"≤", "≤"},        {"≧", "≥"},      {"≦", "≤"},
    {"＞", ">"},       {"＜", "<"},       {"＝", "="},       {">", ">"},      {"<", "<"},
    {"=", "="},
};

struct Found {
  const char* symbol;
  size_t end;  // byte offset just past the comparator
};

// The leftmost comparator in the text; at a tie the earlier, longer entry of kComparators.
std::optional<Found> FindComparator(std::string_view text) {
  std::optional<Found> best;
  size_t best_pos = std::string_view::npos;
  for (const auto& c : kComparators) {
    size_t pos = text.find(c.word);
    if (pos < best_pos) {
      best_pos = pos;
      best = Found{c.symbol, pos + c.word.size()};
    }
  }
  return best;
}

struct NumberAt {
  Decimal value;
  size_t begin, end;
};

// The first number at or after `from`. Malformed grouping falls back to the leading digits and
// decimals, so "1,23" reads as 1 rather than as 123.
std::optional<NumberAt> FindNumber(std::string_view text, size_t from) {
  size_t begin = text.find_first_of("0123456789", from);
  if (begin == std::string_view::npos) return std::nullopt;
  size_t end = std::min(text.find_first_not_of("0123456789,.", begin), text.size());
  while (text[end - 1] == ',' || text[end - 1] == '.') --end;
  auto parsed = ParseUnsigned(text.substr(begin, end - begin));
  if (!parsed) {
    end = std::min(text.find_first_not_of("0123456789", begin), text.size());
    if (end + 1 < text.size() && text[end] == '.' && IsDigit(text[end + 1])) {
      end = std::min(text.find_first_not_of("0123456789", end + 1), text.size());
    }
    parsed = ParseUnsigned(text.substr(begin, end - begin));
  }
  if (!parsed) return std::nullopt;
  Decimal value = parsed->value;
  // A minus counts only where the value starts: at the beginning or right after the comparator.
  size_t sign = text.find_first_not_of(' ', from);
  if (sign + 1 == begin && text[sign] == '-') value = Negate(value);
  return NumberAt{value, begin, end};
}

// Characters a unit is made of: not space, punctuation, a maths symbol or a digit.
bool IsUnitChar(UChar32 c) {
  return !u_isUWhiteSpace(c) && !u_ispunct(c) && u_charType(c) != U_MATH_SYMBOL && !u_isdigit(c);
}

std::string UnitAfter(std::string_view text, size_t pos) {
  std::string_view rest = TrimSpace(text.substr(pos));
  for (std::string_view sign : {"%", "‰"}) {
    if (rest.starts_with(sign)) return std::string(sign);
  }
  const auto* p = reinterpret_cast<const uint8_t*>(rest.data());
  size_t end = 0;
  while (end < rest.size()) {
    size_t next = end;
    UChar32 c;
    U8_NEXT(p, next, rest.size(), c);
    if (c < 0 || !IsUnitChar(c)) break;
    end = next;
  }
  std::string_view unit = rest.substr(0, end);
  // "3个以上": the trailing word is the comparator, not part of the unit.
  for (std::string_view word : {"及以上", "及以下", "以上", "以下", "以内"}) {
    if (StripSuffix(&unit, word)) break;
  }
  return std::string(unit);
}

}  // namespace

NumberReading ReadNumber(std::string_view normalized) {
  NumberReading reading;
  std::string_view s = TrimSpace(normalized);
  if (s.empty()) {
    reading.kind = ValueKind::kEmpty;
    return reading;
  }
  if (IsDash(s)) {
    reading.kind = ValueKind::kDash;
    return reading;
  }
  bool negative = StripNegative(&s);
  bool percent = StripSuffix(&s, "%");
  auto parsed = ParseUnsigned(s);
  if (!parsed) return reading;
  reading.kind = percent ? ValueKind::kPercent : ValueKind::kAmount;
  reading.value = negative ? Negate(parsed->value) : parsed->value;
  reading.grouped = parsed->grouped;
  return reading;
}

std::optional<int64_t> UnitFen(std::string_view unit) {
  static constexpr std::pair<std::string_view, int64_t> kUnits[] = {
      {"元", 100},
      {"千元", 100'000},
      {"万元", 1'000'000},
      {"百万元", 100'000'000},
      {"亿元", 10'000'000'000},
  };
  unit = TrimSpace(unit);
  for (const auto& [name, fen] : kUnits) {
    if (unit == name) return fen;
  }
  return std::nullopt;
}

std::optional<int64_t> ToFen(const Decimal& value, int64_t unit_fen, bool* rounded) {
  if (rounded) *rounded = false;
  constexpr Int128 kMax = std::numeric_limits<int64_t>::max(), kMin = std::numeric_limits<int64_t>::min();
  Int128 num = static_cast<Int128>(value.units) * unit_fen;
  for (int s = value.scale; s < 0; ++s) {
    if (num > kMax || num < kMin) return std::nullopt;
    num *= 10;
  }
  Int128 q = 0, r = num;
  // |num| < 2^126 < 10^38 / 2, so beyond 38 decimals the quotient is 0 and rounds down.
  if (value.scale <= 38) {
    Int128 den = 1;
    for (int s = 0; s < value.scale; ++s) den *= 10;
    q = num / den;
    r = num % den;
    Int128 abs_r = r < 0 ? -r : r;
    if (abs_r != 0 && abs_r >= den - abs_r) q += num < 0 ? -1 : 1;
  }
  if (q > kMax || q < kMin) return std::nullopt;
  if (rounded) *rounded = r != 0;
  return static_cast<int64_t>(q);
}

std::optional<AmountWithUnit> ReadAmountWithUnit(std::string_view normalized) {
  // The character class before the number keeps "12,3456万元" from reading as "3456万元".
  static const RE2 kAmount(
      R"((?:^|[^0-9.,])(-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)\s*(百万元|亿元|万元|千元|元))");
  std::string number, unit;
  if (!RE2::PartialMatch(normalized, kAmount, &number, &unit)) return std::nullopt;
  auto reading = ReadNumber(number);
  auto unit_fen = UnitFen(unit);
  if (!reading.value || !unit_fen) return std::nullopt;
  auto fen = ToFen(*reading.value, *unit_fen);
  if (!fen) return std::nullopt;
  return AmountWithUnit{*reading.value, unit, *fen};
}

std::optional<IndicatorValue> ReadIndicatorValue(std::string_view normalized) {
  IndicatorValue out;
  size_t from = 0;
  if (auto comparator = FindComparator(normalized)) {
    out.comparator = comparator->symbol;
    from = comparator->end;
  }
  // The value follows its comparator ("2023年完成率≥95%"); a trailing word ("95%以上") leaves
  // nothing after it, so the first number of the text is taken instead.
  auto number = FindNumber(normalized, from);
  if (!number && from > 0) number = FindNumber(normalized, 0);
  if (!number) return std::nullopt;
  out.value = number->value;
  out.unit = UnitAfter(normalized, number->end);
  return out;
}

}  // namespace budgetx::normalize
