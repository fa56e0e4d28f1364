// Turning the command line's files and folders into jobs.
#include <algorithm>
#include <filesystem>
#include <system_error>

#include "pipeline/batch/batch.h"
#include "pipeline/model/sha256.h"

namespace budgetx::batch {
namespace {

namespace fs = std::filesystem;

bool IsDocument(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".pdf" || ext == ".txt" || ext == ".html" || ext == ".htm";
}

std::string WithoutExtension(const fs::path& p) { return (p.parent_path() / p.stem()).generic_string(); }

void Walk(const fs::path& root, std::vector<Job>* jobs, std::vector<std::string>* problems) {
  std::error_code ec;
  std::vector<fs::path> found;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && IsDocument(it->path())) found.push_back(it->path());
  }
  if (ec) problems->push_back(root.string() + ": cannot read folder: " + ec.message());
  else if (found.empty()) problems->push_back(root.string() + ": no .pdf, .txt or .html file in this folder (name other files one by one)");
  std::sort(found.begin(), found.end());
  for (const auto& p : found) {
    jobs->push_back({p.string(), WithoutExtension(p.lexically_relative(root)), fs::file_size(p, ec), ""});
  }
}

}  // namespace

void HashContents(std::vector<Job>* jobs) {
  for (auto& job : *jobs) {
    if (!Sha256OfFile(job.path, &job.sha256).ok()) job.sha256.clear();
  }
}

std::vector<Job> FindInputs(const std::vector<std::string>& paths, std::vector<std::string>* problems) {
  std::vector<Job> jobs;
  for (const auto& arg : paths) {
    fs::path p(arg);
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      problems->push_back(arg + ": no such file or folder");
    } else if (fs::is_directory(st)) {
      Walk(p, &jobs, problems);
    } else {
      // A file named on the command line is taken whatever its extension (a dump may be .csv).
      jobs.push_back({arg, p.stem().string(), fs::file_size(p, ec), ""});
    }
  }
  return jobs;
}

}  // namespace budgetx::batch
