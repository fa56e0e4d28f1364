#include "extractors/ocr/ocr_extractor.h"

#include <dlfcn.h>

#include <filesystem>

#include "extractors/ocr/engine.h"

namespace budgetx::ocr {
namespace {

// The module beside the running executable (the build folder), else the system's library path.
std::string ModulePath() {
  std::error_code ec;
  std::filesystem::path beside = std::filesystem::read_symlink("/proc/self/exe", ec).parent_path() / kModuleFile;
  if (!ec && std::filesystem::exists(beside, ec)) return beside.string();
  return kModuleFile;
}

void* LoadModule(std::string* error) {
  static std::string load_error;
  static void* handle = [] {
    std::string path = ModulePath();
    void* h = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!h) load_error = std::string("the OCR module cannot be loaded (") + dlerror() + "); rebuild budgetx";
    return h;
  }();
  if (!handle) *error = load_error;
  return handle;
}

// The loaded module's entry point named `symbol`; null with `error` set when the module or the
// symbol cannot be loaded. The module is loaded once and stays loaded (Tesseract's globals do not
// survive unloading).
void* ModuleSymbol(const char* symbol, std::string* error) {
  void* handle = LoadModule(error);
  if (!handle) return nullptr;
  void* found = dlsym(handle, symbol);
  if (!found) *error = std::string("the OCR module has no entry point ") + symbol;
  return found;
}

}  // namespace

struct Reader::Impl {
  std::unique_ptr<Engine> engine;
};

Reader::Reader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Reader::~Reader() = default;

Status Reader::Open(const Options& options, std::unique_ptr<Reader>* out) {
  std::string error;
  auto open = reinterpret_cast<OpenEngineFunction>(ModuleSymbol(kOpenEngineSymbol, &error));
  if (!open) return Status::Error(Status::Code::kUnsupported, "", error);
  Status status;
  auto impl = std::make_unique<Impl>();
  impl->engine.reset(open(options, &status));
  if (!impl->engine) return status;
  out->reset(new Reader(std::move(impl)));
  return Status::Ok();
}

void Reader::ReadPage(const GreyImage& image, Page* page, std::vector<Warning>* warnings) {
  RecognisedPage read = impl_->engine->Read(image, page->number, warnings);
  layout::PageLayout laid = layout::LayOutPage(std::move(read.words), read.rulings, page->number);
  page->lines = std::move(laid.lines);
  page->turns = read.turns ? read.turns : laid.turns;
  page->pivot = read.turns ? read.pivot : laid.pivot;
}

std::string RecogniserVersions() {
  std::string error;
  auto versions = reinterpret_cast<VersionsFunction>(ModuleSymbol(kVersionsSymbol, &error));
  return versions ? versions() : "OCR: " + error + "\n";
}

}  // namespace budgetx::ocr
