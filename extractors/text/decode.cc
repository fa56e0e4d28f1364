#include "extractors/text/decode.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf8.h>

#include <memory>
#include <string>

namespace budgetx::text_extractor {
namespace {

// Offset of the first byte that is not well-formed UTF-8, or npos.
size_t FirstInvalidUtf8(std::string_view bytes) {
  int32_t i = 0, n = static_cast<int32_t>(bytes.size());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes.data(), i, n, c);
    if (c < 0) return static_cast<size_t>(start);
  }
  return std::string_view::npos;
}

// Converts with ICU; counts substitutions so that garbage is refused rather than emitted.
Status Convert(const std::string& path, std::string_view bytes, const char* charset, std::string* utf8) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(charset, &err), ucnv_close);
  if (U_FAILURE(err)) {
    return Status::Error(Status::Code::kUnsupported, path, std::string("no ICU converter for ") + charset);
  }
  int32_t capacity = static_cast<int32_t>(bytes.size()) * 3 + 16;
  utf8->assign(static_cast<size_t>(capacity), '\0');
  int32_t len = ucnv_toAlgorithmic(UCNV_UTF8, conv.get(), utf8->data(), capacity, bytes.data(),
                                   static_cast<int32_t>(bytes.size()), &err);
  if (U_FAILURE(err)) {
    return Status::Error(Status::Code::kBadInput, path,
                         std::string("cannot decode as ") + charset + ": " + u_errorName(err));
  }
  utf8->resize(static_cast<size_t>(len));
  size_t replaced = 0, chars = 0;
  for (size_t i = 0; i < utf8->size(); ++i) {
    if ((static_cast<unsigned char>((*utf8)[i]) & 0xC0) != 0x80) ++chars;
    // ICU substitutes U+FFFD (or SUB for some charsets) for bytes it cannot map.
    if (utf8->compare(i, 3, "\xEF\xBF\xBD") == 0 || (*utf8)[i] == '\x1A') ++replaced;
  }
  if (replaced * 100 > chars) {
    return Status::Error(Status::Code::kBadInput, path,
                         std::string("not text: ") + std::to_string(replaced) + " of " +
                             std::to_string(chars) + " characters undecodable as " + charset);
  }
  return Status::Ok();
}

std::string DetectChineseCharset(std::string_view bytes) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> det(ucsdet_open(&err), ucsdet_close);
  if (U_FAILURE(err)) return "GB18030";
  ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &err);
  const UCharsetMatch* match = ucsdet_detect(det.get(), &err);
  if (U_FAILURE(err) || match == nullptr) return "GB18030";
  std::string name = ucsdet_getName(match, &err);
  // GB18030 is a superset of GBK and GB2312; Big5 is kept when ICU is sure of it.
  if (name == "Big5" || name.rfind("UTF-16", 0) == 0) return name;
  return "GB18030";
}

}  // namespace

Status DecodeToUtf8(const std::string& path, std::string_view bytes, std::string* utf8,
                    std::string* encoding) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
    *encoding = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    return Convert(path, bytes.substr(2), encoding->c_str(), utf8);
  }
  if (bytes.find('\0') != std::string_view::npos) {
    return Status::Error(Status::Code::kBadInput, path,
                         "not text: NUL byte at offset " + std::to_string(bytes.find('\0')));
  }
  size_t controls = 0;
  for (char c : bytes) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') ++controls;
  }
  // GB18030 maps nearly every byte sequence, so decoding alone cannot tell text from binary.
  if (controls * 100 > bytes.size()) {
    return Status::Error(Status::Code::kBadInput, path,
                         "not text: " + std::to_string(controls) + " control bytes in " +
                             std::to_string(bytes.size()));
  }
  size_t bad = FirstInvalidUtf8(bytes);
  if (bad == std::string_view::npos) {
    *encoding = "UTF-8";
    utf8->assign(bytes);
    return Status::Ok();
  }
  *encoding = DetectChineseCharset(bytes);
  Status s = Convert(path, bytes, encoding->c_str(), utf8);
  if (!s.ok()) s.message += " (first invalid UTF-8 byte at offset " + std::to_string(bad) + ")";
  return s;
}

}  // namespace budgetx::text_extractor
