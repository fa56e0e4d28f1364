#include "extractors/pdf/page_reader.h"

#include <poppler/Error.h>
#include <poppler/ErrorCodes.h>
#include <poppler/GfxState.h>
#include <poppler/GlobalParams.h>
#include <poppler/Page.h>
#include <poppler/PDFDoc.h>
#include <poppler/SplashOutputDev.h>
#include <poppler/splash/SplashBitmap.h>
#include <poppler/Stream.h>
#include <poppler/TextOutputDev.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <mutex>

namespace budgetx::pdf_extractor {
namespace {

// Red beyond this margin over green and blue is a seal's ink, not print.
constexpr int kStampRedness = 28;

// A pixel's grey for OCR, with a red seal's ink taken for paper: stamps are pressed over the
// tables, and in grey their strokes are as dark as the digits under them. Print under the seal
// is dark in every channel and stays; a red pixel is lightened by its redness, so ink mixed
// with print keeps the print's share of darkness.
uint8_t Luminance(int r, int g, int b) { return static_cast<uint8_t>((299 * r + 587 * g + 114 * b + 500) / 1000); }

uint8_t GreyWithoutStamp(int r, int g, int b) {
  int redness = r - std::max(g, b);
  if (redness > kStampRedness) return static_cast<uint8_t>(std::min(255, r + redness));
  return Luminance(r, g, b);
}

// Segments within this many points of axis-parallel count as horizontal or vertical.
constexpr double kSkew = 0.8;
// A filled rectangle thinner than this (points) is a drawn rule, not a shaded cell.
constexpr double kMaxRuleThickness = 2.5;

bool NearWhite(const GfxRGB& rgb) {
  return colToDbl(rgb.r) > 0.95 && colToDbl(rgb.g) > 0.95 && colToDbl(rgb.b) > 0.95;
}

// Poppler's text device, which also keeps the page's ruling lines as it draws them.
class WordsAndRules : public TextOutputDev {
 public:
  WordsAndRules() : TextOutputDev(nullptr, nullptr, false, 0, false) {}

  // White strokes are rules only where they cross shading (white rules on shaded cells).
  void stroke(GfxState* state) override {
    TextOutputDev::stroke(state);
    GfxRGB rgb;
    state->getStrokeRGB(&rgb);
    AddStrokes(state, NearWhite(rgb) ? &white_rulings_ : &rulings_);
  }
  void fill(GfxState* state) override {
    TextOutputDev::fill(state);
    AddFills(state);
  }
  void eoFill(GfxState* state) override {
    TextOutputDev::eoFill(state);
    AddFills(state);
  }

  std::vector<layout::Ruling> TakeRulings() {
    for (const auto& r : white_rulings_) {
      double x = (r.x0 + r.x1) / 2, y = (r.y0 + r.y1) / 2;
      bool on_shading = std::any_of(shading_.begin(), shading_.end(), [&](const Box& b) {
        return x >= b.x0 - kMaxRuleThickness && x <= b.x1 + kMaxRuleThickness && y >= b.y0 - kMaxRuleThickness &&
               y <= b.y1 + kMaxRuleThickness;
      });
      if (on_shading) rulings_.push_back(r);
    }
    return std::move(rulings_);
  }

 private:
  static void AddSegment(double x0, double y0, double x1, double y1, std::vector<layout::Ruling>* out) {
    if (std::abs(y1 - y0) <= kSkew && std::abs(x1 - x0) > kSkew) {
      out->push_back({std::min(x0, x1), (y0 + y1) / 2, std::max(x0, x1), (y0 + y1) / 2});
    } else if (std::abs(x1 - x0) <= kSkew && std::abs(y1 - y0) > kSkew) {
      out->push_back({(x0 + x1) / 2, std::min(y0, y1), (x0 + x1) / 2, std::max(y0, y1)});
    }
  }

