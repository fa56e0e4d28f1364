// The PP-OCRv4 recogniser: the page's lines of text found and read by the helper process
// extractors/ocr/ppocr/recogniser.js (see its protocol); the rules found by Leptonica as for
// Tesseract, less those lying inside a line the helper found (strokes of a bold title). A line
// box that crosses a side of a grid cell is cut there and its parts read again from their ink, so
// each cell's text stays in its cell; a cell with ink and no line is read on its own, and a cell
// read unsure that holds at most a number is read by Tesseract's digit reader too. A page whose
// lines mostly stand on end is read turned clockwise, and counter-clockwise too unless that
// reads surely; the way that reads better is kept.
#include <leptonica/allheaders.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>

#include "extractors/ocr/recognisers/helper_process.h"
#include "extractors/ocr/recognisers/image.h"
#include "extractors/ocr/recognisers/recognisers.h"

namespace budgetx::ocr {
namespace {

// Pixels a rule must lie inside a line box to cut it (a box's edge may touch the rule beside it).
constexpr int kCutMargin = 4;
// Text read with less confidence than this (0..1) is noise, not text (a page of specks reads as
// lines of 0.2-0.4).
constexpr double kMinConfidence = 0.5;
// A grid cell whose lines were all read with less confidence than this, and hold at most a
// number, is read again as a number.
constexpr double kSureCell = 0.9;
// Characters a misread lone digit comes out as at most (0 as "。", 7 as "#").
constexpr size_t kLoneMark = 2;
// A line grown to the ink the detector left out (a minus, a thin 1) reads with less confidence
// than a whole line: its added character stands at the edge of the box.
constexpr double kSureExtension = 0.8;
// Pixels of a cell's sides left out when reading its number (Tesseract reads the cell whole).
constexpr int kCellInset = 1;

// Lines standing on end it takes to try reading a page turned (a few narrow cells stand too).
constexpr int kMinStanding = 5;

// A line box and where it was read from.
struct PixelLine {
  int x0, y0, x1, y1;
  std::string text;
  double confidence = 0;
};

// The page image as a PGM file the helper reads, removed with this.
class PageFile {
 public:
  explicit PageFile(PIX* grey) {
    static std::atomic<int> counter = 0;
    path_ = (std::filesystem::temp_directory_path() /
             ("budgetx-ppocr-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + ".pgm"))
                .string();
    ok_ = WritePgm(grey);
  }
  ~PageFile() { std::filesystem::remove(path_); }
  bool ok() const { return ok_; }
  const std::string& path() const { return path_; }

 private:
  // Row by row in one buffer: Leptonica's writer takes a tenth of a second more for a page.
  bool WritePgm(PIX* grey) const {
    if (pixGetDepth(grey) != 8) return false;
    const int w = pixGetWidth(grey), h = pixGetHeight(grey), wpl = pixGetWpl(grey);
    std::string bytes = "P5\n" + std::to_string(w) + " " + std::to_string(h) + "\n255\n";
    const size_t header = bytes.size();
    bytes.resize(header + static_cast<size_t>(w) * static_cast<size_t>(h));
    const l_uint32* data = pixGetData(grey);
    for (int y = 0; y < h; ++y) {
      const l_uint32* line = data + static_cast<long>(y) * wpl;
      char* row = bytes.data() + header + static_cast<size_t>(y) * static_cast<size_t>(w);
      for (int x = 0; x < w; ++x) row[x] = static_cast<char>(GET_DATA_BYTE(line, x));
    }
    std::ofstream out(path_, std::ios::binary);
    return out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())) && out.flush();
  }

