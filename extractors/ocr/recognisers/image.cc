#include "extractors/ocr/recognisers/image.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace budgetx::ocr {
namespace {

// Skew below this is left alone: rotating resamples the image for nothing.
constexpr double kMinSkewDegrees = 0.1;
// A horizontal rule this share of the page wide or wider tells the skew left after deskewing
// by the text; its ends are measured over this share of its length.
constexpr int kSkewRuleShare = 4;   // a quarter of the page
constexpr int kSkewRuleEnds = 10;   // a tenth at each end
// A rule is at least this long (inches); the longest stroke of a character is shorter.
constexpr double kMinRuleInches = 0.2;
// and at most this thick (inches).
constexpr double kMaxRuleInches = 0.04;
// A rule that meets no rule across it is at least this long (inches): a table ruled one way only
// is ruled across its whole width, while the strokes at the foot of a line of small characters,
// bridged by a scan's grey fringe, make runs a few characters long.
constexpr double kMinLoneRuleInches = 1.0;
// Fewer dark pixels than this in a cell are specks, not text.
constexpr int kMinInkPixels = 12;

// The page's grey levels: where ink ends and paper begins, and the paper's own grey.
struct Greys {
  int split = 0, paper = 0;
};

Greys GreysOf(PIX* grey) {
  Greys g;
  if (pixSplitDistributionFgBg(grey, 0.1f, 1, &g.split, nullptr, &g.paper, nullptr) != 0) g = {};
  return g;
}

// Ink for finding rules: what is darker than its surroundings (a black top-hat, closing minus
// the page, over kHatPixels) by a quarter of the paper's distance to the ink/paper split. A
// hairline rule scanned and JPEG-compressed, or a rule printed grey, comes out light grey (175-210
// on paper of 250), which the text's threshold loses along much of its length; a header shaded
// grey is no darker than its surroundings and stays paper, and the rules across it stay rules.
// Paper noise does not form runs as long as a rule. A page with more than kMaxInkShare of its
// pixels that dark is a page of noise: none (the text's threshold is used instead).
PixPtr RuleInk(PIX* grey, const Greys& g) {
  constexpr double kMaxInkShare = 0.2;
  constexpr int kHatPixels = 15;  // wider than any rule is thick
  if (g.split <= 0 || g.paper <= g.split) return PixPtr();
  PixPtr hat(pixTophat(grey, kHatPixels, kHatPixels, L_TOPHAT_BLACK));
  PixPtr paper_light(hat ? pixInvert(nullptr, hat.get()) : nullptr);
  if (!paper_light) return PixPtr();
  PixPtr ink(pixThresholdToBinary(paper_light.get(), 255 - (g.paper - g.split) / 4));
  l_int32 dark = 0;
  if (!ink || pixCountPixels(ink.get(), &dark, nullptr) != 0) return PixPtr();
  double share = static_cast<double>(dark) / (static_cast<double>(pixGetWidth(grey)) * pixGetHeight(grey));
  return share <= kMaxInkShare ? std::move(ink) : PixPtr();
}

PixPtr Binarize(PIX* grey) {
  PIX* binary = nullptr;
  if (pixOtsuAdaptiveThreshold(grey, 2000, 2000, 0, 0, 0.1f, nullptr, &binary) != 0 || !binary) {
    binary = pixConvertTo1(grey, 160);
  }
  return PixPtr(binary);
}

// A rule found on the page: its box in pixels and its direction.
struct Rule {
  l_int32 x = 0, y = 0, w = 0, h = 0;
  bool horizontal = true;