  void AddStrokes(GfxState* state, std::vector<layout::Ruling>* out) {
    const GfxPath* path = state->getPath();
    for (int i = 0; i < path->getNumSubpaths(); ++i) {
      const GfxSubpath* sub = path->getSubpath(i);
      int n = sub->getNumPoints();
      for (int j = 1; j <= n; ++j) {
        if (j == n && !sub->isClosed()) break;
        int a = j - 1, b = j % n;
        if (sub->getCurve(a) || sub->getCurve(b)) continue;
        double x0, y0, x1, y1;
        state->transform(sub->getX(a), sub->getY(a), &x0, &y0);
        state->transform(sub->getX(b), sub->getY(b), &x1, &y1);
        AddSegment(x0, y0, x1, y1, out);
      }
    }
  }

  // A filled axis-parallel rectangle thinner than a rule's thickness becomes one rule along it.
  void AddFills(GfxState* state) {
    GfxRGB rgb;
    state->getFillRGB(&rgb);
    if (NearWhite(rgb)) return;
    const GfxPath* path = state->getPath();
    for (int i = 0; i < path->getNumSubpaths(); ++i) {
      const GfxSubpath* sub = path->getSubpath(i);
      int n = sub->getNumPoints();
      if (n < 4 || n > 5) continue;
      double x0 = 1e18, y0 = 1e18, x1 = -1e18, y1 = -1e18;
      bool curved = false;
      for (int j = 0; j < n; ++j) {
        curved = curved || sub->getCurve(j);
        double x, y;
        state->transform(sub->getX(j), sub->getY(j), &x, &y);
        x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
      }
      if (curved) continue;
      double w = x1 - x0, h = y1 - y0;
      if (h <= kMaxRuleThickness && w > h) AddSegment(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2, &rulings_);
      else if (w <= kMaxRuleThickness && h > w) AddSegment((x0 + x1) / 2, y0, (x0 + x1) / 2, y1, &rulings_);
      else shading_.push_back({x0, y0, x1, y1});
    }
  }

  std::vector<layout::Ruling> rulings_;
  std::vector<layout::Ruling> white_rulings_;  // white strokes: rules where they cross shading
  std::vector<Box> shading_;                   // filled rectangles wider than a rule
};

std::string WordText(const TextWord& word) {
  std::string out;
  for (int i = 0; i < word.getLength(); ++i) {
    char buf[U8_MAX_LENGTH];
    int32_t n = 0;
    UBool error = false;
    U8_APPEND(buf, n, U8_MAX_LENGTH, static_cast<UChar32>(*word.getChar(i)), error);
    if (!error) out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

// Poppler reports syntax problems of damaged files through one global callback; the first
// message of the document being opened explains a failure, the rest are noise.
thread_local std::string* first_error = nullptr;

void KeepFirstError(ErrorCategory, Goffset, const char* message) {
  if (first_error && first_error->empty()) *first_error = message;
}

void InitPoppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (!globalParams) globalParams = std::make_unique<GlobalParams>();
    setErrorCallback(KeepFirstError);
  });
}

// A stream's decoded bytes, counted up to `limit` + 1 (never all of a bomb).
int64_t DecodedBytes(Stream* stream, int64_t limit) {
  unsigned char buffer[1 << 16];
  int64_t n = 0;
  stream->reset();
  for (int got; n <= limit && (got = stream->doGetChars(sizeof buffer, buffer)) > 0;) n += got;
  stream->close();
  return n;
}

}  // namespace

struct PageReader::Impl {
  std::unique_ptr<PDFDoc> doc;
};

PageReader::PageReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PageReader::~PageReader() = default;

Status PageReader::Open(const std::string& path, const std::string& bytes, const std::string& password,
                        std::unique_ptr<PageReader>* out) {
  InitPoppler();
  std::string error;
  first_error = &error;
  auto impl = std::make_unique<Impl>();
  auto* stream = new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull));
  std::optional<GooString> pw;
  if (!password.empty()) pw = GooString(password);
  impl->doc = std::make_unique<PDFDoc>(stream, pw, pw);
  first_error = nullptr;
  if (!impl->doc->isOk()) {
    if (impl->doc->getErrorCode() == errEncrypted) {
      return Status::Error(Status::Code::kUnsupported, path,
                           password.empty() ? "encrypted PDF: give the user password with --password"
                                            : "encrypted PDF: the password given does not open it");
    }
    return Status::Error(Status::Code::kBadInput, path,
                         "cannot open PDF (truncated or damaged)" + (error.empty() ? std::string() : ": " + error));
  }
  if (impl->doc->getNumPages() <= 0) return Status::Error(Status::Code::kBadInput, path, "PDF has no pages");
  out->reset(new PageReader(std::move(impl)));
  return Status::Ok();
}

