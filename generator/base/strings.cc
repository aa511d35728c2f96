#include "base/strings.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace commonplace {

bool IsReservedDeviceName(std::string_view s) {
  if (s.size() != 3 && s.size() != 4) return false;
  std::string lower;
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "con" || lower == "prn" || lower == "aux" || lower == "nul") return true;
  // com1–com9 and lpt1–lpt9 (com0 and lpt0 are ordinary names).
  return lower.size() == 4 && (StartsWith(lower, "com") || StartsWith(lower, "lpt")) &&
         lower[3] >= '1' && lower[3] <= '9';
}

bool IsValidSlug(std::string_view s) {
  if (s.empty() || s.size() > 80 || IsReservedDeviceName(s)) return false;
  bool prev_hyphen = true;  // forbids a leading hyphen
  for (char c : s) {
    if (c == '-') {
      if (prev_hyphen) return false;
      prev_hyphen = true;
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      prev_hyphen = false;
    } else {
      return false;
    }
  }
  return !prev_hyphen;
}

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

// Decodes the UTF-8 sequence at s[i]; returns its length, or 0 (with *cp
// kNotUtf8) when the byte there does not start a well-formed sequence.
size_t DecodeUtf8(std::string_view s, size_t i, char32_t* cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t extra = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 0;
  *cp = kNotUtf8;
  if (extra == 0 || i + extra >= s.size()) return 0;  // not a lead byte, or cut short
  char32_t v = c & (0x3F >> extra);
  for (size_t k = 1; k <= extra; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    v = (v << 6) | (cc & 0x3F);
  }
  static const char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  if (v < kMin[extra] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return extra + 1;
}

bool IsForbidden(char32_t cp) {
  return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F) ||
         cp == 0xFFFE || cp == 0xFFFF || cp == kNotUtf8;
}

}  // namespace

size_t FindForbiddenChar(std::string_view s, char32_t* cp, size_t* length) {
  for (size_t i = 0; i < s.size();) {
    char32_t c;
    size_t n = DecodeUtf8(s, i, &c);
    if (IsForbidden(c)) {
      if (cp) *cp = c;
      if (length) *length = n ? n : 1;
      return i;
    }
    i += n;
  }
  return std::string_view::npos;
}

std::string DescribeCodePoint(char32_t cp) {
  if (cp == kNotUtf8) return "a byte that is not UTF-8";
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

std::string XmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    switch (c) {
      case '&': out += "&amp;"; ++i; continue;
      case '<': out += "&lt;"; ++i; continue;
      case '>': out += "&gt;"; ++i; continue;
      case '"': out += "&quot;"; ++i; continue;
      case '\'': out += "&#39;"; ++i; continue;
      default: break;
    }
    char32_t cp;
    size_t n = DecodeUtf8(s, i, &cp);
    if (IsForbidden(cp)) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      i += n ? n : 1;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

int EditDistance(std::string_view a, std::string_view b) {
  std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      int sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string NearestMatch(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  int best_distance = 1 << 30;
  for (const auto& c : candidates) {
    int d = EditDistance(word, c);
    // A candidate that contains the word (or is contained) is a strong hint.
    if (c.find(word) != std::string::npos || word.find(c) != std::string_view::npos) {
      d = std::min(d, 2);
    }
    if (d < best_distance || (d == best_distance && c < best)) {
      best_distance = d;
      best = c;
    }
  }
  size_t limit = std::max<size_t>(3, word.size() / 2);
  return best_distance <= static_cast<int>(limit) ? best : "";
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool IsValidUtf8(std::string_view s, size_t* bad_offset) {
  size_t i = 0;
  auto fail = [&]() {
    if (bad_offset) *bad_offset = i;
    return false;
  };
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int extra;
    unsigned int cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return fail();
    }
    for (int k = 1; k <= extra; ++k) {
      if (i + k >= s.size()) return fail();
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return fail();
      cp = (cp << 6) | (cc & 0x3F);
    }
    static const unsigned int kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return fail();
    i += extra + 1;
  }
  return true;
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t pos = s.find(sep, start);
    out.emplace_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos
                                                                   : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::string EndSentence(std::string_view s) {
  std::string out = Trim(s);
  if (out.empty()) return out;
  char last = out.back();
  if (last != '.' && last != '?' && last != '!') out += '.';
  return out;
}

bool IsEmailAddress(std::string_view s) {
  size_t at = s.find('@');
  if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  std::string_view domain = s.substr(at + 1);
  size_t dot = domain.find('.');
  if (dot == 0 || dot == std::string_view::npos || domain.back() == '.') return false;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '"' || c == '<' || c == '>' || c == ',' || c == ';' ||
        c == '(' || c == ')' || c == '[' || c == ']' || c == '\\' || c == ':' || c == '?' ||
        c == '&' || c == '#' || c == '/') {
      return false;
    }
  }
  return true;
}

bool IsSafeUrl(std::string_view url) {
  std::string u;
  for (char c : url) {
    // Browsers ignore control characters and whitespace inside a scheme.
    if (static_cast<unsigned char>(c) <= 0x20) continue;
    u += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  size_t colon = u.find(':');
  size_t delim = u.find_first_of("/?#");
  if (colon == std::string::npos || (delim != std::string::npos && delim < colon)) {
    return true;  // relative URL
  }
  std::string scheme = u.substr(0, colon);
  return scheme == "http" || scheme == "https" || scheme == "mailto";
}

bool IsWebAddress(std::string_view url) {
  if (!IsSafeUrl(url)) return false;
  for (std::string_view scheme : {"http://", "https://"}) {
    if (StartsWith(url, scheme) && url.size() > scheme.size() && url[scheme.size()] != '/' &&
        url[scheme.size()] != '\\' && static_cast<unsigned char>(url[scheme.size()]) > 0x20) {
      return true;
    }
  }
  return false;
}

bool IsLocalUrl(std::string_view url) {
  std::string u;
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20) continue;  // as IsSafeUrl
    u += c == '\\' ? '/' : c;  // browsers read a backslash as a slash
  }
  if (StartsWith(u, "//")) return false;  // another host
  size_t colon = u.find(':');
  size_t delim = u.find_first_of("/?#");
  return colon == std::string::npos || (delim != std::string::npos && delim < colon);
}

std::string CollapseWhitespace(std::string_view s) {
  // std::isspace's set in the "C" locale (the program never changes it),
  // without a library call per byte: this runs over every document's text.
  auto is_space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (is_space(c)) {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

std::string TruncateWords(std::string_view s, size_t max_chars) {
  if (s.size() <= max_chars) return std::string(s);
  size_t cut = s.rfind(' ', max_chars);
  if (cut == std::string_view::npos || cut < max_chars / 2) cut = max_chars;
  // Never cut inside a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  std::string out(s.substr(0, cut));
  while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == ';')) out.pop_back();
  return out + "…";
}

}  // namespace commonplace
