// Stage: normalize — text and number normalisation shared by every extractor.
//
// Input:  raw text of a cell, token or narrative line (UTF-8).
// Output: normalised text plus the list of changes made (each a Correction kind), and typed
//         readings of numbers: amounts as exact Decimal and integer fen, percentages, comparators
//         and units of indicator values.
// Errors: none thrown; text that is not a number reads as kText. Invalid UTF-8 is replaced by
//         U+FFFD and reported as a change of kind "invalid_utf8".
// What it does, in order (ICU does the character work, no hand-written tables):
//   1. NFKC, which also maps Kangxi radicals (U+2F00–U+2FD5) and CJK compatibility ideographs
//      (U+F900–U+FAFF) to unified ideographs, full-width digits/letters to ASCII;
//   2. full-width punctuation inside numbers (“4，881．22” → “4,881.22”);
//   3. spaces inserted between CJK characters removed; other whitespace runs collapsed.
// Thread-safety: all functions are safe to call concurrently.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/model/model.h"

namespace budgetx::normalize {

struct NormalizedText {
  std::string text;
  std::vector<std::string> changes;  // kinds applied: "nfkc", "number_chars", "cjk_space", "invalid_utf8"
};

// Steps 1–3 above. Leading/trailing whitespace is trimmed without being counted as a change.
NormalizedText NormalizeText(std::string_view raw);

// Removes every whitespace character (used to compare labels and titles).
std::string Compact(std::string_view text);

// Compact, but one space is kept between two ASCII characters: words of a Latin title stay
// apart ("Table 6: Households by state"), a CJK title loses its spaces ("2026 年 收支总表").
std::string CompactTitle(std::string_view text);

// Known words (titles, labels) restored in text OCR misread: the longest word found in `text`
// with at most MisreadLimit(its length) characters read as others (财务收文预算总表 → 财务收支
// 预算总表), one in words under ten characters, and not overlapping a known word printed as it
// is; a word under kMinWordInText characters only as the whole text. Digits never change. std::nullopt when no word is that near, or two words would restore it differently.
inline constexpr size_t kMinKnownWordLength = 4;  // shorter words differ by a character (小计, 合计)
inline constexpr size_t kMinWordInText = 6;       // shorter words are restored as a whole text only
size_t MisreadLimit(size_t word_length);          // characters; 0 for words too short to restore
struct RestoredWord {
  std::string text;  // `text` with the word restored
  std::string word;  // the known word
};
// The words RestoreKnownWord looks for, each kept as code points too: converted once, not for
// every cell an OCR page holds.
class KnownWords {
 public:
  KnownWords() = default;
  KnownWords(std::vector<std::string> words);  // implicit: a list of words is known words
  KnownWords(std::initializer_list<std::string> words) : KnownWords(std::vector<std::string>(words)) {}
  const std::vector<std::string>& words() const { return words_; }
  const std::vector<std::u32string>& code_points() const { return code_points_; }

 private:
  std::vector<std::string> words_;
  std::vector<std::u32string> code_points_;
};
std::optional<RestoredWord> RestoreKnownWord(std::string_view text, const KnownWords& words);

// Levenshtein distance in code points.
size_t EditDistance(std::string_view a, std::string_view b);

// How a normalised cell reads.
struct NumberReading {
  ValueKind kind = ValueKind::kText;  // kEmpty, kDash, kAmount, kPercent, kNumber or kText
  std::optional<Decimal> value;       // for kAmount, kPercent (the number before %), kNumber
  bool grouped = false;               // printed with thousands separators
};

// Reads "27,126", "4881.22", "-3", "(3)" (accounting negative), "0.20" as kAmount; "100.00%",
// "-0.16%" as kPercent; "-", "—", "－", "--" as kDash; "" as kEmpty. Anything else is kText.
// A string of digits is kAmount here; whether a column holds codes, counts or amounts is decided
// by the tables stage from the rules, not by the look of one cell.
NumberReading ReadNumber(std::string_view normalized);

// Fen per unit for "元", "万元", "亿元", "千元", "百万元"; std::nullopt for anything else.
std::optional<int64_t> UnitFen(std::string_view unit);

// value × unit_fen as integer fen. Sets *rounded when the value has more decimals than a fen
// resolves (e.g. 0.0000001 万元); the result is then rounded half away from zero.
// std::nullopt on overflow.
std::optional<int64_t> ToFen(const Decimal& value, int64_t unit_fen, bool* rounded = nullptr);

// Depth of an outline number opening a label: 一、=1, （一）=2, 1.=3, (1)=4, 1.1=5, 1.1.1=6; 0 when
// none. With `rest`, also the label after the number.
int OutlineLevel(std::string_view label, std::string_view* rest = nullptr);
// The label compacted and without its outline number: 一、财政拨款收入 and 财政拨款收入 name one item.
std::string CompactWithoutOutline(std::string_view label);

// An amount written with its unit inside running text: "27,126万元", "1.5 亿元", "300元".
struct AmountWithUnit {
  Decimal value;
  std::string unit;
  int64_t fen = 0;
};
std::optional<AmountWithUnit> ReadAmountWithUnit(std::string_view normalized);

// An indicator value such as "≥95%", "≥578 人", "5.5 万户", "≤ 100 万元", "100%", "不低于90%".
struct IndicatorValue {
  std::string comparator;  // "≥", "≤", ">", "<", "=" or empty (words like 不低于 map to ≥)
  std::optional<Decimal> value;
  std::string unit;        // "%", "人", "万户", "个", ... (text after the number), may be empty
};
std::optional<IndicatorValue> ReadIndicatorValue(std::string_view normalized);

}  // namespace budgetx::normalize
