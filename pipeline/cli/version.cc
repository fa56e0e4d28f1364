// Versions of the libraries, so a bug report says exactly what ran.
#include <poppler/cpp/poppler-version.h>
#include <unicode/uversion.h>

#include "extractors/ocr/ocr_extractor.h"
#include "pipeline/cli/cli.h"

namespace budgetx::cli {

std::string VersionText() {
  char icu[U_MAX_VERSION_STRING_LENGTH];
  UVersionInfo info;
  u_getVersion(info);
  u_versionToString(info, icu);
  std::string out = "budgetx 0.1.0\n";
  out += "poppler " + poppler::version_string() + "\n";
  out += ocr::RecogniserVersions();
  out += std::string("icu ") + icu + "\n";
  return out;
}

}  // namespace budgetx::cli