  bool Meets(const Rule& o) const {
    constexpr int kReach = 4;  // pixels a rule may stop short of the one it meets
    return x <= o.x + o.w + kReach && o.x <= x + w + kReach && y <= o.y + o.h + kReach && o.y <= y + h + kReach;
  }
};

// The vertical centre of the ink in a rectangle of a black-and-white image.
bool InkCentreY(PIX* pix, int x, int y, int w, int h, double* centre) {
  PixPtr clip = Clip(pix, x, y, w, h);
  l_float32 cx = 0, cy = 0;
  if (!clip || pixCentroid(clip.get(), nullptr, nullptr, &cx, &cy) != 0) return false;
  *centre = y + cy;
  return true;
}

// The pixels across a run per pixel along it, in `box` of the image of runs: a rule of 10 pixels
// tilted by a tenth of a degree spans a box 15 high over 3,000 pixels.
double MeanThickness(PIX* runs, const PixelBox& box, bool horizontal) {
  PixPtr run = Clip(runs, box.x, box.y, box.w, box.h);
  l_int32 pixels = 0;
  if (!run || pixCountPixels(run.get(), &pixels, nullptr) != 0) return horizontal ? box.h : box.w;
  return static_cast<double>(pixels) / (horizontal ? box.w : box.h);
}

// The skew left in the page's long horizontal rules, found in `ink` (RuleInk) (degrees, as
// pixRotate turns: clockwise positive): the median slope between the centres of each rule's two
// ends. Deskewing by the text of a page that is mostly a table can leave a few tenths of a
// degree, and a rule 2,800 pixels long that drifts by 14 is too thick a run to be taken for a
// rule. Runs thicker on average than `max_thickness` (a block of shading) are not rules. 0
// without such rules.
double RuleSkewDegrees(PIX* ink, int rule_length, int max_thickness) {
  PixPtr runs(pixOpenBrick(nullptr, ink, rule_length, 1));
  BOXA* boxes = runs ? pixConnCompBB(runs.get(), 8) : nullptr;
  if (!boxes) return 0;
  std::vector<double> slopes;
  for (int i = 0; i < boxaGetCount(boxes); ++i) {
    l_int32 x, y, w, h;
    if (boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h) != 0 || w < pixGetWidth(ink) / kSkewRuleShare) continue;
    if (MeanThickness(runs.get(), {x, y, w, h}, true) > max_thickness) continue;
    const int end = w / kSkewRuleEnds;
    double left = 0, right = 0;
    if (InkCentreY(runs.get(), x, y, end, h, &left) && InkCentreY(runs.get(), x + w - end, y, end, h, &right)) {
      slopes.push_back((right - left) / (w - end));
    }
  }
  boxaDestroy(&boxes);
  if (slopes.empty()) return 0;
  std::nth_element(slopes.begin(), slopes.begin() + static_cast<long>(slopes.size() / 2), slopes.end());
  return std::atan(slopes[slopes.size() / 2]) * 180 / M_PI;
}

// The connected runs left after opening `ink` with a brick of w × h pixels, no thicker than
// `max_thickness` (on average: a long rule left a little tilted spans a thicker box). `runs`
// receives the opened image, whose pixels the rules are.
std::vector<Rule> FindRules(PIX* ink, int w, int h, bool horizontal, int max_thickness, PixPtr* runs) {
  std::vector<Rule> rules;
  PixPtr opened(pixOpenBrick(nullptr, ink, w, h));
  if (!opened) return rules;
  // Bridge the small breaks a scan leaves in a printed line.
  PixPtr closed(pixCloseBrick(nullptr, opened.get(), horizontal ? 9 : 1, horizontal ? 1 : 9));
  *runs = closed ? std::move(closed) : std::move(opened);
  BOXA* boxes = pixConnCompBB(runs->get(), 8);
  if (!boxes) return rules;
  for (int i = 0; i < boxaGetCount(boxes); ++i) {
    Rule r;
    r.horizontal = horizontal;
    if (boxaGetBoxGeometry(boxes, i, &r.x, &r.y, &r.w, &r.h) != 0) continue;
    const int thickness = horizontal ? r.h : r.w;
    if (thickness <= max_thickness || MeanThickness(runs->get(), {r.x, r.y, r.w, r.h}, horizontal) <= max_thickness) {
      rules.push_back(r);
    }
  }
  boxaDestroy(&boxes);
  return rules;
}

bool MeetsAny(const Rule& rule, const std::vector<Rule>& others) {
  return std::any_of(others.begin(), others.end(), [&](const Rule& o) { return rule.Meets(o); });
}

