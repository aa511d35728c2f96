#include "search/documents_json.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <cstdlib>

#include "base/strings.h"

namespace commonplace::search {

namespace {

constexpr int kMaxDepth = 512;

// The number of bytes s starts with that a JSON string holds as they are:
// all but '"', '\\' and control characters. Document bodies are most of the
// input, so this looks at 8 bytes at a time with the usual SWAR tests: a
// byte v gets its top bit set in (v - 1) & ~v when v is 0, and in
// (v - 0x20) & ~v when v is below 0x20. A borrow may flag bytes after a
// match as well, but the first flag is exact.
size_t PlainRun(std::string_view s) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  size_t i = 0;
  for (uint64_t w; i + 8 <= s.size(); i += 8) {
    std::memcpy(&w, s.data() + i, 8);
    const uint64_t quote = w ^ (kOnes * '"'), backslash = w ^ (kOnes * '\\');
    const uint64_t special = ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) |
                             ((w - kOnes * 0x20) & ~w);  // below 0x20
    if (special & kHigh) return i + std::countr_zero(special & kHigh) / 8;
  }
  while (i < s.size() && s[i] != '"' && s[i] != '\\' && static_cast<unsigned char>(s[i]) >= 0x20) {
    ++i;
  }
  return i;
}

class Reader {
 public:
  Reader(std::string_view text, std::string* error) : t_(text), error_(error) {}

  bool Fail(const std::string& message) {
    if (!error_->empty()) return false;  // keep the first, innermost message
    size_t line = 1, col = 1;
    for (size_t i = 0; i < pos_ && i < t_.size(); ++i) {
      if (t_[i] == '\n') {
        ++line;
        col = 1;
      } else if ((static_cast<unsigned char>(t_[i]) & 0xC0) != 0x80) {
        ++col;
      }
    }
    *error_ = std::to_string(line) + ":" + std::to_string(col) + ": error: " + message;
    return false;
  }

  void SkipSpace() {
    while (pos_ < t_.size() &&
           (t_[pos_] == ' ' || t_[pos_] == '\t' || t_[pos_] == '\n' || t_[pos_] == '\r')) {
      ++pos_;
    }
  }

  // The next non-space character, or '\0' at the end.
  char Peek() {
    SkipSpace();
    return pos_ < t_.size() ? t_[pos_] : '\0';
  }

  bool Consume(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }

  bool Expect(char c, const char* what) {
    if (Consume(c)) return true;
    return Fail(std::string("expected ") + what + (pos_ < t_.size() ? "" : ", found the end of the file"));
  }

