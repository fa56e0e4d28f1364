// Outline numbers opening a label (一、 （一） 1. (1) 1.1): the rows' printed hierarchy.
#include <initializer_list>

#include "pipeline/normalize/normalize.h"

namespace budgetx::normalize {
namespace {

// Removes `prefix` from the front of *s when it is there.
bool Consume(std::string_view* s, std::string_view prefix) {
  if (s->substr(0, prefix.size()) != prefix) return false;
  s->remove_prefix(prefix.size());
  return true;
}

bool ConsumeAny(std::string_view* s, std::initializer_list<std::string_view> options) {
  for (std::string_view o : options) {
    if (Consume(s, o)) return true;
  }
  return false;
}

// Counts the Chinese numerals (一 … 十) opening *s and removes them.
int ConsumeChineseNumerals(std::string_view* s) {
  int n = 0;
  while (ConsumeAny(s, {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"})) ++n;
  return n;
}

int ConsumeDigits(std::string_view* s) {
  int n = 0;
  while (!s->empty() && s->front() >= '0' && s->front() <= '9') {
    s->remove_prefix(1);
    ++n;
  }
  return n;
}

}  // namespace

int OutlineLevel(std::string_view label, std::string_view* rest) {
  std::string_view s = label;
  bool open = ConsumeAny(&s, {"(", "（"});
  int numerals = ConsumeChineseNumerals(&s);
  int digits = numerals ? 0 : ConsumeDigits(&s);
  if (!numerals && !digits) return 0;
  int level = 0;
  if (open) {
    if (ConsumeAny(&s, {")", "）"})) level = numerals ? 2 : 4;
  } else if (numerals) {
    if (ConsumeAny(&s, {"、"})) level = 1;
  } else if (ConsumeAny(&s, {".", "、", "．"})) {
    // 1.1, 1.1.1 … number the items under 1. (after (1), which is rarely mixed with them).
    level = 3;
    while (ConsumeDigits(&s) > 0) {
      level = level == 3 ? 5 : level + 1;
      if (!ConsumeAny(&s, {".", "．"})) break;
    }
  }
  if (level > 0 && rest) *rest = s;
  return level;
}

std::string CompactWithoutOutline(std::string_view label) {
  std::string compact = Compact(label);
  std::string_view rest;
  return OutlineLevel(compact, &rest) > 0 ? std::string(rest) : compact;
}

}  // namespace budgetx::normalize