  std::string path_;
  bool ok_ = false;
};

// PP-OCR reads a gap after a number's separators (118,853, 953): digits and separators only are
// one number.
std::string Tidy(std::string text) {
  bool numeric = !text.empty() && text.find_first_not_of("0123456789,.%- ") == std::string::npos;
  if (numeric) std::erase(text, ' ');
  return text;
}

bool CrossesMiddle(const layout::Ruling& r, const PixelLine& line) {
  double mid = (line.y0 + line.y1) / 2.0;
  return !r.Horizontal() && r.y0 <= mid && r.y1 >= mid;
}

// What is left of an erased rule, read as ")" or "1": one such character in a box no wider than
// tall lying on a vertical rule of the grid.
bool RuleRemnant(const PixelLine& line, const std::vector<layout::Ruling>& rulings) {
  static const std::set<std::string> kRemnants = {")", "]", "|", "I", "l", "1", "丨", "）", "】"};
  if (!kRemnants.count(line.text) || line.x1 - line.x0 > line.y1 - line.y0) return false;
  return std::any_of(rulings.begin(), rulings.end(), [&](const layout::Ruling& r) {
    return CrossesMiddle(r, line) && r.x0 >= line.x0 - kCutMargin && r.x0 <= line.x1 + kCutMargin;
  });
}

// The left and right sides of the grid's cells: the rules that part one cell's text from the
// next. A rule no grid holds may be a stroke of a bold title, as long as a short rule.
std::vector<layout::Ruling> CellSides(const std::vector<Box>& cells) {
  std::vector<layout::Ruling> sides;
  for (const auto& c : cells) {
    sides.push_back({c.x0, c.y0, c.x0, c.y1});
    sides.push_back({c.x1, c.y0, c.x1, c.y1});
  }
  return sides;
}

// The part of a line between two rules narrowed to the ink in it (the page in black and white,
// its rules erased) and a margin of a quarter of its height: a rule at the edge of the box,
// across or down, is read as a character (91,016,775.35 9); false when it holds no ink.
bool ShrinkToInk(PIX* binary, PixelLine* part) {
  if (!binary) return true;
  PixelBox ink;
  if (!InkBox(binary, {part->x0, part->y0, part->x1 - part->x0, part->y1 - part->y0}, &ink)) return false;
  const int margin = std::max(kCutMargin, ink.h / 4);
  part->x0 = std::max(part->x0, ink.x - margin);
  part->x1 = std::min(part->x1, ink.x + ink.w + margin);
  part->y0 = std::max(part->y0, ink.y - margin);
  part->y1 = std::min(part->y1, ink.y + ink.h + margin);
  return true;
}

PixelBox BoxOf(const PixelLine& line) { return {line.x0, line.y0, line.x1 - line.x0, line.y1 - line.y0}; }

// The x of each of the cells' sides that crosses the line.
std::vector<int> SidesAcross(const std::vector<layout::Ruling>& sides, const PixelLine& line) {
  std::vector<int> xs;
  for (const auto& r : sides) {
    if (CrossesMiddle(r, line)) xs.push_back(static_cast<int>(r.x0));
  }
  return xs;
}

// The line grown to ink its box left out (GrownToInk), up to the sides of its cell; false when
// there is none.
bool GrowToInk(PIX* binary, const std::vector<layout::Ruling>& sides, PixelLine* line) {
  const PixelBox box = BoxOf(*line);
  const PixelBox grown = GrownToInk(binary, box, SidesAcross(sides, *line), kCutMargin);
  if (grown.x == box.x && grown.w == box.w) return false;
  line->x0 = grown.x;
  line->x1 = grown.x + grown.w;
  return true;
}

std::vector<PixelBox> Boxes(const std::vector<PixelLine>& lines) {
  std::vector<PixelBox> boxes;
  for (const auto& l : lines) boxes.push_back(BoxOf(l));
  return boxes;
}

// Whether the centre of the line lies in the cell.
bool InCell(const Box& cell, const PixelLine& l) {
  double x = (l.x0 + l.x1) / 2.0, y = (l.y0 + l.y1) / 2.0;
  return x >= cell.x0 && x <= cell.x1 && y >= cell.y0 && y <= cell.y1;
}

bool HoldsLine(const Box& cell, const std::vector<PixelLine>& lines) {
  return std::any_of(lines.begin(), lines.end(), [&](const PixelLine& l) { return InCell(cell, l); });
}

size_t CodePoints(const std::string& text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// Digits and number marks only (2.0, -1.6, 12%).
bool IsNumber(const std::string& text) {
  return !text.empty() && text.find_first_not_of("0123456789,.%-") == std::string::npos;
}

// What a cell's lines say when they hold at most a number, misread or not: digits and number
// marks, or a character or two.
bool AtMostANumber(const std::string& text) {
  return CodePoints(text) <= kLoneMark || IsNumber(text);
}

// The x of each vertical rule that runs through the line box, left to right.
std::vector<int> Cuts(const PixelLine& line, const std::vector<layout::Ruling>& rulings) {
  std::vector<int> cuts;
  for (const auto& r : rulings) {
    if (r.Horizontal()) continue;
    int x = static_cast<int>(r.x0);
    if (x > line.x0 + kCutMargin && x < line.x1 - kCutMargin && CrossesMiddle(r, line)) cuts.push_back(x);
  }
  std::sort(cuts.begin(), cuts.end());
  return cuts;
}

// A page read in one frame: its lines, rules (points) and warnings.
struct Reading {
  std::vector<PixelLine> lines;
  std::vector<layout::Ruling> rulings;
  std::vector<Warning> warnings;
  bool sideways = false;  // most of the lines found run down or up the image
  int turns = 0;
  double pivot = 0;
};

// How much was read with confidence: the characters of sure lines, weighted by confidence.
double Evidence(const Reading& reading) {
  double sum = 0;
  for (const auto& line : reading.lines) {
    if (line.confidence >= kMinConfidence) sum += line.confidence * static_cast<double>(line.text.size());
  }
  return sum;
}

// Most of the text read, and read with confidence: the page was read the right way up (text read
// upside down comes out as other characters, unsure).
bool ReadsSurely(const Reading& reading) {
  constexpr double kSurePage = 0.9;  // mean confidence of the characters read
  double chars = 0, weighted = 0;
  for (const auto& line : reading.lines) {
    chars += static_cast<double>(line.text.size());
    weighted += line.confidence * static_cast<double>(line.text.size());
  }
  return chars > 0 && weighted >= kSurePage * chars;
}

// Lines found standing on end outnumber those lying down: a table printed sideways.
bool MostlyStanding(const std::vector<PixelLine>& lines) {
  int standing = 0, lying = 0;
  for (const auto& l : lines) {
    int w = l.x1 - l.x0, h = l.y1 - l.y0;
    if (h >= 2 * w) ++standing;
    if (w >= 2 * h) ++lying;
  }
  return standing >= kMinStanding && standing > lying;
}

// Starts the helper and asks it to load its models (the ping is answered once they are).
Status StartHelper(const Options& options, std::unique_ptr<HelperProcess>* helper) {
  const std::filesystem::path dir = options.ppocr_dir.empty() ? BUDGETX_PPOCR_DIR : options.ppocr_dir;
  Status s = HelperProcess::Start({"node", (dir / "recogniser.js").string(), "--threads", std::to_string(options.threads)}, helper);
  if (s.ok()) s = (*helper)->Send({{"op", "ping"}});
  if (!s.ok()) s.message = "PP-OCR cannot start: " + s.message + " (apt-get install -y nodejs)";
  return s;
}

class PpOcrEngine : public Engine {
 public:
  PpOcrEngine(std::unique_ptr<HelperProcess> helper, const Options& options)
      : helper_(std::move(helper)), options_(options), numbers_(OpenNumberReader(options)) {}

  RecognisedPage Read(const GreyImage& image, int page, std::vector<Warning>* warnings) override {
    if (Status s = Loaded(); !s.ok()) return Unloaded(s, image, page, warnings);
    helper_->SetDeadline(PageDeadline(options_));
    Reading best = ReadFrame(image, page, /*until_sideways=*/true);
    if (best.sideways && !helper_->killed()) best = ReadSideways(image, page, std::move(best));
    helper_->SetDeadline(std::nullopt);
    if (helper_->killed()) Restart();  // for the next page
    warnings->insert(warnings->end(), best.warnings.begin(), best.warnings.end());
    return Recognised(std::move(best), image.dpi, page, warnings);
  }

 private:
  // The helper loads its models while the first page is rendered and prepared: the ping
  // OpenPpOcr sent is answered before the first request is made.
  Status Loaded() {
    if (!waiting_) return loaded_;
    waiting_ = false;
    nlohmann::json pong;
    loaded_ = helper_->Receive(&pong);
    if (!loaded_.ok()) loaded_.message = "PP-OCR cannot start: " + loaded_.message;
    return loaded_;
  }

  // A new helper after one was stopped past a page's time limit; it loads its models while the
  // next page is prepared, as the first one did.
  void Restart() {
    helper_.reset();
    loaded_ = StartHelper(options_, &helper_);
    waiting_ = loaded_.ok();
  }

  // A page PP-OCR cannot read: read by Tesseract when the recogniser was left to budgetx
  // (--ocr-engine auto), else left unread; the warning says why.
  RecognisedPage Unloaded(const Status& why, const GreyImage& image, int page, std::vector<Warning>* warnings) {
    Status opened;
    if (!tesseract_ && options_.engine == "auto") tesseract_ = OpenTesseract(options_, &opened);
    Warning w{"ocr", why.message + (tesseract_ ? "; read by Tesseract" : "; page left unread"), {page, 0, {}, {}}};
    w.incomplete = !tesseract_;
    warnings->push_back(std::move(w));
    return tesseract_ ? tesseract_->Read(image, page, warnings) : RecognisedPage{};
  }

  // A page whose lines mostly stand on end, read turned each way until one reads surely (a
  // clockwise turn first: a wide table is printed with its top to the left), else turned the way
  // that reads better; read upright after all when neither reads better.
  Reading ReadSideways(const GreyImage& image, int page, Reading upright) {
    Reading best = std::move(upright);
    for (int turns : {3, 1}) {
      if (helper_->killed()) return best;  // out of time: the upright reading stands
      double pivot = 0;
      Reading turned = ReadFrame(TurnedUpright(image, turns, &pivot), page, false);
      turned.turns = turns;
      turned.pivot = pivot;
      const bool sure = ReadsSurely(turned);
      if (Evidence(turned) > Evidence(best)) best = std::move(turned);
      if (sure) break;
    }
    if (!best.turns) return ReadFrame(image, page, false);
    best.warnings.push_back(SidewaysWarning(best.turns, page));
    return best;
  }

  // The page read in one frame; `until_sideways`: only as far as telling that its lines mostly
  // stand on end, when they do (it is read again turned).
  Reading ReadFrame(const GreyImage& image, int page, bool until_sideways) {
    Reading out;
    PreparedPage prepared;
    if (!PrepareForReading(image, page, &out.warnings, &prepared)) return out;
    // The page as scanned, only turned upright: PP-OCR was trained on photographs of print, and
    // whitening the paper breaks the thin strokes of a title into pieces it reads as others.
    PageFile file(prepared.deskewed.get());
    Status s = file.ok() ? Detect(file.path(), &out.lines) : Status::Error(Status::Code::kIoError, "", "cannot write the page image");
    out.sideways = s.ok() && MostlyStanding(out.lines);
    if (out.sideways && until_sideways) return out;
    prepared.rulings = WithoutStrokes(prepared.rulings, Boxes(out.lines));
    out.rulings = RulingsInPoints(prepared, image.dpi);
    std::vector<Box> cells = CellsInPixels(out.rulings, image.dpi);
    if (s.ok()) s = CutAtRules(file.path(), prepared.binary.get(), CellSides(cells), &out.lines);
    if (s.ok()) s = ReadGrownLines(file.path(), prepared.binary.get(), CellSides(cells), &out.lines);
    if (s.ok()) s = ReadMissedCells(file.path(), prepared.binary.get(), cells, &out.lines);
    if (s.ok()) ReadUnsureNumbers(prepared, image.dpi, cells, &out.lines);
    if (s.ok()) SignNumbers(prepared.binary.get(), CellSides(cells), page, &out);
    if (!s.ok()) {
      out.lines.clear();
      Warning w{"ocr", "page left unread: " + s.message, {page, 0, {}, {}}};
      w.incomplete = true;
      out.warnings.push_back(std::move(w));
    }
    return out;
  }

  // The sure lines as words in points; lines too unsure to be text are dropped, and all of them
  // where they outnumber the rest (specks read as digits).
  static RecognisedPage Recognised(Reading reading, int dpi, int page, std::vector<Warning>* warnings) {
    RecognisedPage out;
    out.rulings = std::move(reading.rulings);
    out.turns = reading.turns;
    out.pivot = reading.pivot;
    const double k = 72.0 / dpi;
    int noise = 0;
    for (const auto& line : reading.lines) {
      if (line.text.empty()) continue;
      if (line.confidence < kMinConfidence) {
        ++noise;
        continue;
      }
      out.words.push_back(LineWord(line.text, {line.x0 * k, line.y0 * k, line.x1 * k, line.y1 * k}, line.confidence));
    }
    if (noise > static_cast<int>(out.words.size())) {
      noise += static_cast<int>(out.words.size());
      out.words.clear();
    }
    if (noise > 0) {
      warnings->push_back({"ocr", std::to_string(noise) + " line(s) read with too little confidence were dropped as noise",
                           {page, 0, {}, {}}});
    }
    if (out.words.empty()) warnings->push_back({"ocr", "no text found on the page image", {page, 0, {}, {}}});
    return out;
  }

 private:
  Status Detect(const std::string& path, std::vector<PixelLine>* lines) {
    nlohmann::json reply;
    Status s = helper_->Call({{"op", "det"}, {"image", path}}, &reply);
    if (!s.ok()) return s;
    for (const auto& l : reply["lines"]) {
      const auto& b = l["box"];
      lines->push_back({b[0].get<int>(), b[1].get<int>(), b[2].get<int>(), b[3].get<int>(), Tidy(l["text"].get<std::string>()),
                        l["confidence"].get<double>()});
    }
    return Status::Ok();
  }

  // Lines crossing a vertical rule are replaced by their parts between the rules, read again.
  Status CutAtRules(const std::string& path, PIX* binary, const std::vector<layout::Ruling>& rulings, std::vector<PixelLine>* lines) {
    std::vector<PixelLine> kept, parts;
    for (const auto& line : *lines) {
      if (RuleRemnant(line, rulings)) continue;
      std::vector<int> cuts = Cuts(line, rulings);
      if (cuts.empty()) {
        kept.push_back(line);
        continue;
      }
      // Each part stops short of the rules, whose remnants would be read as ")" or "1"; a part
      // narrower than half the line's height is the box's margin past a rule, not a character.
      int left = line.x0 - kCutMargin;
      const int narrowest = std::max(3 * kCutMargin, (line.y1 - line.y0) / 2);
      cuts.push_back(line.x1 + kCutMargin);
      for (int x : cuts) {
        PixelLine part{left + kCutMargin, line.y0, x - kCutMargin, line.y1, "", 0};
        if (x - left > narrowest && ShrinkToInk(binary, &part)) parts.push_back(part);
        left = x;
      }
    }
    Status s = Recognise(path, &parts);
    kept.insert(kept.end(), parts.begin(), parts.end());
    *lines = std::move(kept);
    return s;
  }

  // Numbers the detector found short of their ink (GrowToInk) read again grown; the reading is
  // kept when it is a number that holds the first and adds to it (-2.0 for 2.0, 1.3 for 3), read
  // surely enough. Text is left as found: grown, it took in its neighbours' characters (the
  // corpus' unruled target tables).
  Status ReadGrownLines(const std::string& path, PIX* binary, const std::vector<layout::Ruling>& sides, std::vector<PixelLine>* lines) {
    std::vector<PixelLine> grown;
    std::vector<size_t> which;
    for (size_t i = 0; i < lines->size(); ++i) {
      PixelLine line = (*lines)[i];
      if (!IsNumber(line.text) || !GrowToInk(binary, sides, &line)) continue;
      grown.push_back(line);
      which.push_back(i);
    }
    Status s = Recognise(path, &grown);
    for (size_t k = 0; s.ok() && k < grown.size(); ++k) {
      PixelLine& old = (*lines)[which[k]];
      const bool extends = grown[k].text.size() > old.text.size() && grown[k].text.find(old.text) != std::string::npos;
      if (IsNumber(grown[k].text) && extends && grown[k].confidence >= kSureExtension) old = grown[k];
    }
    return s;
  }

  // A number read without the minus the page prints before it (MinusBefore) takes it; the
  // warning names the numbers so signed.
  static void SignNumbers(PIX* binary, const std::vector<layout::Ruling>& sides, int page, Reading* reading) {
    std::string signed_numbers;
    for (auto& line : reading->lines) {
      if (!IsNumber(line.text) || !std::isdigit(static_cast<unsigned char>(line.text.front()))) continue;
      if (!MinusBefore(binary, BoxOf(line), SidesAcross(sides, line), kCutMargin)) continue;
      signed_numbers += (signed_numbers.empty() ? "" : ", ") + line.text;
      line.text.insert(0, "-");
    }
    if (signed_numbers.empty()) return;
    reading->warnings.push_back({"ocr", "a minus the recogniser left out was read from the image before " + signed_numbers,
                                 {page, 0, {}, {}}});
  }

  // The line finder passes over a lone 1, 一 or - in a cell (too small a box for it): each cell
  // of the grid with ink and no line in it is read whole, from the box of its ink.
  Status ReadMissedCells(const std::string& path, PIX* binary, const std::vector<Box>& cells, std::vector<PixelLine>* lines) {
    std::vector<PixelLine> missed;
    for (const auto& cell : cells) {
      PixelBox inside{static_cast<int>(cell.x0) + kCutMargin, static_cast<int>(cell.y0) + kCutMargin,
                      static_cast<int>(cell.x1 - cell.x0) - 2 * kCutMargin, static_cast<int>(cell.y1 - cell.y0) - 2 * kCutMargin};
      if (!binary || inside.w <= 0 || inside.h <= 0 || HoldsLine(cell, *lines)) continue;
      PixelBox ink;
      if (InkBox(binary, inside, &ink)) {
        missed.push_back({std::max(inside.x, ink.x - kCutMargin), std::max(inside.y, ink.y - kCutMargin),
                          std::min(inside.x + inside.w, ink.x + ink.w + kCutMargin),
                          std::min(inside.y + inside.h, ink.y + ink.h + kCutMargin), "", 0});
      }
    }
    Status s = Recognise(path, &missed);
    lines->insert(lines->end(), missed.begin(), missed.end());
    return s;
  }

  // PP-OCR reads a lone 0 or 7 among paper noise as ".", "o" or "#", unsure (one character is
  // too little for its line model); Tesseract, reading digits only, is sure of it. A cell whose
  // lines PP-OCR is unsure of, holding at most a number, takes Tesseract's reading when sure.
  void ReadUnsureNumbers(const PreparedPage& page, int dpi, const std::vector<Box>& cells, std::vector<PixelLine>* lines) {
    if (!numbers_ || !page.binary) return;
    for (const auto& cell : cells) {
      std::string text;
      bool unsure = true;
      for (const auto& l : *lines) {
        if (!InCell(cell, l)) continue;
        text += l.text;
        unsure = unsure && l.confidence < kSureCell;
      }
      PixelBox inside{static_cast<int>(cell.x0) + kCellInset, static_cast<int>(cell.y0) + kCellInset,
                      static_cast<int>(cell.x1 - cell.x0) - 2 * kCellInset, static_cast<int>(cell.y1 - cell.y0) - 2 * kCellInset};
      PixelBox ink;
      if (!unsure || !AtMostANumber(text) || inside.w <= 0 || inside.h <= 0 || !InkBox(page.binary.get(), inside, &ink)) continue;
      NumberReader::Number number = numbers_->Read(page.grey.get(), page.binary.get(), dpi, inside);
      if (!number.sure) continue;
      std::erase_if(*lines, [&](const PixelLine& l) { return InCell(cell, l); });
      lines->push_back({ink.x, ink.y, ink.x + ink.w, ink.y + ink.h, number.text, number.confidence});
    }
  }

  // Reads each line's box again and sets its text and confidence.
  Status Recognise(const std::string& path, std::vector<PixelLine>* lines) {
    if (lines->empty()) return Status::Ok();
    nlohmann::json boxes = nlohmann::json::array();
    for (const auto& p : *lines) boxes.push_back({p.x0, p.y0, p.x1 - p.x0, p.y1 - p.y0});
    nlohmann::json reply;
    Status s = helper_->Call({{"op", "rec"}, {"image", path}, {"boxes", boxes}}, &reply);
    if (!s.ok()) return s;
    for (size_t i = 0; i < lines->size() && i < reply["results"].size(); ++i) {
      (*lines)[i].text = Tidy(reply["results"][i]["text"].get<std::string>());
      (*lines)[i].confidence = reply["results"][i]["confidence"].get<double>();
    }
    return Status::Ok();
  }

  std::unique_ptr<HelperProcess> helper_;
  bool waiting_ = true;  // for the answer to the ping OpenPpOcr sent
  Status loaded_;
  Options options_;
  std::unique_ptr<NumberReader> numbers_;  // may be null: Tesseract's English data missing
  std::unique_ptr<Engine> tesseract_;      // the pages' reader when PP-OCR cannot start
};

}  // namespace

std::unique_ptr<Engine> OpenPpOcr(const Options& options, Status* status) {
  const std::filesystem::path dir = options.ppocr_dir.empty() ? BUDGETX_PPOCR_DIR : options.ppocr_dir;
  std::error_code ec;
  if (!std::filesystem::exists(dir / "node_modules" / "onnxruntime-node", ec)) {
    *status = Status::Error(Status::Code::kUnsupported, "",
                            "PP-OCR is not installed in " + dir.string() + " (scripts/setup installs it)");
    return nullptr;
  }
  std::unique_ptr<HelperProcess> helper;
  *status = StartHelper(options, &helper);
  if (!status->ok()) return nullptr;
  return std::make_unique<PpOcrEngine>(std::move(helper), options);
}

}  // namespace budgetx::ocr
