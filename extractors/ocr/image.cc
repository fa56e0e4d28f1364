#include "extractors/ocr/image.h"

#include <algorithm>
#include <cmath>

namespace budgetx::ocr {
namespace {

// Skew below this is left alone: rotating resamples the image for nothing.
constexpr double kMinSkewDegrees = 0.1;
// A rule is at least this long (inches); the longest stroke of a character is shorter.
constexpr double kMinRuleInches = 0.2;
// and at most this thick (inches).
constexpr double kMaxRuleInches = 0.04;
// Fewer dark pixels than this in a cell are specks, not text.
constexpr int kMinInkPixels = 12;

PixPtr Binarize(PIX* grey) {
  PIX* binary = nullptr;
  if (pixOtsuAdaptiveThreshold(grey, 2000, 2000, 0, 0, 0.1f, nullptr, &binary) != 0 || !binary) {
    binary = pixConvertTo1(grey, 160);
  }
  return PixPtr(binary);
}

// The connected runs left after opening `binary` with a brick of w × h pixels, as rules.
void AddRules(PIX* binary, int w, int h, bool horizontal, int max_thickness, std::vector<layout::Ruling>* out) {
  PixPtr opened(pixOpenBrick(nullptr, binary, w, h));
  if (!opened) return;
  // Bridge the small breaks a scan leaves in a printed line.
  PixPtr closed(pixCloseBrick(nullptr, opened.get(), horizontal ? 9 : 1, horizontal ? 1 : 9));
  BOXA* boxes = pixConnCompBB(closed ? closed.get() : opened.get(), 8);
  if (!boxes) return;
  for (int i = 0; i < boxaGetCount(boxes); ++i) {
    l_int32 x, y, bw, bh;
    if (boxaGetBoxGeometry(boxes, i, &x, &y, &bw, &bh) != 0) continue;
    if (horizontal && bh <= max_thickness) {
      double cy = y + bh / 2.0;
      out->push_back({static_cast<double>(x), cy, static_cast<double>(x + bw), cy});
    } else if (!horizontal && bw <= max_thickness) {
      double cx = x + bw / 2.0;
      out->push_back({cx, static_cast<double>(y), cx, static_cast<double>(y + bh)});
    }
  }
  boxaDestroy(&boxes);
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

// Paper lighter than a third of the way from the ink/paper split to the paper's grey becomes
// white: scanner noise and JPEG speckle in the background mislead Tesseract's own thresholding of
// a cell, while the grey edges of the strokes, which help it read, are kept.
void WhitenPaper(PIX* grey) {
  l_int32 split = 0, paper = 0;
  if (pixSplitDistributionFgBg(grey, 0.1f, 1, &split, nullptr, &paper, nullptr) != 0 || split <= 0) return;
  pixThresholdToValue(grey, grey, split + (paper - split) / 3, 255);
}

PreparedPage Prepare(const GreyImage& image) {
  PreparedPage page;
  page.grey = ToPix(image);
  if (!page.grey) return page;
  l_float32 angle = 0, confidence = 0;
  PixPtr deskewed(pixFindSkewAndDeskew(page.grey.get(), 0, &angle, &confidence));
  if (deskewed && std::abs(angle) >= kMinSkewDegrees && confidence > 0) {
    page.grey = std::move(deskewed);
    page.skew_degrees = angle;
  }
  page.binary = Binarize(page.grey.get());
  PIX* binary = page.binary.get();
  if (!binary) return page;
  int rule = std::max(20, static_cast<int>(kMinRuleInches * image.dpi));
  int thickness = std::max(3, static_cast<int>(kMaxRuleInches * image.dpi));
  AddRules(binary, rule, 1, true, thickness, &page.rulings);
  AddRules(binary, 1, rule, false, thickness, &page.rulings);
  WhitenPaper(page.grey.get());
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

bool HasInk(PIX* binary, int x, int y, int w, int h) {
  BOX* box = boxCreate(x, y, w, h);
  l_int32 count = 0;
  bool ink = box && pixCountPixelsInRect(binary, box, &count, nullptr) == 0 && count >= kMinInkPixels;
  boxDestroy(&box);
  return ink;
}

}  // namespace budgetx::ocr