  bool String(std::string* out) {
    if (!Expect('"', "a string")) return false;
    out->clear();
    while (true) {
      size_t run = pos_ + PlainRun(t_.substr(pos_));
      out->append(t_.data() + pos_, run - pos_);
      pos_ = run;
      if (pos_ >= t_.size()) return Fail("unterminated string");
      char c = t_[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c != '\\') return Fail("control character in a string (write it as \\n, \\t or \\u00XX)");
      if (++pos_ >= t_.size()) return Fail("unterminated string");
      char e = t_[pos_++];
      switch (e) {
        case '"': *out += '"'; break;
        case '\\': *out += '\\'; break;
        case '/': *out += '/'; break;
        case 'b': *out += '\b'; break;
        case 'f': *out += '\f'; break;
        case 'n': *out += '\n'; break;
        case 'r': *out += '\r'; break;
        case 't': *out += '\t'; break;
        case 'u': {
          char32_t cp;
          if (!Hex4(&cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF && pos_ + 1 < t_.size() && t_[pos_] == '\\' &&
              t_[pos_ + 1] == 'u') {
            size_t back = pos_;
            pos_ += 2;
            char32_t low;
            if (!Hex4(&low)) return false;
            if (low >= 0xDC00 && low <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else {
              pos_ = back;  // not a pair: the high surrogate stands alone
            }
          }
          // A lone surrogate has no UTF-8 form: it stands for U+FFFD.
          AppendUtf8(cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp, out);
          break;
        }
        default:
          --pos_;
          return Fail(std::string("unknown escape \\") + e + " in a string");
      }
    }
  }

  // A number per RFC 8259; *raw is its text.
  bool Number(double* value) {
    SkipSpace();
    size_t start = pos_;
    if (pos_ < t_.size() && t_[pos_] == '-') ++pos_;
    auto digits = [&] {
      size_t from = pos_;
      while (pos_ < t_.size() && t_[pos_] >= '0' && t_[pos_] <= '9') ++pos_;
      return pos_ - from;
    };
    if (pos_ < t_.size() && t_[pos_] == '0') {
      ++pos_;
    } else if (digits() == 0) {
      pos_ = start;
      return Fail("expected a value");
    }
    if (pos_ < t_.size() && t_[pos_] == '.') {
      ++pos_;
      if (digits() == 0) return Fail("expected a digit after the decimal point");
    }
    if (pos_ < t_.size() && (t_[pos_] == 'e' || t_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < t_.size() && (t_[pos_] == '+' || t_[pos_] == '-')) ++pos_;
      if (digits() == 0) return Fail("expected a digit in the exponent");
    }
    *value = std::strtod(std::string(t_.substr(start, pos_ - start)).c_str(), nullptr);
    return true;
  }

  // Any value, read and dropped.
  bool Skip(int depth) {
    if (depth > kMaxDepth) return Fail("values nested too deeply");
    char c = Peek();
    std::string ignored;
    if (c == '"') return String(&ignored);
    if (c == '{' || c == '[') {
      char close = c == '{' ? '}' : ']';
      ++pos_;
      if (Consume(close)) return true;
      do {
        if (c == '{' && !(String(&ignored) && Expect(':', "':'"))) return false;
        if (!Skip(depth + 1)) return false;
      } while (Consume(','));
      return Expect(close, c == '{' ? "',' or '}'" : "',' or ']'");
    }
    for (const char* word : {"true", "false", "null"}) {
      if (t_.substr(pos_).starts_with(word)) {
        pos_ += std::string_view(word).size();
        return true;
      }
    }
    double d;
    return Number(&d);
  }

  bool AtEnd() { return Peek() == '\0' && pos_ >= t_.size(); }
  bool Literal(std::string_view word) {
    if (!t_.substr(pos_).starts_with(word)) return false;
    pos_ += word.size();
    return true;
  }

 private:
  bool Hex4(char32_t* cp) {
    if (pos_ + 4 > t_.size()) return Fail("expected four hex digits after \\u");
    *cp = 0;
    for (int i = 0; i < 4; ++i) {
      char h = t_[pos_++];
      int v = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
            : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
      if (v < 0) return Fail("expected four hex digits after \\u");
      *cp = (*cp << 4) | static_cast<char32_t>(v);
    }
    return true;
  }

  std::string_view t_;
  size_t pos_ = 0;
  std::string* error_;
};

}  // namespace

bool ReadDocumentsJson(std::string_view text, const DocumentsSpec& spec,
                       std::vector<Document>* docs, std::string* error) {
  error->clear();
  docs->clear();
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a byte-order mark
  Reader r(text, error);
  if (r.Peek() != '[') return r.Fail("expected a JSON array of document objects");
  r.Consume('[');
  if (r.Consume(']')) return r.AtEnd() || r.Fail("unexpected text after the array");
  std::string key;
  do {
    const std::string which = "document " + std::to_string(docs->size());
    if (r.Peek() != '{') return r.Fail(which + " is not an object");
    r.Consume('{');
    Document doc;
    doc.values.assign(spec.fields.size(), {});
    bool has_ref = false;
    if (!r.Consume('}')) {
      do {
        if (!r.String(&key) || !r.Expect(':', "':' after the member name")) return false;
        auto field = std::find(spec.fields.begin(), spec.fields.end(), key);
        char c = r.Peek();
        if (key == spec.ref) {
          double v;
          if (c == '"') {
            if (!r.String(&doc.ref)) return false;
          } else if (c == '-' || (c >= '0' && c <= '9')) {
            if (!r.Number(&v)) return false;
            doc.ref = JsNumber(v);
          } else {
            return r.Fail(which + ": '" + key + "' must be a string or a number");
          }
          has_ref = true;
        } else if (field != spec.fields.end()) {
          std::string& value = doc.values[field - spec.fields.begin()];
          if (c == '"') {
            if (!r.String(&value)) return false;
          } else if (r.Literal("null")) {
            value.clear();
          } else {
            return r.Fail(which + ": field '" + key + "' must be a string");
          }
        } else if (!spec.boost.empty() && key == spec.boost) {
          if (c != '-' && !(c >= '0' && c <= '9')) {
            return r.Fail(which + ": boost '" + key + "' must be a number");
          }
          if (!r.Number(&doc.boost)) return false;
        } else if (!r.Skip(1)) {
          return false;
        }
      } while (r.Consume(','));
      if (!r.Expect('}', "',' or '}' in the document")) return false;
    }
    if (!has_ref) {
      return r.Fail(which + " has no '" + spec.ref + "' (use --ref to name the id field)");
    }
    docs->push_back(std::move(doc));
  } while (r.Consume(','));
  if (!r.Expect(']', "',' or ']' after a document")) return false;
  return r.AtEnd() || r.Fail("unexpected text after the array");
}

}  // namespace commonplace::search
