#include "load/numbers.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

namespace commonplace {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Skips digits from `i`; returns how many there were.
size_t Digits(std::string_view s, size_t* i) {
  size_t start = *i;
  while (*i < s.size() && IsDigit(s[*i])) ++*i;
  return *i - start;
}

}  // namespace

std::optional<double> ParseNumber(std::string_view s) {
  // The grammar is checked here, not left to strtod, which also takes
  // leading spaces, hexadecimal, "nan", "inf" and "-nan(…)".
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t whole = Digits(s, &i);
  size_t fraction = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    fraction = Digits(s, &i);
  }
  if (whole + fraction == 0) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (Digits(s, &i) == 0) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  // strtod in the "C" locale (the program never changes it) reads exactly
  // this grammar the way a person means it.
  std::string text(s);
  double v = std::strtod(text.c_str(), nullptr);
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<long long> ParseWholeNumber(std::string_view s) {
  bool negative = !s.empty() && s[0] == '-';
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  for (char c : s) {
    if (!IsDigit(c)) return std::nullopt;
  }
  unsigned long long magnitude = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), magnitude);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  constexpr unsigned long long kMax = 9223372036854775807ULL;
  if (magnitude > kMax + (negative ? 1 : 0)) return std::nullopt;
  if (negative) return magnitude == kMax + 1 ? std::numeric_limits<long long>::min()
                                             : -static_cast<long long>(magnitude);
  return static_cast<long long>(magnitude);
}

}  // namespace commonplace
