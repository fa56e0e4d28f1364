// Recovering tables from scanned pages, whose titles and headers OCR reads a little differently
// on each page.
#include <algorithm>

#include "pipeline/normalize/normalize.h"
#include "pipeline/tables/internal.h"

namespace budgetx::tables {
namespace {

constexpr double kSameHeader = 0.6;  // Similarity of a header line read twice by OCR

std::vector<std::string_view> Characters(std::string_view text) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < text.size();) {
    size_t n = 1;
    while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80) ++n;
    out.push_back(text.substr(i, n));
    i += n;
  }
  return out;
}

// Characters the two texts share in order (longest common subsequence), over their mean length: 0..1.
double Similarity(std::string_view x, std::string_view y) {
  auto a = Characters(x), b = Characters(y);
  if (a.empty() || b.empty()) return 0;
  std::vector<size_t> row(b.size() + 1, 0), above(b.size() + 1, 0);
  for (const auto& c : a) {
    for (size_t j = 1; j <= b.size(); ++j) row[j] = c == b[j - 1] ? above[j - 1] + 1 : std::max(above[j], row[j - 1]);
    std::swap(row, above);
  }
  return 2.0 * static_cast<double>(above[b.size()]) / static_cast<double>(a.size() + b.size());
}

}  // namespace

// `read` is `title` with one character, or at most one in ten, read as another (OCR's usual slip).
bool MisreadOf(std::string_view read, std::string_view title) {
  auto a = Characters(read), b = Characters(title);
  if (a.size() != b.size() || a.empty()) return false;
  size_t differ = 0;
  for (size_t i = 0; i < a.size(); ++i) differ += a[i] != b[i];
  return differ <= std::max<size_t>(1, a.size() / 10);
}

bool ReadByOcr(const LineCells& line) {
  return std::any_of(line.cells.begin(), line.cells.end(), [](const Cell& c) { return c.where.confidence.has_value(); });
}

std::optional<size_t> HeaderReadAgain(const std::vector<LineCells>& lines, size_t i, size_t header_lines,
                                      const std::set<std::string>& header) {
  std::optional<size_t> last;
  for (size_t k = i; k < lines.size() && k < i + header_lines; ++k) {
    const LineCells& line = lines[k];
    if (!line.cell_delimited || line.numeric > 0 || line.where.page != lines[i].where.page || !ReadByOcr(line)) break;
    std::string text = normalize::Compact(line.text);
    if (std::any_of(header.begin(), header.end(),
                    [&](const std::string& printed) { return Similarity(text, printed) >= kSameHeader; })) {
      last = k;
    }
  }
  return last;
}

}  // namespace budgetx::tables
