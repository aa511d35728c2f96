// A string as a JSON string literal that is also safe inside an HTML
// <script> element: `<`, `>` and `&` are written as \u escapes, so the text
// can never close the element or start a comment.
#ifndef COMMONPLACE_BASE_JSON_STRING_H_
#define COMMONPLACE_BASE_JSON_STRING_H_

#include <cstdio>
#include <string>
#include <string_view>

namespace commonplace {

inline std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

}  // namespace commonplace

#endif  // COMMONPLACE_BASE_JSON_STRING_H_
