#include "extractors/ocr/recognisers/recognisers.h"

#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <dlfcn.h>

#include <algorithm>

#include "extractors/ocr/recognisers/image.h"

namespace budgetx::ocr {
namespace {

// Text read with less confidence than this (0..1) outside any table is noise, not text.
constexpr double kMinLineConfidence = 0.4;
// Pixels kept clear of a cell's rules when reading it: the rules themselves are erased before
// reading, and numbers are often set flush against the right one.
constexpr int kCellInset = 1;
constexpr int kMinCellPixels = 8;
// A cell read with less confidence than this is read again another way.
constexpr double kRetryBelow = 0.6;
// A reading with digits only this confident is the cell's number.
constexpr double kSureNumber = 0.85;
// Orientation detection's confidence it takes to read a page turned; it looks at a page at half
// resolution, enough for the shapes of lines of text.
constexpr float kSureOrientation = 2.0f;
constexpr float kOrientationScale = 0.5f;

// Tesseract's OpenMP threads spin on each other (a wide page took 6x longer with two of them);
// parallelism comes from documents. OpenMP reads OMP_THREAD_LIMIT when it is loaded, with this
// module, so the variable cannot be set from here: parallel regions are made inactive instead,
// through the runtime Tesseract was linked with, when there is one.
void RunOpenMpSingleThreaded() {
  using SetMaxActiveLevels = void (*)(int);
  void* runtime = dlopen("libgomp.so.1", RTLD_LAZY | RTLD_NOLOAD);
  if (!runtime) return;
  auto set = reinterpret_cast<SetMaxActiveLevels>(dlsym(runtime, "omp_set_max_active_levels"));
  if (set) set(0);
  dlclose(runtime);
}

bool Ascii(unsigned char c) { return c < 0x80; }

// Tesseract's text of one cell or line: lines of a wrapped cell joined (without a space between
// CJK characters), rule remnants (| at the edges) and surrounding blanks removed.
std::string Clean(const char* raw) {
  std::string text;
  std::string s = raw ? raw : "";
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\n') {
      text += s[i];
      continue;
    }
    bool latin = !text.empty() && Ascii(static_cast<unsigned char>(text.back())) && i + 1 < s.size() &&
                 Ascii(static_cast<unsigned char>(s[i + 1]));
    if (latin) text += ' ';
  }
  auto edge = [](char c) { return c == ' ' || c == '|' || c == '\t' || c == '\f'; };
  size_t b = 0, e = text.size();
  while (b < e && edge(text[b])) ++b;
  while (e > b && edge(text[e - 1])) --e;
  return text.substr(b, e - b);
}

std::string TakeText(char* raw) {
  std::string text = Clean(raw);
  delete[] raw;
  return text;
}

Box ToPoints(double x0, double y0, double x1, double y1, int dpi) {
  double k = 72.0 / dpi;
  return {x0 * k, y0 * k, x1 * k, y1 * k};
}

// A cell whose first reading is mostly digits and number marks is read again as a number.
bool LooksNumeric(const std::string& text) {
  int numeric = 0, other = 0;
  for (unsigned char c : text) {
    if ((c >= '0' && c <= '9') || c == '.' || c == ',' || c == '%' || c == '-') ++numeric;
    else if (c != ' ') ++other;
  }
  return numeric > 0 && numeric >= 2 * other;
}

struct Reading {
  std::string text;
  double confidence = 0;
};

// White around the text: Tesseract's line finder misses text that touches the image's edge.
constexpr int kCellPadding = 12;

// Text lines shorter than this (pixels) are enlarged to about kGoodLinePixels before reading,
// at most kMaxScale times: Tesseract misreads small print (a wide table shrunk onto the page), but
// enlarging further blurs the strokes of a compressed scan more than it helps.
constexpr int kSmallLinePixels = 18;
constexpr double kGoodLinePixels = 36;
constexpr double kMaxScale = 2;

double ScaleFor(int line_height) {
  if (line_height <= 0 || line_height >= kSmallLinePixels) return 1;
  return std::min(kMaxScale, kGoodLinePixels / line_height);
}

// The region of `page`, copied (enlarged by `scale`) with a white border, read on its own.
Reading ReadRegion(tesseract::TessBaseAPI* api, PIX* page, int dpi, tesseract::PageSegMode mode, int x, int y, int w, int h,
             double scale = 1) {
  PixPtr clip = Clip(page, x, y, w, h);
  Reading r;
  if (!clip) return r;
  if (scale > 1) {
    PixPtr larger(pixScale(clip.get(), static_cast<float>(scale), static_cast<float>(scale)));
    if (larger) clip = std::move(larger);
  }
  PixPtr padded(pixAddBorder(clip.get(), kCellPadding, pixGetDepth(clip.get()) == 1 ? 0 : 255));
  if (!padded) return r;
  api->SetImage(padded.get());
  api->SetSourceResolution(static_cast<int>(dpi * scale));
  api->SetPageSegMode(mode);
  r.text = TakeText(api->GetUTF8Text());
  r.confidence = api->MeanTextConf() / 100.0;
  return r;
}

