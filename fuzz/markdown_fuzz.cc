// Fuzz target: Markdown rendering (raw HTML off and on) and the sanitiser.
// Besides not crashing, no output may contain a script element or an event
// handler attribute inside a tag (such words in plain text are harmless).
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "markdown/markdown.h"

namespace {

bool HasDangerousTag(const std::string& html) {
  std::string s;
  for (char c : html) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (size_t i = s.find('<'); i != std::string::npos; i = s.find('<', i + 1)) {
    if (i + 1 >= s.size() || !std::isalpha(static_cast<unsigned char>(s[i + 1]))) continue;
    size_t end = s.find('>', i);
    std::string raw = s.substr(i, end == std::string::npos ? std::string::npos : end - i);
    // Attribute values are quoted (and escaped) by the sanitiser: skip them.
    std::string tag;
    char quote = 0;
    for (char c : raw) {
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else {
        tag += c;
      }
    }
    if (tag.rfind("<script", 0) == 0 || tag.rfind("<iframe", 0) == 0) return true;
    for (size_t p = tag.find(" on"); p != std::string::npos; p = tag.find(" on", p + 1)) {
      size_t q = p + 3;
      while (q < tag.size() && std::isalpha(static_cast<unsigned char>(tag[q]))) ++q;
      if (q < tag.size() && tag[q] == '=') return true;
    }
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 18) return 0;
  std::string text(reinterpret_cast<const char*>(data), size);
  for (bool raw : {false, true}) {
    commonplace::MarkdownOptions o;
    o.allow_raw_html = raw;
    if (HasDangerousTag(commonplace::RenderMarkdown(text, o).html)) std::abort();
  }
  if (HasDangerousTag(commonplace::SanitizeHtml(text))) std::abort();
  return 0;
}
