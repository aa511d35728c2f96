#include "search/text.h"

#include <algorithm>
#include <bit>
#include <iterator>
#include <cstdint>
#include <cstring>

#include "base/strings.h"

namespace commonplace::search {

namespace {

// Decodes one UTF-8 sequence at s[*i]; an invalid byte decodes as U+FFFD.
char32_t Decode(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  int extra = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2
            : (c & 0xF8) == 0xF0 ? 3 : -1;
  if (extra < 0 || *i + extra >= s.size()) {
    ++*i;
    return 0xFFFD;
  }
  char32_t cp = extra == 0 ? c : c & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  *i += extra + 1;
  return cp;
}

struct LowerEntry {
  char32_t cp;
  const char* utf8;
};

constexpr LowerEntry kLower[] = {
#include "search/lower_table.inc"
};

// The lower-case form of a non-ASCII code point in UTF-8, or nullptr when
// toLowerCase leaves it as it is.
const char* LowerForm(char32_t cp) {
  auto it = std::lower_bound(std::begin(kLower), std::end(kLower), cp,
                             [](const LowerEntry& e, char32_t c) { return e.cp < c; });
  return it != std::end(kLower) && it->cp == cp ? it->utf8 : nullptr;
}

// "Cased" for the final-sigma rule: a letter that has a case mapping
// either way (case-ignorable characters in between are not skipped).
bool IsCased(char32_t cp) {
  if (cp < 0x80) return (cp | 32) >= 'a' && (cp | 32) <= 'z';
  if (LowerForm(cp)) return true;
  static const std::vector<char32_t> kLowerLetters = [] {
    std::vector<char32_t> v;
    for (const auto& e : kLower) {
      std::string_view f(e.utf8);
      size_t i = 0;
      char32_t c = Decode(f, &i);
      if (i == f.size()) v.push_back(c);
    }
    std::sort(v.begin(), v.end());
    return v;
  }();
  return std::binary_search(kLowerLetters.begin(), kLowerLetters.end(), cp);
}

// JavaScript's \s: the Unicode white-space and line terminators.
bool IsJsSpace(char32_t c) {
  return c == 0x09 || c == 0x0A || c == 0x0B || c == 0x0C || c == 0x0D || c == 0x20 ||
         c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The number of ASCII bytes s starts with, looked at 8 at a time: nearly
// all indexed text is ASCII, and this runs over all of it.
size_t AsciiPrefix(std::string_view s) {
  size_t i = 0;
  for (uint64_t w; i + 8 <= s.size(); i += 8) {
    std::memcpy(&w, s.data() + i, 8);
    if (w & 0x8080808080808080ull) break;
  }
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

// Appends ASCII text lower-cased, 8 bytes at a time.
void AppendLowerAscii(std::string_view s, std::string* out) {
  const size_t at = out->size();
  out->append(s);
  char* p = out->data() + at;
  size_t i = 0;
  for (uint64_t w; i + 8 <= s.size(); i += 8) {
    std::memcpy(&w, p + i, 8);
    // Every byte is below 0x80, so neither sum carries into the next byte:
    // a byte's top bit says it is >= 'A' in the first, > 'Z' in the second.
    uint64_t upper = (w + 0x3F3F3F3F3F3F3F3Full) & ~(w + 0x2525252525252525ull) &
                     0x8080808080808080ull;
    w |= upper >> 2;  // 0x80 >> 2 is 0x20, the case bit
    std::memcpy(p + i, &w, 8);
  }
  for (; i < s.size(); ++i) {
    if (p[i] >= 'A' && p[i] <= 'Z') p[i] = static_cast<char>(p[i] + 32);
  }
}

// LowerCase into *out, whose storage is reused.
void LowerCaseInto(std::string_view text, std::string* out_string) {
  std::string& out = *out_string;
  out.clear();
  out.reserve(text.size());
  char32_t prev = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (size_t run = AsciiPrefix(text.substr(i))) {
      AppendLowerAscii(text.substr(i, run), &out);
      i += run;
      prev = static_cast<unsigned char>(text[i - 1]);
      continue;
    }
    size_t at = i;
    char32_t cp = Decode(text, &i);
    if (cp == 0x3A3) {  // Σ: final sigma at the end of a word, σ elsewhere
      size_t j = i;
      char32_t next = j < text.size() ? Decode(text, &j) : 0;
      AppendUtf8(IsCased(prev) && !IsCased(next) ? 0x3C2 : 0x3C3, &out);
    } else if (const char* form = LowerForm(cp)) {
      out += form;
    } else if (cp == 0xFFFD) {
      AppendUtf8(cp, &out);  // an invalid byte stands for U+FFFD, as in a JS string
    } else {
      out.append(text.data() + at, i - at);
    }
    prev = cp;
  }
}

}  // namespace

std::string LowerCase(std::string_view text) {
  std::string out;
  LowerCaseInto(text, &out);
  return out;
}

std::vector<Token> Tokenize(std::string_view text, std::string* lowered) {
  std::vector<Token> tokens;
  Tokenize(text, lowered, &tokens);
  return tokens;
}

namespace {

// One character of lower-cased text, as the tokenizer sees it.
struct Char {
  bool separator;  // /[\s\-]/
  size_t next;     // the byte after it
  size_t units;    // its length in UTF-16 code units
};

Char NonAsciiCharAt(std::string_view s, size_t i) {
  size_t next = i;
  const char32_t cp = Decode(s, &next);
  return {IsJsSpace(cp), next, cp >= 0x10000 ? size_t{2} : size_t{1}};
}

// ASCII, nearly every character, is told apart without decoding.
Char CharAt(std::string_view s, size_t i) {
  const unsigned char b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return {b == '-' || b == ' ' || (b >= 0x09 && b <= 0x0D), i + 1, 1};
  return NonAsciiCharAt(s, i);
}

// The number of bytes s starts with that are ASCII and surely inside a
// word: not '-', ' ' or below 0x0E. Looked at 8 bytes at a time, as a
// byte-by-byte loop over every word was the tokenizer's cost; a byte v
// gets its top bit set in (v - 1) & ~v when v is 0 and in (v - 0x0E) & ~v
// when v is below 0x0E (a borrow may flag later bytes too, but the first
// flag is exact).
size_t PlainWordBytes(std::string_view s) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  size_t i = 0;
  for (uint64_t w; i + 8 <= s.size(); i += 8) {
    std::memcpy(&w, s.data() + i, 8);
    const uint64_t space = w ^ (kOnes * ' '), hyphen = w ^ (kOnes * '-');
    const uint64_t stop = ((space - kOnes) & ~space) | ((hyphen - kOnes) & ~hyphen) |
                          ((w - kOnes * 0x0E) & ~w) | w;  // w: bytes of 0x80 and up
    if (stop & kHigh) return i + std::countr_zero(stop & kHigh) / 8;
  }
  while (i < s.size()) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if (b == ' ' || b == '-' || b < 0x0E || b >= 0x80) break;
    ++i;
  }
  return i;
}

}  // namespace