int PageReader::Pages() const { return impl_->doc->getNumPages(); }

int64_t PageReader::ContentBytes(int page, int64_t limit) const {
  ::Page* p = impl_->doc->getPage(page);
  if (!p) return 0;
  int64_t total = 0;
  auto add = [&](const Object& stream) {
    if (stream.isStream() && total <= limit) total += DecodedBytes(stream.getStream(), limit - total);
  };
  Object contents = p->getContents();
  if (contents.isArray()) {
    for (int i = 0; i < contents.arrayGetLength(); ++i) add(contents.arrayGet(i));
  } else {
    add(contents);
  }
  Dict* resources = p->getResourceDict();
  Object xobjects = resources ? resources->lookup("XObject") : Object(objNull);
  for (int i = 0; xobjects.isDict() && i < xobjects.dictGetLength(); ++i) {
    Object x = xobjects.dictGetVal(i);
    if (x.isStream() && x.streamGetDict()->lookup("Subtype").isName("Form")) add(x);
  }
  return total;
}

PageContent PageReader::Read(int page) const {
  WordsAndRules device;
  impl_->doc->displayPage(&device, page, 72, 72, 0, false, false, false);
  PageContent content;
  // Poppler's reading order: flows, their blocks (a paragraph, a table cell's text), lines, words.
  int block_number = 0;
  for (const TextFlow* flow = device.getFlows(); flow; flow = flow->getNext()) {
    for (const TextBlock* block = flow->getBlocks(); block; block = block->getNext(), ++block_number) {
      for (const TextLine* line = block->getLines(); line; line = line->getNext()) {
        for (const TextWord* word = line->getWords(); word; word = word->getNext()) {
          layout::Word w;
          w.text = WordText(*word);
          word->getBBox(&w.box.x0, &w.box.y0, &w.box.x1, &w.box.y1);
          w.font_size = word->getFontSize();
          w.space_after = word->hasSpaceAfter();
          w.block = block_number;
          w.rotation = word->getRotation();
          if (!w.text.empty()) content.words.push_back(std::move(w));
        }
      }
    }
  }
  content.rulings = device.TakeRulings();
  return content;
}

GreyImage PageReader::Render(int page, int dpi, int64_t max_pixels, bool drop_stamps) const {
  const double square_inches = impl_->doc->getPageCropWidth(page) * impl_->doc->getPageCropHeight(page) / (72.0 * 72.0);
  if (square_inches > 0 && square_inches * dpi * dpi > static_cast<double>(max_pixels)) {
    dpi = std::max(1, static_cast<int>(std::sqrt(static_cast<double>(max_pixels) / square_inches)));
  }
  SplashColor paper;
  paper[0] = paper[1] = paper[2] = 255;
  SplashOutputDev device(splashModeRGB8, 1, false, paper);
  device.startDoc(impl_->doc.get());
  impl_->doc->displayPage(&device, page, dpi, dpi, 0, false, false, false);
  GreyImage image;
  SplashBitmap* bitmap = device.getBitmap();
  if (!bitmap) return image;
  image.width = bitmap->getWidth();
  image.height = bitmap->getHeight();
  image.dpi = dpi;
  image.pixels.resize(static_cast<size_t>(image.width) * static_cast<size_t>(image.height));
  const unsigned char* data = bitmap->getDataPtr();
  auto out = image.pixels.begin();
  for (int y = 0; y < image.height; ++y) {
    const unsigned char* rgb = data + static_cast<size_t>(y) * static_cast<size_t>(bitmap->getRowSize());
    for (int x = 0; x < image.width; ++x, rgb += 3) {
      *out++ = drop_stamps ? GreyWithoutStamp(rgb[0], rgb[1], rgb[2]) : Luminance(rgb[0], rgb[1], rgb[2]);
    }
  }
  return image;
}

}  // namespace budgetx::pdf_extractor
