#include "extractors/pdf/pdf_extractor.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>

#include "extractors/pdf/rulings.h"
#include "extractors/pdf/text_layer.h"
#include "pipeline/model/sha256.h"

namespace budgetx::pdf_extractor {
namespace {

// Poppler reports syntax problems of damaged files on stderr; they are summarised by the Status
// instead, so the first message is kept and the rest dropped.
void KeepFirstError(const std::string& message, void* closure) {
  auto* first = static_cast<std::string*>(closure);
  if (first->empty()) *first = message;
}

std::string ToUtf8(const poppler::ustring& s) {
  poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

std::vector<layout::Word> PageWords(const poppler::page& page) {
  std::vector<layout::Word> words;
  for (const auto& box : page.text_list(poppler::page::text_list_include_font)) {
    poppler::rectf r = box.bbox();
    layout::Word w;
    w.text = ToUtf8(box.text());
    w.box = {r.left(), r.top(), r.right(), r.bottom()};
    w.font_size = box.has_font_info() ? box.get_font_size() : r.height();
    w.space_after = box.has_space_after();
    if (!w.text.empty()) words.push_back(std::move(w));
  }
  return words;
}

Status Open(const std::string& path, const std::string& bytes, const Options& options,
            std::unique_ptr<poppler::document>* doc) {
  if (bytes.empty()) return Status::Error(Status::Code::kBadInput, path, "empty file");
  if (bytes.compare(0, 5, "%PDF-") != 0 && bytes.find("%PDF-") > 1024) {
    return Status::Error(Status::Code::kBadInput, path, "not a PDF (no %PDF- header)");
  }
  std::string poppler_error;
  poppler::set_debug_error_function(KeepFirstError, &poppler_error);
  doc->reset(poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size()), "",
                                                    options.password));
  poppler::set_debug_error_function(KeepFirstError, &poppler_error);
  if (!*doc) {
    return Status::Error(Status::Code::kBadInput, path,
                         "cannot open PDF (truncated or damaged)" +
                             (poppler_error.empty() ? std::string() : ": " + poppler_error));
  }
  if ((*doc)->is_locked()) {
    return Status::Error(Status::Code::kUnsupported, path,
                         options.password.empty() ? "encrypted PDF: give the user password with --password"
                                                  : "encrypted PDF: the password given does not open it");
  }
  if ((*doc)->pages() <= 0) return Status::Error(Status::Code::kBadInput, path, "PDF has no pages");
  return Status::Ok();
}

}  // namespace

Status Extract(const std::string& path, const Options& options, Document* out) {
  *out = Document{};
  out->path = path;
  out->source_kind = "pdf";
  std::ifstream file(path, std::ios::binary);
  if (!file) return Status::Error(Status::Code::kNotFound, path, "cannot open file");
  std::ostringstream buffer;
  buffer << file.rdbuf();
  std::string bytes = buffer.str();
  out->sha256 = Sha256Hex(bytes);
  std::unique_ptr<poppler::document> doc;
  Status s = Open(path, bytes, options, &doc);
  if (!s.ok()) return s;
  std::vector<std::vector<layout::Ruling>> rulings = ReadRulings(bytes, options.password);
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    Page p;
    p.number = i + 1;
    if (!page) {
      p.needs_ocr = true;
      out->warnings.push_back({"extract", "page cannot be read", {p.number, 0, {}, {}}});
      out->pages.push_back(std::move(p));
      continue;
    }
    std::vector<layout::Word> words = PageWords(*page);
    TextLayerVerdict verdict = JudgeTextLayer(words, options.max_unmapped_share);
    if (!verdict.usable) {
      p.needs_ocr = true;
      out->warnings.push_back({"extract", verdict.cause + "; the page needs OCR", {p.number, 0, {}, {}}});
    } else {
      static const std::vector<layout::Ruling> kNone;
      const auto& page_rulings = static_cast<size_t>(i) < rulings.size() ? rulings[static_cast<size_t>(i)] : kNone;
      p.lines = layout::LayOutPage(std::move(words), page_rulings, p.number);
    }
    out->pages.push_back(std::move(p));
  }
  return Status::Ok();
}

}  // namespace budgetx::pdf_extractor
