#include "extractors/pdf/rulings.h"

#include <poppler/GfxState.h>
#include <poppler/GlobalParams.h>
#include <poppler/OutputDev.h>
#include <poppler/PDFDoc.h>
#include <poppler/Stream.h>

#include <cmath>
#include <memory>
#include <mutex>

namespace budgetx::pdf_extractor {
namespace {

// Segments within this many points of axis-parallel count as horizontal or vertical.
constexpr double kSkew = 0.8;
// A filled rectangle thinner than this (points) is a drawn rule, not a shaded cell.
constexpr double kMaxRuleThickness = 2.5;

bool NearWhite(const GfxRGB& rgb) {
  return colToDbl(rgb.r) > 0.95 && colToDbl(rgb.g) > 0.95 && colToDbl(rgb.b) > 0.95;
}

class RulingCollector : public OutputDev {
 public:
  bool upsideDown() override { return true; }
  bool useDrawChar() override { return false; }
  bool interpretType3Chars() override { return false; }
  bool needCharCount() override { return false; }

  void stroke(GfxState* state) override {
    GfxRGB rgb;
    state->getStrokeRGB(&rgb);
    if (!NearWhite(rgb)) AddStrokes(state);
  }
  void fill(GfxState* state) override { AddFills(state); }
  void eoFill(GfxState* state) override { AddFills(state); }

  std::vector<layout::Ruling> TakeRulings() { return std::move(rulings_); }

 private:
  void AddSegment(double x0, double y0, double x1, double y1) {
    if (std::abs(y1 - y0) <= kSkew && std::abs(x1 - x0) > kSkew) {
      rulings_.push_back({std::min(x0, x1), (y0 + y1) / 2, std::max(x0, x1), (y0 + y1) / 2});
    } else if (std::abs(x1 - x0) <= kSkew && std::abs(y1 - y0) > kSkew) {
      rulings_.push_back({(x0 + x1) / 2, std::min(y0, y1), (x0 + x1) / 2, std::max(y0, y1)});
    }
  }

  void AddStrokes(GfxState* state) {
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
        AddSegment(x0, y0, x1, y1);
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
      for (int j = 0; j < n; ++j) {
        if (sub->getCurve(j)) return;
        double x, y;
        state->transform(sub->getX(j), sub->getY(j), &x, &y);
        x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
      }
      double w = x1 - x0, h = y1 - y0;
      if (h <= kMaxRuleThickness && w > h) AddSegment(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2);
      else if (w <= kMaxRuleThickness && h > w) AddSegment((x0 + x1) / 2, y0, (x0 + x1) / 2, y1);
    }
  }

  std::vector<layout::Ruling> rulings_;
};

void EnsureGlobalParams() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (!globalParams) globalParams = std::make_unique<GlobalParams>();
  });
}

}  // namespace

std::vector<std::vector<layout::Ruling>> ReadRulings(const std::string& bytes, const std::string& password) {
  EnsureGlobalParams();
  auto* stream = new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull));
  std::optional<GooString> user;
  if (!password.empty()) user = GooString(password);
  PDFDoc doc(stream, user, user);
  std::vector<std::vector<layout::Ruling>> pages;
  if (!doc.isOk()) return pages;
  for (int i = 1; i <= doc.getNumPages(); ++i) {
    RulingCollector collector;
    doc.displayPage(&collector, i, 72, 72, 0, false, false, false);
    pages.push_back(collector.TakeRulings());
  }
  return pages;
}

}  // namespace budgetx::pdf_extractor
