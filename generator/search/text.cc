#include "search/text.h"

#include <algorithm>
#include <iterator>
#include <cstdint>

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

void Encode(char32_t cp, std::string* out) {
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

// JavaScript's toLowerCase for the scripts the content uses.
char32_t Lower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c < 0xC0) return c;
  if ((c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 32;
  if (c >= 0x100 && c <= 0x17F) {
    // Latin Extended-A alternates upper/lower, with a shift at U+0138.
    if (c == 0x130) return 'i';  // simplified: JS gives "i̇" (two units)
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c % 2 == 1) ? c + 1 : c;
    if (c == 0x178) return 0xFF;
    if (c < 0x138 || (c >= 0x14A && c <= 0x177)) return (c % 2 == 0) ? c + 1 : c;
    return c;
  }
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;  // Greek
  if (c >= 0x410 && c <= 0x42F) return c + 32;                 // Cyrillic
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  if (c >= 0x1E00 && c <= 0x1EFF && c % 2 == 0) return c + 1;  // Latin Extended Additional (ẁ, ŵ…)
  return c;
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

}  // namespace

std::vector<std::string> Tokenize(std::string_view text) {
  std::vector<std::string> tokens;
  std::string current;
  size_t i = 0;
  while (i < text.size()) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    char32_t cp;
    if (b < 0x80) {
      cp = b;
      ++i;
    } else {
      cp = Decode(text, &i);
    }
    if (cp == '-' || IsJsSpace(cp)) {
      if (!current.empty()) tokens.push_back(std::move(current));
      current.clear();
      continue;
    }
    if (cp < 0x80) {
      current += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
    } else {
      Encode(Lower(cp), &current);
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
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

bool PipelineTerm(std::string_view token, std::string* term) {
  std::string t = Trim(token);
  if (IsStopWord(t)) return false;
  *term = Stem(t);
  return true;
}

}  // namespace commonplace::search