void Tokenize(std::string_view text, std::string* lowered, std::vector<Token>* tokens_out) {
  LowerCaseInto(text, lowered);
  const std::string_view s(*lowered);
  std::vector<Token>& tokens = *tokens_out;
  tokens.clear();
  // Byte offsets become UTF-16 offsets by subtracting `surplus`: how many
  // more UTF-8 bytes than UTF-16 units the text so far has taken.
  size_t surplus = 0;
  size_t i = 0;
  while (i < s.size()) {
    Char c = CharAt(s, i);
    if (c.separator) {
      surplus += (c.next - i) - c.units;
      i = c.next;
      continue;
    }
    const size_t start = i, start16 = i - surplus;
    for (;;) {
      i += PlainWordBytes(s.substr(i));
      if (i == s.size()) break;
      c = CharAt(s, i);
      if (c.separator) break;
      surplus += (c.next - i) - c.units;
      i = c.next;
    }
    tokens.push_back({s.substr(start, i - start), start16, i - surplus - start16});
  }
}

std::vector<std::string> Tokenize(std::string_view text) {
  std::string lowered;
  std::vector<std::string> out;
  for (const Token& t : Tokenize(text, &lowered)) out.emplace_back(t.text);
  return out;
}

std::string Trim(std::string_view token) {
  // Non-ASCII bytes are never \w, so byte-wise trimming removes whole
  // characters, as the UTF-16 regex does.
  size_t b = 0, e = token.size();
  while (b < e && !IsWordByte(static_cast<unsigned char>(token[b]))) ++b;
  while (e > b && !IsWordByte(static_cast<unsigned char>(token[e - 1]))) --e;
  return std::string(token.substr(b, e - b));
}

bool IsStopWord(std::string_view token) {
  static const std::string_view kWords[] = {
      "a",       "able",  "about",   "across", "after",  "all",    "almost", "also",   "am",
      "among",   "an",    "and",     "any",    "are",    "as",     "at",     "be",     "because",
      "been",    "but",   "by",      "can",    "cannot", "could",  "dear",   "did",    "do",
      "does",    "either", "else",   "ever",   "every",  "for",    "from",   "get",    "got",
      "had",     "has",   "have",    "he",     "her",    "hers",   "him",    "his",    "how",
      "however", "i",     "if",      "in",     "into",   "is",     "it",     "its",    "just",
      "least",   "let",   "like",    "likely", "may",    "me",     "might",  "most",   "must",
      "my",      "neither", "no",    "nor",    "not",    "of",     "off",    "often",  "on",
      "only",    "or",    "other",   "our",    "own",    "rather", "said",   "say",    "says",
      "she",     "should", "since",  "so",     "some",   "than",   "that",   "the",    "their",
      "them",    "then",  "there",   "these",  "they",   "this",   "tis",    "to",     "too",
      "twas",    "us",    "wants",   "was",    "we",     "were",   "what",   "when",   "where",
      "which",   "while", "who",     "whom",   "why",    "will",   "with",   "would",  "yet",
      "you",     "your"};
  return std::binary_search(std::begin(kWords), std::end(kWords), token);
}

bool PipelineTerm(std::string_view token, std::string* term, bool english) {
  std::string t = Trim(token);
  if (!english) {
    *term = std::move(t);
    return true;
  }
  if (IsStopWord(t)) return false;
  *term = Stem(t);
  return true;
}

}  // namespace commonplace::search
