// Write: the review folder — page images, then index.html from the template.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <utility>

#include "pipeline/review/review.h"
#include "pipeline/review/review_template.h"  // generated from page.html by CMake

namespace budgetx::review {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

constexpr std::string_view kTitleSlot = "{{title}}";
constexpr std::string_view kDataSlot = "{{data}}";

std::string EscapeHtml(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// JSON that cannot end its script element or open a comment in it: <, > and & only occur inside
// strings, where their \u escapes mean the same.
std::string ScriptSafeJson(const ordered_json& data) {
  const std::string json = data.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else out += c;
  }
  return out;
}

Status WriteFile(const fs::path& path, const std::string& bytes) {
  const fs::path temporary = path.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return Status::Error(Status::Code::kIoError, path.string(), "cannot write the review file");
  }
  std::error_code error;
  fs::rename(temporary, path, error);
  if (error) return Status::Error(Status::Code::kIoError, path.string(), "cannot write the review file: " + error.message());
  return Status::Ok();
}

// Pages printed sideways: their turns and pivot, by page number.
std::map<int, std::pair<int, double>> SidewaysPages(const ordered_json& source) {
  std::map<int, std::pair<int, double>> out;
  for (const auto& p : source.value("sideways_pages", ordered_json::array())) {
    out[p.value("page", 0)] = {p.value("turns", 0), p.value("pivot", 0.0)};
  }
  return out;
}

std::string ImageName(int number) {
  char name[32];
  std::snprintf(name, sizeof name, "page-%04d.webp", number);
  return name;
}

void RemoveEarlierImages(const fs::path& dir) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("page-", 0) == 0 && entry.path().extension() == ".webp") fs::remove(entry.path(), error);
  }
}

Status WriteImages(const ordered_json& source, const PageImages& render, const Options& options, const fs::path& dir,
                   std::vector<PageView>* views, Written* written) {
  const auto sideways = SidewaysPages(source);
  return render(options.dpi, [&](int number, GreyImage image) {
    auto turned = sideways.find(number);
    if (turned != sideways.end()) image = ToReadingFrame(image, turned->second.first, turned->second.second);
    std::string webp;
    if (!EncodeWebp(image, options.quality, &webp)) {
      return Status::Error(Status::Code::kInternal, (dir / ImageName(number)).string(), "the page image could not be encoded", 0, number);
    }
    BUDGETX_RETURN_IF_ERROR(WriteFile(dir / ImageName(number), webp));
    const double points_per_pixel = 72.0 / image.dpi;
    views->push_back({number, ImageName(number), image.width * points_per_pixel, image.height * points_per_pixel});
    written->pages += 1;
    written->bytes += static_cast<int64_t>(webp.size());
    return Status::Ok();
  });
}

std::string Title(const ordered_json& doc) {
  std::string title = doc.value("document", ordered_json::object()).value("title", "");
  const std::string path = doc["source"].value("path", "");
  if (title.empty()) title = fs::path(path).filename().string();
  return title;
}

}  // namespace

std::string FillTemplate(const std::string& title, const nlohmann::ordered_json& data) {
  const std::string_view page = kPageTemplate;
  const size_t title_at = page.find(kTitleSlot), data_at = page.find(kDataSlot);
  std::string out(page.substr(0, title_at));
  out += EscapeHtml(title);
  out += page.substr(title_at + kTitleSlot.size(), data_at - title_at - kTitleSlot.size());
  out += ScriptSafeJson(data);
  out += page.substr(data_at + kDataSlot.size());
  return out;
}

Status Write(const nlohmann::ordered_json& doc, const Source& source, const Options& options, const std::string& dir,
             Written* written) {
  *written = Written{};
  if (!doc.is_object() || !doc.contains("source") || !doc["source"].is_object()) {
    return Status::Error(Status::Code::kBadInput, dir, "not a budgetx document (no source)");
  }
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) return Status::Error(Status::Code::kIoError, dir, "cannot create the review folder: " + error.message());
  RemoveEarlierImages(dir);
  std::vector<PageView> views;
  if (source.pages) BUDGETX_RETURN_IF_ERROR(WriteImages(doc["source"], source.pages, options, dir, &views, written));
  const std::string html = FillTemplate("budgetx review: " + Title(doc), ReviewData(doc, views, source.lines));
  BUDGETX_RETURN_IF_ERROR(WriteFile(fs::path(dir) / "index.html", html));
  written->bytes += static_cast<int64_t>(html.size());
  return Status::Ok();
}

}  // namespace budgetx::review
