// Fuzz target: URL handling. A URL judged safe must not use a script-capable
// scheme once browsers strip whitespace and control characters.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "base/fs.h"
#include "base/strings.h"
#include "render/site_renderer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string url(reinterpret_cast<const char*>(data), size);
  if (commonplace::IsSafeUrl(url)) {
    std::string cleaned;
    for (char c : url) {
      if (static_cast<unsigned char>(c) > 0x20) {
        cleaned += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      }
    }
    if (cleaned.rfind("javascript:", 0) == 0 || cleaned.rfind("data:", 0) == 0 ||
        cleaned.rfind("vbscript:", 0) == 0) {
      std::abort();
    }
  }
  commonplace::IsSafeRelativePath(url);
  commonplace::PrefixRelativeLinks("<a href=\"" + url + "\">x</a>", "../");
  return 0;
}
