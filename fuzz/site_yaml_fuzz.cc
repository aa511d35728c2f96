// Fuzz target: site.yaml. Whatever the input, loading never crashes, hangs
// or throws, and no URL a loaded configuration puts on every page can run
// script: each link-like field is empty, relative, http(s) or mailto, and
// the addresses filled into links are absolute http(s).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "base/strings.h"
#include "load/front_matter.h"
#include "load/loader.h"

namespace {

void MustBeSafe(const std::string& url) {
  if (!url.empty() && !commonplace::IsSafeUrl(url)) std::abort();
}

void MustBeWeb(const std::string& url) {
  if (!url.empty() && !commonplace::IsWebAddress(url)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 20) return 0;
  using namespace commonplace;
  std::string text(reinterpret_cast<const char*>(data), size);
  Diagnostics diags;
  if (!NormaliseText("site.yaml", &text, diags)) return 0;
  SiteConfig c;
  if (!LoadSiteConfig("site.yaml", text, &c, diags)) return 0;
  MustBeSafe(c.licence_url);
  MustBeWeb(c.repository_url);
  MustBeWeb(c.repository_edit_url);
  if (c.base_url != SiteConfig().base_url) MustBeWeb(c.base_url);
  for (const auto& n : c.navigation) MustBeSafe(n.url);
  for (const auto& [name, value] : c.colours) {
    for (char ch : value) {
      if (ch == ';' || ch == '{' || ch == '}' || ch == '<' || ch == '"') std::abort();
    }
  }
  return 0;
}
