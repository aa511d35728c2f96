// Interface strings in templates: a theme writes {{t key}} where text goes
// and {{ta key}} inside an attribute value. They are replaced once, when the
// theme is loaded, so a page renders as fast as before and Mustache never
// sees a marker.
#include "i18n/messages.h"

namespace commonplace {

namespace {

std::string EscapeFor(const std::string& s, bool attribute) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      default: out += c;
    }
  }
  return out;
}

// "{count} case studies" → "{{count}} case studies": placeholders name the
// view's own values. Only {word} and {word.word} are placeholders. In
// element text a value whose view also gives `<name>_lang` (an untranslated
// term's label in a Welsh sentence) is wrapped in a span of that language.
std::string ToMustache(const std::string& s, bool attribute) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '{') {
      size_t end = s.find('}', i + 1);
      bool name = end != std::string::npos && end > i + 1;
      for (size_t j = i + 1; name && j < end; ++j) {
        char c = s[j];
        name = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
      }
      if (name) {
        const std::string value = s.substr(i + 1, end - i - 1);
        const std::string lang = value + "_lang";
        if (attribute) {
          out += "{{" + value + "}}";
        } else {
          out += "{{#" + lang + "}}<span lang=\"{{" + lang + "}}\">{{/" + lang + "}}{{" + value + "}}{{#" +
                 lang + "}}</span>{{/" + lang + "}}";
        }
        i = end + 1;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

}  // namespace

std::string ExpandTemplateMessages(const std::string& text, const Messages& messages,
                                   const std::string& file, Diagnostics& diags) {
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find("{{t", i);
    if (open == std::string::npos) break;
    size_t after = open + 3;
    bool attribute = after < text.size() && text[after] == 'a';
    if (attribute) ++after;
    if (after >= text.size() || text[after] != ' ') {
      out.append(text, i, after - i);
      i = after;
      continue;
    }
    size_t close = text.find("}}", after);
    if (close == std::string::npos) break;
    out.append(text, i, open - i);
    std::string key = text.substr(after + 1, close - after - 1);
    while (!key.empty() && key.back() == ' ') key.pop_back();
    if (!messages.Has(key)) {
      int line = 1, col = 1;
      for (size_t k = 0; k < open; ++k) {
        if (text[k] == '\n') {
          ++line;
          col = 1;
        } else {
          ++col;
        }
      }
      diags.Error(file, {line, col}, "",
                  "no message '" + key + "' in " + messages.path(),
                  "add `" + key + "` to " + messages.path() + " (and to every other language's file)");
    } else {
      out += ToMustache(EscapeFor(messages.Raw(key), attribute), attribute);
    }
    i = close + 2;
  }
  out.append(text, i, std::string::npos);
  return out;
}

}  // namespace commonplace
