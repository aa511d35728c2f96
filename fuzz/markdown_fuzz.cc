// Fuzz target: Markdown rendering (raw HTML off and on) and the sanitiser.
// Besides not crashing, the output must never contain a script tag or an
// event-handler attribute.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "markdown/markdown.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 18) return 0;
  std::string text(reinterpret_cast<const char*>(data), size);
  for (bool raw : {false, true}) {
    commonplace::MarkdownOptions o;
    o.allow_raw_html = raw;
    auto r = commonplace::RenderMarkdown(text, o);
    std::string lower;
    for (char c : r.html) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (lower.find("<script") != std::string::npos) std::abort();
  }
  std::string s = commonplace::SanitizeHtml(text);
  std::string lower;
  for (char c : s) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (lower.find("<script") != std::string::npos || lower.find(" onerror") != std::string::npos ||
      lower.find(" onload") != std::string::npos) {
    std::abort();
  }
  return 0;
}