// `rules` less the runs that meet none of `across` and are shorter than `lone_length` pixels.
std::vector<Rule> WithoutShortLoneRuns(std::vector<Rule> rules, const std::vector<Rule>& across, int lone_length) {
  std::erase_if(rules, [&](const Rule& r) {
    return !MeetsAny(r, across) && (r.horizontal ? r.w : r.h) < lone_length;
  });
  return rules;
}

// Whether the rule lies inside the line of text: within its ends (give or take kReach), and
// within a quarter of its height above and below (the ink of a bold title is taller than the band
// its remaining strokes make).
bool Inside(const Rule& r, const PixelBox& line) {
  constexpr int kReach = 4;
  const int above = std::max(kReach, line.h / 4);
  return r.x >= line.x - kReach && r.x + r.w <= line.x + line.w + kReach && r.y >= line.y - above &&
         r.y + r.h <= line.y + line.h + above;
}

// Which of `rules` are strokes of large print taken for rules (a bold title at 150 dpi, whose
// strokes cross into a small grid): those lying inside one of the lines of text, meeting no rule
// outside it. A table's rules run past its text: a column's sides down the table, a row's
// borders across it, and the sides of a one-row table meet its borders.
std::vector<bool> Strokes(const std::vector<PixelBox>& lines, const std::vector<Rule>& rules) {
  std::vector<bool> stroke(rules.size(), false);
  for (const auto& line : lines) {
    std::vector<size_t> inside;
    for (size_t i = 0; i < rules.size(); ++i) {
      if (Inside(rules[i], line)) inside.push_back(i);
    }
    bool alone = std::all_of(inside.begin(), inside.end(), [&](size_t i) {
      for (size_t j = 0; j < rules.size(); ++j) {
        if (!Inside(rules[j], line) && rules[i].Meets(rules[j])) return false;
      }
      return true;
    });
    if (alone) {
      for (size_t i : inside) stroke[i] = true;
    }
  }
  return stroke;
}

// The rules across and down less the strokes among them.
void DropStrokes(const std::vector<PixelBox>& lines, std::vector<Rule>* across, std::vector<Rule>* down) {
  std::vector<Rule> all = *across;
  all.insert(all.end(), down->begin(), down->end());
  std::vector<bool> stroke = Strokes(lines, all);
  across->clear();
  down->clear();
  for (size_t i = 0; i < all.size(); ++i) {
    if (!stroke[i]) (all[i].horizontal ? across : down)->push_back(all[i]);
  }
}

layout::Ruling ToRuling(const Rule& r) {
  if (r.horizontal) {
    double cy = r.y + r.h / 2.0;
    return {static_cast<double>(r.x), cy, static_cast<double>(r.x + r.w), cy};
  }
  double cx = r.x + r.w / 2.0;
  return {cx, static_cast<double>(r.y), cx, static_cast<double>(r.y + r.h)};
}

// The pixels of the rules that meet a rule across them (the borders of a table, not a long stroke
// of a large character), with their grey fringe, made paper: a rule touching a cell's text
// (numbers set flush against the cell's right border) makes Tesseract lose the text next to it.
void EraseBorders(const std::vector<Rule>& across, const std::vector<Rule>& down, PIX* across_runs, PIX* down_runs,
                  PIX* grey, PIX* binary) {
  PixPtr borders(pixCreateTemplate(binary));
  if (!borders) return;
  auto erase = [&](const std::vector<Rule>& rules, const std::vector<Rule>& others, PIX* runs) {
    for (const Rule& r : rules) {
      if (MeetsAny(r, others)) pixRasterop(borders.get(), r.x, r.y, r.w, r.h, PIX_SRC | PIX_DST, runs, r.x, r.y);
    }
  };
  if (across_runs && down_runs) {
    erase(across, down, across_runs);
    erase(down, across, down_runs);
  }
  PixPtr fringe(pixDilateBrick(nullptr, borders.get(), 3, 3));
  if (!fringe) return;
  pixSetMasked(grey, fringe.get(), 0xff);
  pixSubtract(binary, binary, fringe.get());
}

