// Text normalisation (NormalizeText, Compact).
//
// NFKC is applied per code point and only to the classes whose change the output wants: run over
// whole strings it would also turn the Chinese punctuation of labels (（本级）, 部门名称：, “”) into
// ASCII, and those must stay as printed.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <string>
#include <vector>

#include "pipeline/normalize/normalize.h"

namespace budgetx::normalize {
namespace {

using CodePoints = std::vector<UChar32>;

bool In(UChar32 c, UChar32 lo, UChar32 hi) { return c >= lo && c <= hi; }

// Radicals and compatibility ideographs that PDFs emit in place of the ideograph a reader sees.
bool IsIdeographVariant(UChar32 c) {
  return In(c, 0x2E80, 0x2EF3) || In(c, 0x2F00, 0x2FD5) || In(c, 0xF900, 0xFAFF) ||
         In(c, 0x2F800, 0x2FA1F);
}

bool IsFullWidthAlnum(UChar32 c) {
  return In(c, 0xFF10, 0xFF19) || In(c, 0xFF21, 0xFF3A) || In(c, 0xFF41, 0xFF5A);
}

// Characters next to which a space is a layout artefact (Chinese is written without spaces).
bool IsCjk(UChar32 c) {
  return In(c, 0x3400, 0x4DBF) || In(c, 0x4E00, 0x9FFF) || In(c, 0xF900, 0xFAFF) ||
         In(c, 0x2E80, 0x2FDF) || In(c, 0x3000, 0x303F) || In(c, 0xFF00, 0xFFEF) ||
         In(c, 0x20000, 0x3FFFF) || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019;
}

bool IsAsciiDigit(UChar32 c) { return c >= '0' && c <= '9'; }

// Each kind is reported once, in the order the steps first applied it.
void Note(std::vector<std::string>* changes, const char* kind) {
  if (std::find(changes->begin(), changes->end(), kind) == changes->end()) changes->push_back(kind);
}

CodePoints Decode(std::string_view raw, std::vector<std::string>* changes) {
  CodePoints out;
  out.reserve(raw.size());
  const auto* s = reinterpret_cast<const uint8_t*>(raw.data());
  size_t i = 0, n = raw.size();
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      c = 0xFFFD;
      Note(changes, "invalid_utf8");
    }
    out.push_back(c);
  }
  return out;
}

std::string Encode(const CodePoints& cps) {
  std::string out;
  out.reserve(cps.size() * 3);
  for (UChar32 c : cps) {
    uint8_t buf[U8_MAX_LENGTH];
    size_t len = 0;
    U8_APPEND_UNSAFE(buf, len, c);
    out.append(reinterpret_cast<const char*>(buf), len);
  }
  return out;
}

// ICU's NFKC of one code point; on an ICU failure the character is kept rather than lost.
void AppendNfkc(UChar32 c, CodePoints* out) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  icu::UnicodeString mapped;
  if (U_SUCCESS(status)) mapped = nfkc->normalize(icu::UnicodeString(c), status);
  if (U_FAILURE(status)) {
    out->push_back(c);
    return;
  }
  for (int32_t i = 0; i < mapped.length(); i = mapped.moveIndex32(i, 1)) out->push_back(mapped.char32At(i));
}

CodePoints MapVariants(const CodePoints& in, std::vector<std::string>* changes) {
  CodePoints out;
  out.reserve(in.size());
  for (UChar32 c : in) {
    if (!IsIdeographVariant(c) && !IsFullWidthAlnum(c)) {
      out.push_back(c);
      continue;
    }
    size_t before = out.size();
    AppendNfkc(c, &out);
    if (out.size() != before + 1 || out.back() != c) Note(changes, "nfkc");
  }
  return out;
}

// Full-width ．and ，are sentence punctuation except between digits; a comma counts as a
// thousands separator only before exactly three digits, so "2023，2024" keeps its comma.
void MapNumberPunctuation(CodePoints* cps, std::vector<std::string>* changes) {
  auto digit = [cps](size_t i) { return i < cps->size() && IsAsciiDigit((*cps)[i]); };
  for (size_t i = 0; i < cps->size(); ++i) {
    UChar32& c = (*cps)[i];
    bool after_digit = i > 0 && digit(i - 1);
    if (c == 0xFF05) {
      c = '%';
    } else if (c == 0xFF0E && after_digit && digit(i + 1)) {
      c = '.';
    } else if (c == 0xFF0C && after_digit && digit(i + 1) && digit(i + 2) && digit(i + 3) && !digit(i + 4)) {
      c = ',';
    } else {
      continue;
    }
    Note(changes, "number_chars");
  }
}

// Runs of white space become one space, or none when a CJK character is on either side; the ends
// are trimmed silently because every extractor pads cells differently.
CodePoints CollapseSpaces(const CodePoints& in, std::vector<std::string>* changes) {
  CodePoints out;
  out.reserve(in.size());
  bool pending = false;
  for (UChar32 c : in) {
    if (u_isUWhiteSpace(c)) {
      pending = !out.empty();
      continue;
    }
    if (pending && (IsCjk(out.back()) || IsCjk(c))) {
      Note(changes, "cjk_space");
    } else if (pending) {
      out.push_back(' ');
    }
    pending = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace

NormalizedText NormalizeText(std::string_view raw) {
  NormalizedText out;
  CodePoints cps = MapVariants(Decode(raw, &out.changes), &out.changes);
  MapNumberPunctuation(&cps, &out.changes);
  out.text = Encode(CollapseSpaces(cps, &out.changes));
  return out;
}

namespace {

// Whitespace removed; with `ascii_words`, one space kept where it parted two ASCII characters.
// Ill-formed bytes are copied as they are: comparing labels must not invent characters.
std::string Squeeze(std::string_view text, bool ascii_words) {
  std::string out;
  out.reserve(text.size());
  bool gap = false;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  size_t i = 0, n = text.size();
  while (i < n) {
    size_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c >= 0 && u_isUWhiteSpace(c)) {
      gap = true;
      continue;
    }
    if (ascii_words && gap && c >= 0 && c < 0x80 && !out.empty() && static_cast<unsigned char>(out.back()) < 0x80) out += ' ';
    gap = false;
    out.append(text.substr(start, i - start));
  }
  return out;
}

}  // namespace

std::string CompactTitle(std::string_view text) { return Squeeze(text, true); }

std::string Compact(std::string_view text) { return Squeeze(text, false); }

}  // namespace budgetx::normalize