// Tesseract with digits and number marks only: no CJK look-alikes.
class Numbers : public NumberReader {
 public:
  bool Init(const Options& options) {
    const char* data = options.tessdata.empty() ? nullptr : options.tessdata.c_str();
    if (api_.Init(data, "eng", tesseract::OEM_LSTM_ONLY) != 0) return false;
    api_.SetVariable("tessedit_char_whitelist", "0123456789.,-%");
    api_.SetVariable("debug_file", "/dev/null");
    return true;
  }

  // Read from the grey page first; grey shades can mislead where black and white may not.
  Reading ReadNumber(PIX* grey, PIX* binary, int dpi, int x, int y, int w, int h, double scale) {
    Reading number = ReadRegion(&api_, grey, dpi, tesseract::PSM_SINGLE_LINE, x, y, w, h, scale);
    if (Sure(number) || !binary || !LooksNumeric(number.text)) return number;
    Reading sharp = ReadRegion(&api_, binary, dpi, tesseract::PSM_SINGLE_LINE, x, y, w, h, scale);
    return sharp.confidence > number.confidence && LooksNumeric(sharp.text) ? sharp : number;
  }

  static bool Sure(const Reading& r) { return r.confidence >= kSureNumber && LooksNumeric(r.text); }

  NumberReader::Number Read(PIX* grey, PIX* binary, int dpi, const PixelBox& box) override {
    int line = binary ? LineHeight(binary, box.x, box.y, box.w, box.h) : 0;
    Reading r = ReadNumber(grey, binary, dpi, box.x, box.y, box.w, box.h, ScaleFor(line));
    return {r.text, r.confidence, Sure(r)};
  }

 private:
  tesseract::TessBaseAPI api_;
};

class TesseractEngine : public Engine {
 public:
  RecognisedPage Read(const GreyImage& image, int page, std::vector<Warning>* warnings) override;
  RecognisedPage ReadTurned(const GreyImage& image, int page, std::vector<Warning>* warnings);
  RecognisedPage ReadUpright(const GreyImage& image, int page, std::vector<Warning>* warnings);

  tesseract::TessBaseAPI api;
  Numbers numbers;
  tesseract::TessBaseAPI orientation;  // "osd": which way up a page's text is printed
  bool has_orientation = false;
  Options options;

  // The page's time limit; once past it (late), no further cell or line is read.
  std::optional<std::chrono::steady_clock::time_point> deadline;
  bool late = false;
  bool Late() {
    if (!late && deadline && std::chrono::steady_clock::now() >= *deadline) late = true;
    return late;
  }

  PIX* page = nullptr;    // the page whose cells are read
  PIX* binary = nullptr;  // the same page in black and white
  int dpi = 300;
  std::vector<int> line_heights;  // of the cells read on this page

  // The page's usual height of a line of text in its cells; 0 when no cell was read.
  int TypicalLineHeight() {
    if (line_heights.empty()) return 0;
    std::nth_element(line_heights.begin(), line_heights.begin() + static_cast<long>(line_heights.size() / 2),
                     line_heights.end());
    return line_heights[line_heights.size() / 2];
  }

  void SetImage(PIX* pix, int resolution) {
    page = pix;
    dpi = resolution;
    api.SetImage(pix);
    api.SetSourceResolution(resolution);
  }

  // A cell's text. Most cells of a budget table are numbers: read first with digits only, and
  // taken when read with confidence. Otherwise the cell is read as text; a number read again
  // with digits only; a reading of little confidence tried again as one line further inside the
  // rules (remnants of a rule mislead).
  Reading ReadCell(int x, int y, int w, int h) {
    int line = binary ? LineHeight(binary, x, y, w, h) : 0;
    if (line > 0) line_heights.push_back(line);
    const double s = ScaleFor(line);
    Reading number = numbers.ReadNumber(page, binary, dpi, x, y, w, h, s);
    if (Numbers::Sure(number)) return number;
    Reading best = ReadRegion(&api, page, dpi, tesseract::PSM_SINGLE_BLOCK, x, y, w, h, s);
    if (best.confidence < kRetryBelow && w > 2 * kCellInset && h > 2 * kCellInset) {
      Reading again = ReadRegion(&api, page, dpi, tesseract::PSM_SINGLE_LINE, x + kCellInset, y + kCellInset,
                           w - 2 * kCellInset, h - 2 * kCellInset, s);
      if (again.confidence > best.confidence) best = again;
    }
    if ((best.text.empty() || best.confidence < kRetryBelow) && binary) {
      // Tesseract's own thresholding of a grey cell can lose faint text among JPEG noise.
      Reading sharp = ReadRegion(&api, binary, dpi, tesseract::PSM_SINGLE_BLOCK, x, y, w, h, s);
      if (best.text.empty() || sharp.confidence > best.confidence) best = sharp;
    }
    if (!best.text.empty() && (LooksNumeric(best.text) || best.confidence < kRetryBelow)) {
      bool prefer = LooksNumeric(best.text) ? !number.text.empty() : number.confidence > best.confidence;
      if (prefer) best = number;
    }
    return best;
  }

