// Known words restored in text OCR misread by a character or two.
#include <algorithm>
#include <cstdint>
#include <string_view>
#include <tuple>

#include <unicode/unistr.h>

#include "pipeline/normalize/normalize.h"

namespace budgetx::normalize {
namespace {

std::u32string CodePoints(std::string_view text) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  std::u32string out;
  for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) out.push_back(static_cast<char32_t>(s.char32At(i)));
  return out;
}

std::string Utf8(const std::u32string& text) {
  std::string out;
  icu::UnicodeString s = icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(text.data()),
                                                      static_cast<int32_t>(text.size()));
  return s.toUTF8String(out);
}

bool IsAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

// Characters of `text` at `at` that differ from `word`, up to `limit` + 1; a digit that would
// change counts as too many (a number is never respelt as a word).
size_t Differences(const std::u32string& text, size_t at, const std::u32string& word, size_t limit) {
  size_t n = 0;
  for (size_t i = 0; i < word.size() && n <= limit; ++i) {
    if (text[at + i] == word[i]) continue;
    if (IsAsciiDigit(text[at + i]) || IsAsciiDigit(word[i])) return limit + 1;
    ++n;
  }
  return n;
}

struct Place {
  size_t at = 0, length = 0;  // the window of the text the word replaces
  const std::string* word = nullptr;
  size_t word_length = 0;
  size_t differences = 0;
};

bool Overlap(const Place& a, const Place& b) { return a.at < b.at + b.length && b.at < a.at + a.length; }

// A word printed as it is stands against a near word it overlaps (收入预算总表 is not a misread
// 支出预算总表), unless it is a shorter word inside the near one's window (一般公共预算 inside
// 一般公共预算文出功能分类预算表).
bool Contradicts(const Place& exact, const Place& near) {
  bool inside = exact.at >= near.at && exact.at + exact.length <= near.at + near.length;
  return Overlap(exact, near) && (!inside || exact.length >= near.word_length);
}

std::u32string Restored(const std::u32string& read, const Place& p) {
  std::u32string out = read.substr(0, p.at);
  out += CodePoints(*p.word);
  out += read.substr(p.at + p.length);
  return out;
}

// Levenshtein distance of a and b, or some number above `limit` as soon as a row of the table
// shows the distance exceeds it (no later row can be smaller than its row's least entry).
size_t Distance(std::u32string_view a, std::u32string_view b, size_t limit = SIZE_MAX) {
  // Called for every window of every cell read by OCR: the rows are reused, not allocated.
  thread_local std::vector<size_t> row, above;
  row.resize(b.size() + 1);
  above.resize(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) above[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    size_t least = row[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      row[j] = std::min({above[j] + 1, row[j - 1] + 1, above[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      least = std::min(least, row[j]);
    }
    if (least > limit) return least;
    std::swap(row, above);
  }
  return above[b.size()];
}

// Where `word` (limit differences allowed) may stand in `read`: windows as long as the word,
// compared character by character; for a word long enough for two differences also windows a
// character longer or shorter (a character read twice or lost: 财政拨亚收文了预算总表).
void FindPlaces(const std::u32string& read, const std::string& word, const std::u32string& w, std::vector<Place>* exact,
                std::vector<Place>* near) {
  const size_t limit = MisreadLimit(w.size());
  if (limit == 0 || w.size() > read.size() + 1) return;
  if (w.size() < kMinWordInText) {
    if (w.size() == read.size()) {
      size_t d = Differences(read, 0, w, limit);
      if (d <= limit) (d == 0 ? exact : near)->push_back({0, w.size(), &word, w.size(), d});
    }
    return;
  }
  for (size_t at = 0; at + w.size() <= read.size(); ++at) {
    size_t d = Differences(read, at, w, limit);
    if (d <= limit) (d == 0 ? exact : near)->push_back({at, w.size(), &word, w.size(), d});
  }
  if (limit < 2) return;
  // A character of the window that the word lacks costs an edit: windows with more such
  // characters than the limit are passed over without computing their distance.
  std::vector<size_t> foreign(read.size() + 1, 0);
  for (size_t i = 0; i < read.size(); ++i) foreign[i + 1] = foreign[i] + (w.find(read[i]) == std::u32string::npos);
  for (size_t length : {w.size() - 1, w.size() + 1}) {
    for (size_t at = 0; at + length <= read.size(); ++at) {
      if (foreign[at + length] - foreign[at] > limit) continue;
      const std::u32string_view window = std::u32string_view(read).substr(at, length);
      if (std::any_of(window.begin(), window.end(), IsAsciiDigit)) continue;
      size_t d = Distance(window, w, limit);
      if (d <= limit) near->push_back({at, length, &word, w.size(), d});
    }
  }
}

}  // namespace

size_t MisreadLimit(size_t word_length) {
  if (word_length < kMinKnownWordLength) return 0;
  return word_length >= 10 ? 2 : 1;
}

KnownWords::KnownWords(std::vector<std::string> words) : words_(std::move(words)) {
  for (const auto& word : words_) code_points_.push_back(CodePoints(word));
}

std::optional<RestoredWord> RestoreKnownWord(std::string_view text, const KnownWords& words) {
  const std::u32string read = CodePoints(text);
  std::vector<Place> exact, near;
  for (size_t i = 0; i < words.words().size(); ++i) FindPlaces(read, words.words()[i], words.code_points()[i], &exact, &near);
  std::erase_if(near, [&](const Place& p) {
    return std::any_of(exact.begin(), exact.end(), [&](const Place& e) { return Contradicts(e, p); });
  });
  if (near.empty()) return std::nullopt;
  // The longest word says most; of equally long ones, the fewest changes, then a window as long
  // as the word (a misread character before a lost one); a tie between two different
  // restorations is no evidence for either.
  auto rank = [](const Place& p) {
    return std::tuple(-static_cast<long>(p.word_length), p.differences, p.length != p.word_length);
  };
  auto better = [&](const Place& a, const Place& b) { return rank(a) < rank(b); };
  std::sort(near.begin(), near.end(), better);
  const std::u32string restored = Restored(read, near.front());
  for (size_t i = 1; i < near.size() && !better(near.front(), near[i]); ++i) {
    if (Restored(read, near[i]) != restored) return std::nullopt;
  }
  return RestoredWord{Utf8(restored), *near.front().word};
}

size_t EditDistance(std::string_view a, std::string_view b) { return Distance(CodePoints(a), CodePoints(b)); }

}  // namespace budgetx::normalize
