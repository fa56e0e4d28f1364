// The folder sink: one JSON file per document, a manifest for resuming, exports rebuilt on Close.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pipeline/sinks/internal.h"

namespace budgetx::sinks {
namespace {

namespace fs = std::filesystem;

Status IoError(const fs::path& path, const std::string& what) {
  return Status::Error(Status::Code::kIoError, path.string(), what);
}

class FolderStore : public Store {
 public:
  explicit FolderStore(const Options& options)
      : dir_(options.out_dir), formats_(options.formats), fdp_measures_(options.fdp_measures) {}

  Status Open() {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) return IoError(dir_, "cannot create folder: " + ec.message());
    RemoveLeftovers();
    return ReadManifest();
  }

  bool Has(const std::string& sha256) const override { return files_.count(sha256) > 0; }

  Status Put(const batch::Job& job, const batch::Result& result) override {
    std::string sha = result.head["source"].value("sha256", job.sha256);
    std::string file = FileFor(job.name, sha);
    fs::path path = dir_ / file;
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    fs::path tmp = path;
    tmp += ".tmp";
    fs::copy_file(result.json_path, tmp, fs::copy_options::overwrite_existing, ec);
    if (!ec) fs::rename(tmp, path, ec);
    if (ec) return IoError(path, "cannot store: " + ec.message());
    // The manifest line comes after the file is in place: a line always names a whole file.
    Json line = {{"sha256", sha}, {"file", file}, {"path", job.path},
                 {"status", result.head.contains("error") ? "failed" : "done"}};
    std::string text = line.dump() + "\n";
    if (!manifest_ || std::fwrite(text.data(), 1, text.size(), manifest_) != text.size() || std::fflush(manifest_) != 0) {
      return IoError(dir_ / kManifest, "cannot append to the manifest");
    }
    files_[sha] = file;
    names_[file] = sha;
    return Status::Ok();
  }

  Status Close() override {
    if (manifest_) std::fclose(manifest_), manifest_ = nullptr;
    bool any = std::any_of(formats_.begin(), formats_.end(), [](const std::string& f) { return f != "json"; });
    if (!any) return Status::Ok();
    EachDocument each = [this](const std::function<void(const Json&)>& use) { return EachStored(use); };
    Status s;
    for (const auto& format : formats_) {
      auto into = [&](const char* name, auto write) {
        if (!s.ok()) return;
        s = WriteWhole((dir_ / name).string(), [&](std::ostream& out) { s = write(out); });
      };
      if (format == "jsonl") into("documents.jsonl", [&](std::ostream& out) { return WriteDocumentsJsonl(each, out); });
      if (format == "csv") {
        into("records.csv", [&](std::ostream& out) { return WriteRecordsCsv(each, out); });
        into("findings.csv", [&](std::ostream& out) { return WriteFindingsCsv(each, out); });
      }
      if (format == "fdp") {
        std::string descriptor;
        into("budget.csv", [&](std::ostream& out) { return WriteFdp(each, fdp_measures_, out, &descriptor); });
        into("datapackage.json", [&](std::ostream& out) { out << descriptor; return Status::Ok(); });
      }
    }
    return s;
  }

  ~FolderStore() override {
    if (manifest_) std::fclose(manifest_);
  }

 private:
  static constexpr const char* kManifest = "manifest.jsonl";

  // Temporary files of a run that was killed.
  void RemoveLeftovers() {
    std::error_code ec;
    std::vector<fs::path> stale;
    for (fs::recursive_directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() == ".tmp") stale.push_back(it->path());
    }
    for (const auto& p : stale) fs::remove(p, ec);
  }

  // Lines naming a file that is there; a last line cut short by a kill is dropped.
  Status ReadManifest() {
    fs::path path = dir_ / kManifest;
    std::string text;
    ReadWholeFile(path.string(), &text);  // none yet: an empty manifest
    size_t whole = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
    if (whole < text.size()) {
      std::error_code ec;
      fs::resize_file(path, whole, ec);
      if (ec) return IoError(path, "cannot repair the manifest: " + ec.message());
    }
    std::istringstream lines(text.substr(0, whole));
    for (std::string line; std::getline(lines, line);) {
      Json j = Json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.contains("sha256") || !j.contains("file")) continue;
      std::string file = j["file"];
      if (!fs::exists(dir_ / file)) continue;
      files_[j["sha256"]] = file;
      names_[file] = j["sha256"];
    }
    manifest_ = std::fopen(path.string().c_str(), "ab");
    return manifest_ ? Status::Ok() : IoError(path, "cannot open the manifest for writing");
  }

  // NAME.json, unless another document already has that name (a.pdf and a.txt, or two folders'
  // files of one name): then NAME-<sha256 prefix>.json.
  std::string FileFor(const std::string& name, const std::string& sha) const {
    auto known = files_.find(sha);
    if (known != files_.end()) return known->second;
    std::string file = name + ".json";
    auto taken = names_.find(file);
    if (taken != names_.end() && taken->second != sha) file = name + "-" + sha.substr(0, 12) + ".json";
    return file;
  }

  // The stored documents, one at a time, in file-name order.
  Status EachStored(const std::function<void(const Json&)>& use) const {
    std::vector<std::string> files;
    for (const auto& [sha, file] : files_) files.push_back(file);
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      std::ifstream in(dir_ / file, std::ios::binary);
      Json doc = Json::parse(in, nullptr, false);
      if (doc.is_discarded()) return IoError(dir_ / file, "stored document is not JSON");
      use(doc);
    }
    return Status::Ok();
  }

  fs::path dir_;
  std::vector<std::string> formats_;
  std::vector<rules::Pattern> fdp_measures_;
  std::map<std::string, std::string> files_;  // sha256 → file below dir_
  std::map<std::string, std::string> names_;  // file → sha256
  std::FILE* manifest_ = nullptr;
};

}  // namespace

Status WriteWhole(const std::string& path, const std::function<void(std::ostream&)>& write) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    write(out);
    if (!out.flush()) return IoError(tmp, "cannot write");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  return ec ? IoError(path, "cannot rename into place: " + ec.message()) : Status::Ok();
}

Status OpenFolder(const Options& options, std::unique_ptr<Store>* out) {
  auto store = std::make_unique<FolderStore>(options);
  BUDGETX_RETURN_IF_ERROR(store->Open());
  *out = std::move(store);
  return Status::Ok();
}

}  // namespace budgetx::sinks