// The black-and-white page less the runs taken for rules: its text, to find its lines by.
PixPtr WithoutRuns(PIX* binary, PIX* across_runs, PIX* down_runs) {
  PixPtr text(pixCopy(nullptr, binary));
  for (PIX* runs : {across_runs, down_runs}) {
    if (text && runs) pixSubtract(text.get(), text.get(), runs);
  }
  return text;
}

}  // namespace

PixPtr ToPix(const GreyImage& image) {
  PIX* pix = pixCreate(image.width, image.height, 8);
  if (!pix) return PixPtr();
  pixSetResolution(pix, image.dpi, image.dpi);
  l_uint32* data = pixGetData(pix);
  int wpl = pixGetWpl(pix);
  for (int y = 0; y < image.height; ++y) {
    l_uint32* line = data + static_cast<long>(y) * wpl;
    const uint8_t* row = image.pixels.data() + static_cast<long>(y) * image.width;
    for (int x = 0; x < image.width; ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  return PixPtr(pix);
}

namespace {

// Paper lighter than three fifths of the way from the ink/paper split to the paper's grey becomes
// white: scanner noise and JPEG speckle in the background mislead Tesseract's own thresholding of
// a cell, while the grey edges of the strokes, which help it read, are kept (at a third of the
// way, the thin strokes of small print in a strongly compressed scan broke up).
void WhitenPaper(PIX* grey, const Greys& g) {
  if (g.split <= 0) return;
  pixThresholdToValue(grey, grey, g.split + (g.paper - g.split) * 3 / 5, 255);
}

}  // namespace

PreparedPage Prepare(const GreyImage& image) {
  PreparedPage page;
  page.grey = ToPix(image);
  if (!page.grey) return page;
  l_float32 angle = 0, confidence = 0;
  PixPtr scanned(pixClone(page.grey.get()));
  PixPtr deskewed(pixFindSkewAndDeskew(page.grey.get(), 0, &angle, &confidence));
  // Leptonica hands back the page itself when it is not sure enough of the angle to turn it.
  if (deskewed && deskewed.get() != scanned.get() && std::abs(angle) >= kMinSkewDegrees && confidence > 0) {
    page.grey = std::move(deskewed);
    page.skew_degrees = angle;
  }
  int rule = std::max(20, static_cast<int>(kMinRuleInches * image.dpi));
  int thickness = std::max(3, static_cast<int>(kMaxRuleInches * image.dpi));
  Greys greys = GreysOf(page.grey.get());
  PixPtr rule_ink = RuleInk(page.grey.get(), greys);
  double left = rule_ink ? RuleSkewDegrees(rule_ink.get(), rule, thickness) : 0;
  if (std::abs(left) >= kMinSkewDegrees) {
    // The page as scanned, turned once by both angles: each turn resamples the page, and blurs
    // its hairlines.
    const double total = page.skew_degrees - left;
    PixPtr turned(pixRotate(scanned.get(), static_cast<float>(total * M_PI / 180), L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
    if (turned) {
      page.grey = std::move(turned);
      page.skew_degrees = total;
      greys = GreysOf(page.grey.get());
      rule_ink = RuleInk(page.grey.get(), greys);
    }
  }
  page.binary = Binarize(page.grey.get());
  PIX* binary = page.binary.get();
  if (!binary) return page;
  PIX* rules = rule_ink ? rule_ink.get() : binary;
  PixPtr across_runs, down_runs;
  std::vector<Rule> across = FindRules(rules, rule, 1, true, thickness, &across_runs);
  std::vector<Rule> down = FindRules(rules, 1, rule, false, thickness, &down_runs);
  const int lone = static_cast<int>(kMinLoneRuleInches * image.dpi);
  std::tie(across, down) = std::pair(WithoutShortLoneRuns(across, down, lone), WithoutShortLoneRuns(down, across, lone));
  DropStrokes(TextLines(WithoutRuns(binary, across_runs.get(), down_runs.get()).get()), &across, &down);
  for (const auto* set : {&across, &down}) {
    for (const Rule& r : *set) page.rulings.push_back(ToRuling(r));
  }
  page.deskewed.reset(pixCopy(nullptr, page.grey.get()));
  EraseBorders(across, down, across_runs.get(), down_runs.get(), page.grey.get(), binary);
  WhitenPaper(page.grey.get(), greys);
  return page;
}

namespace {

// Runs of consecutive entries above `min_ink` in a projection: [start, end) pairs.
std::vector<std::pair<int, int>> Runs(NUMA* counts, int min_ink, int max_gap) {
  std::vector<std::pair<int, int>> runs;
  int n = numaGetCount(counts);
  for (int i = 0; i < n; ++i) {
    l_int32 ink = 0;
    numaGetIValue(counts, i, &ink);
    if (ink <= min_ink) continue;
    if (!runs.empty() && i - runs.back().second <= max_gap) runs.back().second = i + 1;
    else runs.push_back({i, i + 1});
  }
  return runs;
}

}  // namespace

PixPtr Clip(PIX* pix, int x, int y, int w, int h) {
  BOX* box = boxCreate(x, y, w, h);
  PixPtr clip(box ? pixClipRectangle(pix, box, nullptr) : nullptr);
  boxDestroy(&box);
  return clip;
}

int LineHeight(PIX* binary, int x, int y, int w, int h) {
  PixPtr clip = Clip(binary, x, y, w, h);
  NUMA* rows = clip ? pixCountPixelsByRow(clip.get(), nullptr) : nullptr;
  if (!rows) return 0;
  std::vector<int> heights;
  for (auto [y0, y1] : Runs(rows, 1, 0)) {
    if (y1 - y0 >= 3) heights.push_back(y1 - y0);
  }
  numaDestroy(&rows);
  if (heights.empty()) return 0;
  std::nth_element(heights.begin(), heights.begin() + static_cast<long>(heights.size() / 2), heights.end());
  return heights[heights.size() / 2];
}

std::vector<PixelBox> TextLines(PIX* binary) {
  constexpr int kMinTextHeight = 6;  // pixels; flatter bands are rules or specks
  std::vector<PixelBox> lines;
  NUMA* rows = pixCountPixelsByRow(binary, nullptr);
  if (!rows) return lines;
  for (auto [y0, y1] : Runs(rows, 2, 2)) {
    int h = y1 - y0;
    if (h < kMinTextHeight) continue;
    PixPtr band = Clip(binary, 0, y0, pixGetWidth(binary), h);
    NUMA* columns = band ? pixCountPixelsByColumn(band.get()) : nullptr;
    if (!columns) continue;
    for (auto [x0, x1] : Runs(columns, 0, 3 * h)) lines.push_back({x0, y0, x1 - x0, h});
    numaDestroy(&columns);
  }
  numaDestroy(&rows);
  return lines;
}

bool PrepareForReading(const GreyImage& image, int page, std::vector<Warning>* warnings, PreparedPage* out) {
  *out = Prepare(image);
  if (!out->grey || !out->binary) {
    warnings->push_back({"ocr", "page image cannot be read", {page, 0, {}, {}}});
    return false;
  }
  if (out->skew_degrees != 0) {
    warnings->push_back({"ocr", "page was skewed by " + std::to_string(out->skew_degrees) + " degrees; deskewed before reading",
                         {page, 0, {}, {}}});
  }
  return true;
}

GreyImage TurnedUpright(const GreyImage& image, int turns, double* pivot) {
  GreyImage out;
  out.width = image.height;
  out.height = image.width;
  out.dpi = image.dpi;
  out.pixels.resize(image.pixels.size());
  const size_t w = static_cast<size_t>(image.width), h = static_cast<size_t>(image.height);
  // Turned back a quarter counter-clockwise for 1 (x' = y, y' = w - x), clockwise for 3
  // (x' = h - y, y' = x): the frames of layout's Page::turns.
  for (size_t y = 0; y < h; ++y) {
    for (size_t x = 0; x < w; ++x) {
      size_t to = turns == 1 ? (w - 1 - x) * h + y : x * h + (h - 1 - y);
      out.pixels[to] = image.pixels[y * w + x];
    }
  }
  *pivot = static_cast<double>(turns == 1 ? w : h) * 72.0 / image.dpi;
  return out;
}

Warning SidewaysWarning(int turns, int page) {
  return {"ocr", std::string("page printed sideways: read turned ") + (turns == 1 ? "counter-clockwise" : "clockwise") +
                     "; its boxes are in that frame",
          {page, 0, {}, {}}};
}

std::vector<layout::Ruling> RulingsInPoints(const PreparedPage& page, int dpi) {
  const double k = 72.0 / dpi;
  std::vector<layout::Ruling> out;
  for (const auto& r : page.rulings) out.push_back({r.x0 * k, r.y0 * k, r.x1 * k, r.y1 * k});
  return out;
}

std::vector<Box> CellsInPixels(const std::vector<layout::Ruling>& rulings_in_points, int dpi) {
  const double k = dpi / 72.0;
  std::vector<Box> cells = layout::GridCellBoxes(rulings_in_points);
  for (auto& c : cells) c = {c.x0 * k, c.y0 * k, c.x1 * k, c.y1 * k};
  return cells;
}

layout::Word LineWord(std::string text, const Box& points, double confidence) {
  layout::Word word;
  word.text = std::move(text);
  word.box = points;
  word.font_size = points.y1 - points.y0;
  word.space_after = true;
  word.confidence = confidence;
  return word;
}

std::vector<layout::Ruling> WithoutStrokes(const std::vector<layout::Ruling>& rulings, const std::vector<PixelBox>& lines) {
  std::vector<Rule> rules;
  for (const auto& r : rulings) {
    const bool across = r.Horizontal();
    rules.push_back({static_cast<l_int32>(r.x0), static_cast<l_int32>(r.y0), across ? static_cast<l_int32>(r.x1 - r.x0) : 1,
                     across ? 1 : static_cast<l_int32>(r.y1 - r.y0), across});
  }
  std::vector<bool> stroke = Strokes(lines, rules);
  std::vector<layout::Ruling> kept;
  for (size_t i = 0; i < rulings.size(); ++i) {
    if (!stroke[i]) kept.push_back(rulings[i]);
  }
  return kept;
}

namespace {

bool ColumnHasInk(PIX* binary, int x, int y0, int y1) {
  const l_uint32* data = pixGetData(binary);
  const int wpl = pixGetWpl(binary);
  for (int y = y0; y < y1; ++y) {
    if (GET_DATA_BIT(data + static_cast<long>(y) * wpl, x)) return true;
  }
  return false;
}

// The farthest column of ink from `from` going `step` (-1 left, +1 right) before a gap of half
// the line's height or `limit` (`from` when there is none), and how many columns hold ink.
int InkEdge(PIX* binary, const PixelBox& line, int from, int step, int limit, int* columns) {
  const int y0 = line.y + line.h / 5, y1 = line.y + line.h - line.h / 5;  // the line's middle
  int edge = from, gap = 0;
  *columns = 0;
  for (int x = from + step; x != limit && gap <= line.h / 2; x += step) {
    if (ColumnHasInk(binary, x, y0, y1)) {
      edge = x;
      gap = 0;
      ++*columns;
    } else {
      ++gap;
    }
  }
  return edge;
}

}  // namespace

PixelBox GrownToInk(PIX* binary, const PixelBox& line, const std::vector<int>& sides, int margin) {
  if (!binary || line.h <= 0 || line.w <= 0 || line.y < 0 || line.y + line.h > pixGetHeight(binary)) return line;
  const int w = pixGetWidth(binary);
  const int x0 = std::clamp(line.x, 0, w - 1), x1 = std::clamp(line.x + line.w - 1, 0, w - 1);
  int left = 0, right = w - 1;
  for (int x : sides) {
    if (x <= x0 + margin) left = std::max(left, x + margin);
    if (x >= x1 - margin) right = std::min(right, x - margin);
  }
  const int stroke = std::max(2, line.h / 12);  // columns of ink of a thin 1; a speck has fewer
  int left_ink = 0, right_ink = 0;
  const int grown0 = left < x0 ? InkEdge(binary, line, x0, -1, left - 1, &left_ink) : x0;
  const int grown1 = right > x1 ? InkEdge(binary, line, x1, +1, right + 1, &right_ink) : x1;
  PixelBox out = line;
  if (left_ink >= stroke) out.x = std::max(0, grown0 - margin);
  const int end = right_ink >= stroke ? std::min(w, grown1 + 1 + margin) : line.x + line.w;
  out.w = end - out.x;
  return out;
}

bool HasInk(PIX* binary, int x, int y, int w, int h) {
  BOX* box = boxCreate(x, y, w, h);
  l_int32 count = 0;
  bool ink = box && pixCountPixelsInRect(binary, box, &count, nullptr) == 0 && count >= kMinInkPixels;
  boxDestroy(&box);
  return ink;
}

bool InkBox(PIX* binary, const PixelBox& in, PixelBox* out) {
  if (!HasInk(binary, in.x, in.y, in.w, in.h)) return false;
  PixPtr clip = Clip(binary, in.x, in.y, in.w, in.h);
  BOX* ink = nullptr;
  if (!clip || pixClipToForeground(clip.get(), nullptr, &ink) != 0 || !ink) return false;
  int x = 0, y = 0, w = 0, h = 0;
  boxGetGeometry(ink, &x, &y, &w, &h);
  boxDestroy(&ink);
  *out = {in.x + x, in.y + y, w, h};
  return true;
}

namespace {

std::vector<PixelBox> Components(PIX* binary, const PixelBox& in) {
  std::vector<PixelBox> out;
  PixPtr clip = Clip(binary, in.x, in.y, in.w, in.h);
  BOXA* boxes = clip ? pixConnCompBB(clip.get(), 8) : nullptr;
  for (int i = 0; boxes && i < boxaGetCount(boxes); ++i) {
    PixelBox b;
    if (boxaGetBoxGeometry(boxes, i, &b.x, &b.y, &b.w, &b.h) == 0) out.push_back({in.x + b.x, in.y + b.y, b.w, b.h});
  }
  boxaDestroy(&boxes);
  std::sort(out.begin(), out.end(), [](const PixelBox& a, const PixelBox& b) { return a.x < b.x; });
  return out;
}

// A minus beside a digit `digit` high whose top is at `top`: a bar at most a fifth of the digit
// thick lying across its middle (30–80% down), at least twice as long as thick, a quarter to a
// whole digit long.
bool IsMinus(const PixelBox& bar, int top, int digit) {
  const double middle = (bar.y + bar.h / 2.0 - top) / digit;
  return bar.h <= std::max(2, digit / 5) && bar.w >= 2 * bar.h && bar.w >= digit / 4 && bar.w <= digit &&
         middle >= 0.3 && middle <= 0.8;
}

}  // namespace

bool MinusBefore(PIX* binary, const PixelBox& line, const std::vector<int>& sides, int margin) {
  if (!binary || line.w <= 0 || line.h <= 0) return false;
  int left = std::max(0, line.x - line.h);
  for (int x : sides) {
    if (x <= line.x + margin) left = std::max(left, x + margin);
  }
  const std::vector<PixelBox> ink = Components(binary, {left, line.y, line.x + line.w - left, line.h});
  int digit = 0;  // the height of the tallest piece of ink: a digit's
  for (const auto& c : ink) digit = std::max(digit, c.h);
  auto first = std::find_if(ink.begin(), ink.end(), [&](const PixelBox& c) { return 5 * c.h >= 3 * digit; });
  if (digit == 0 || first == ink.end()) return false;
  // Before the first digit, specks aside, there is the minus alone, close to the digit.
  std::vector<PixelBox> before;
  for (auto c = ink.begin(); c != first; ++c) {
    if (c->w * c->h >= kMinInkPixels / 4 && c->x + c->w <= first->x) before.push_back(*c);
  }
  if (before.size() != 1) return false;
  // A minus stands apart from the digit by about a stroke; a piece of the digit's own stroke
  // lies closer (the crossbar of a 4 broken off its stem in a faint scan).
  const PixelBox& bar = before.front();
  const int gap = first->x - (bar.x + bar.w);
  return gap >= std::max(2, first->h / 8) && gap <= first->h / 2 && IsMinus(bar, first->y, first->h);
}

}  // namespace budgetx::ocr