  // Each grid cell read on its own: whole-page layout analysis misses most numbers of a table.
  void ReadCells(const std::vector<Box>& cells, std::vector<layout::Word>* words) {
    for (const auto& c : cells) {
      if (Late()) return;
      int x = static_cast<int>(c.x0) + kCellInset, y = static_cast<int>(c.y0) + kCellInset;
      int w = static_cast<int>(c.x1 - c.x0) - 2 * kCellInset, h = static_cast<int>(c.y1 - c.y0) - 2 * kCellInset;
      if (w < kMinCellPixels || h < kMinCellPixels || !HasInk(binary, x, y, w, h)) continue;
      Reading r = ReadCell(x, y, w, h);
      if (r.text.empty()) continue;
      layout::Word word;
      word.text = r.text;
      word.box = ToPoints(x, y, x + w, y + h, dpi);
      word.font_size = word.box.y1 - word.box.y0;
      word.confidence = r.confidence;
      words->push_back(std::move(word));
    }
  }

  // Text outside the grids in small print, line by line from our own line finder (Tesseract's
  // page layout misses small lines), each line enlarged like a cell.
  int ReadSmallLines(PIX* grey, PIX* ink, int resolution, std::vector<layout::Word>* words) {
    int noise = 0;
    for (const auto& line : TextLines(ink)) {
      if (Late()) break;
      int x = std::max(0, line.x - 2), y = std::max(0, line.y - 2);
      Reading r = ReadRegion(&api, grey, resolution, tesseract::PSM_SINGLE_LINE, x, y, line.w + 4, line.h + 4,
                       ScaleFor(line.h));
      if (r.text.empty()) continue;
      if (r.confidence < kMinLineConfidence) {
        ++noise;
        continue;
      }
      words->push_back(LineWord(r.text, ToPoints(x, y, x + line.w + 4, y + line.h + 4, resolution), r.confidence));
    }
    return noise;
  }

  // Text outside the grids (titles, units, running text), line by line.
  int ReadLines(PIX* page, int dpi, std::vector<layout::Word>* words) {
    SetImage(page, dpi);
    api.SetPageSegMode(tesseract::PSM_AUTO);
    if (Late()) return 0;
    tesseract::ETEXT_DESC monitor;  // stops the page's layout analysis at the deadline
    if (deadline) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - std::chrono::steady_clock::now());
      monitor.set_deadline_msecs(static_cast<int32_t>(std::clamp<int64_t>(left.count(), 1, INT32_MAX)));
    }
    const bool read = api.Recognize(&monitor) == 0;
    if (Late() || !read) return 0;
    std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
    int noise = 0;
    if (!it || it->Empty(tesseract::RIL_TEXTLINE)) return 0;
    do {
      std::string text = TakeText(it->GetUTF8Text(tesseract::RIL_TEXTLINE));
      double confidence = it->Confidence(tesseract::RIL_TEXTLINE) / 100.0;
      int x0, y0, x1, y1;
      if (text.empty() || !it->BoundingBox(tesseract::RIL_TEXTLINE, &x0, &y0, &x1, &y1)) continue;
      if (confidence < kMinLineConfidence) {
        ++noise;
        continue;
      }
      words->push_back(LineWord(text, ToPoints(x0, y0, x1, y1, dpi), confidence));
    } while (it->Next(tesseract::RIL_TEXTLINE));
    return noise;
  }
};

}  // namespace

std::optional<std::chrono::steady_clock::time_point> PageDeadline(const Options& options) {
  if (options.page_seconds <= 0) return std::nullopt;
  return std::chrono::steady_clock::now() +
         std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(options.page_seconds));
}

