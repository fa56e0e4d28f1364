// Versions of the linked libraries, so a bug report says exactly what ran.
#include <poppler/cpp/poppler-version.h>
#include <tesseract/baseapi.h>
#include <unicode/uversion.h>
#include <yaml-cpp/yaml.h>

#include <leptonica/allheaders.h>

#include "pipeline/cli/cli.h"

namespace budgetx::cli {

std::string VersionText() {
  char icu[U_MAX_VERSION_STRING_LENGTH];
  UVersionInfo info;
  u_getVersion(info);
  u_versionToString(info, icu);
  char* lept = getLeptonicaVersion();
  std::string out = "budgetx 0.1.0\n";
  out += "poppler " + poppler::version_string() + "\n";
  out += std::string("tesseract ") + tesseract::TessBaseAPI::Version() + "\n";
  out += std::string(lept) + "\n";
  out += std::string("icu ") + icu + "\n";
  lept_free(lept);
  return out;
}

}  // namespace budgetx::cli