std::unique_ptr<Engine> OpenTesseract(const Options& options, Status* status) {
  RunOpenMpSingleThreaded();
  auto engine = std::make_unique<TesseractEngine>();
  engine->options = options;
  const char* data = options.tessdata.empty() ? nullptr : options.tessdata.c_str();
  if (engine->api.Init(data, options.languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0 || !engine->numbers.Init(options)) {
    *status = Status::Error(Status::Code::kUnsupported, "",
                            "Tesseract cannot load the language data '" + options.languages +
                                "' (apt-get install -y tesseract-ocr-chi-sim tesseract-ocr-eng)");
    return nullptr;
  }
  // Without Debian's osd data (tesseract-ocr-osd) pages are read as they lie.
  engine->has_orientation = engine->orientation.Init(data, "osd", tesseract::OEM_TESSERACT_ONLY) == 0;
  if (engine->has_orientation) engine->orientation.SetPageSegMode(tesseract::PSM_OSD_ONLY);
  for (auto* api : {&engine->api, &engine->orientation}) api->SetVariable("debug_file", "/dev/null");
  *status = Status::Ok();
  return engine;
}

std::unique_ptr<NumberReader> OpenNumberReader(const Options& options) {
  RunOpenMpSingleThreaded();
  auto numbers = std::make_unique<Numbers>();
  if (!numbers->Init(options)) return nullptr;
  return numbers;
}

// Quarter turns clockwise (1 or 3) the page's text is printed at when it is printed sideways,
// else 0; upside-down pages are not turned.
int PrintedTurns(tesseract::TessBaseAPI* osd, const GreyImage& image) {
  PixPtr pix = ToPix(image);
  PixPtr half(pix ? pixScale(pix.get(), kOrientationScale, kOrientationScale) : nullptr);
  if (!half) return 0;
  osd->SetImage(half.get());
  osd->SetSourceResolution(static_cast<int>(image.dpi * kOrientationScale));
  int degrees = 0;
  float confidence = 0, script_confidence = 0;
  const char* script = nullptr;
  if (!osd->DetectOrientationScript(&degrees, &confidence, &script, &script_confidence)) return 0;
  if (confidence < kSureOrientation || (degrees != 90 && degrees != 270)) return 0;
  return degrees / 90;
}

RecognisedPage TesseractEngine::Read(const GreyImage& image, int page, std::vector<Warning>* warnings) {
  deadline = PageDeadline(options);
  late = false;
  RecognisedPage out = ReadTurned(image, page, warnings);
  if (late) {
    char limit[32];
    std::snprintf(limit, sizeof limit, "%g", options.page_seconds);
    Warning w{"ocr", std::string("the recogniser ran past the page's time limit of ") + limit +
                         " s (--page-timeout): the rest of the page is unread",
              {page, 0, {}, {}}};
    w.incomplete = true;
    warnings->push_back(std::move(w));
  }
  return out;
}

RecognisedPage TesseractEngine::ReadTurned(const GreyImage& image, int page, std::vector<Warning>* warnings) {
  int turns = has_orientation ? PrintedTurns(&orientation, image) : 0;
  if (!turns) return ReadUpright(image, page, warnings);
  double pivot = 0;
  RecognisedPage out = ReadUpright(TurnedUpright(image, turns, &pivot), page, warnings);
  out.turns = turns;
  out.pivot = pivot;
  warnings->push_back(SidewaysWarning(turns, page));
  return out;
}

RecognisedPage TesseractEngine::ReadUpright(const GreyImage& image, int page, std::vector<Warning>* warnings) {
  PreparedPage prepared;
  if (!PrepareForReading(image, page, warnings, &prepared)) return {};
  std::vector<layout::Ruling> rulings = RulingsInPoints(prepared, image.dpi);
  std::vector<Box> cells = CellsInPixels(rulings, image.dpi);
  std::vector<layout::Word> words;
  SetImage(prepared.grey.get(), image.dpi);
  binary = prepared.binary.get();
  line_heights.clear();
  ReadCells(cells, &words);
  // The rest of the page with the cells blanked out, so table text is not read twice.
  PixPtr rest(pixCopy(nullptr, prepared.grey.get()));
  PixPtr rest_ink(pixCopy(nullptr, prepared.binary.get()));
  for (const auto& c : cells) {
    BOX* box = boxCreate(static_cast<int>(c.x0), static_cast<int>(c.y0), static_cast<int>(c.x1 - c.x0) + 1,
                         static_cast<int>(c.y1 - c.y0) + 1);
    pixSetInRect(rest.get(), box);
    pixClearInRect(rest_ink.get(), box);
    boxDestroy(&box);
  }
  binary = nullptr;
  double small = ScaleFor(TypicalLineHeight());
  int noise = small > 1 ? ReadSmallLines(rest.get(), rest_ink.get(), image.dpi, &words)
                        : ReadLines(rest.get(), image.dpi, &words);
  if (noise > 0) {
    warnings->push_back({"ocr", std::to_string(noise) + " line(s) read with too little confidence were dropped as noise",
                         {page, 0, {}, {}}});
  }
  if (words.empty()) warnings->push_back({"ocr", "no text found on the page image", {page, 0, {}, {}}});
  return {std::move(words), std::move(rulings)};
}

}  // namespace budgetx::ocr
