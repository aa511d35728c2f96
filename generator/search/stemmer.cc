// lunr.stemmer: the Porter stemmer exactly as lunr.js 2.3.9 writes it.
//
// lunr.js expresses each step as an ECMAScript regular expression. They are
// all either suffix tests or the Porter "measure" tests (^(C)?VC…), so each
// is written out here by hand: the same answers, in linear time and without
// the deep recursion std::regex needs on a long word (a hostile 200,000
// character "word" must not crash the build).
//
// lunr.js works on UTF-16 code units. Each unit is mapped to one byte:
// ASCII stays itself and anything else becomes a byte >= 0x80, which no
// character class or suffix of the stemmer matches, as in lunr.js. The stem
// is always the word's own prefix plus an ASCII ending, so the original
// characters are put back afterwards.
#include <string>
#include <vector>

#include "search/text.h"

namespace commonplace::search {

namespace {

// c = [^aeiou] and v = [aeiouy] (so 'y' is both); C = c[^aeiouy]*,
// V = v[aeiou]*.
bool InSet(char ch, const char* set) {
  for (; *set; ++set) {
    if (ch == *set) return true;
  }
  return false;
}
bool IsC(char ch) { return !InSet(ch, "aeiou"); }
bool IsV(char ch) { return InSet(ch, "aeiouy"); }

enum Item { kOptC, kC, kV, kOptV, kSmallV, kEnd };

// Backtracking matcher for the measure patterns, anchored at the start,
// memoised on (item, position) so it is linear in practice.
class Measure {
 public:
  Measure(const std::string& s, std::vector<Item> items)
      : s_(s), items_(std::move(items)), memo_(items_.size() * (s.size() + 1), -1) {}
  bool Match() { return At(0, 0); }

 private:
  // Positions where a C (or V) sequence starting at `pos` may end.
  bool Seq(size_t item, size_t pos, bool consonant) {
    if (pos >= s_.size() || !(consonant ? IsC(s_[pos]) : IsV(s_[pos]))) return false;
    size_t end = pos + 1;
    while (end < s_.size() && (consonant ? !IsV(s_[end]) : InSet(s_[end], "aeiou"))) ++end;
    for (size_t k = end; k > pos; --k) {
      if (At(item + 1, k)) return true;
    }
    return false;
  }

  bool At(size_t item, size_t pos) {
    if (item == items_.size()) return true;
    signed char& m = memo_[item * (s_.size() + 1) + pos];
    if (m >= 0) return m;
    bool r = false;
    switch (items_[item]) {
      case kOptC: r = Seq(item, pos, true) || At(item + 1, pos); break;
      case kC: r = Seq(item, pos, true); break;
      case kV: r = Seq(item, pos, false); break;
      case kOptV: r = Seq(item, pos, false) || At(item + 1, pos); break;
      case kSmallV: r = pos < s_.size() && IsV(s_[pos]) && At(item + 1, pos + 1); break;
      case kEnd: r = pos == s_.size(); break;
    }
    m = r;
    return r;
  }

  const std::string& s_;
  std::vector<Item> items_;
  std::vector<signed char> memo_;
};

bool Mgr0(const std::string& s) { return Measure(s, {kOptC, kV, kC}).Match(); }
bool Mgr1(const std::string& s) { return Measure(s, {kOptC, kV, kC, kV, kC}).Match(); }
bool Meq1(const std::string& s) { return Measure(s, {kOptC, kV, kC, kOptV, kEnd}).Match(); }
bool SV(const std::string& s) { return Measure(s, {kOptC, kSmallV}).Match(); }

// ^C v [^aeiouwxy]$ (re4_1b_2 and re3_5).
bool Cvc(const std::string& s) {
  size_t n = s.size();
  if (n < 3 || !IsC(s[0]) || !IsV(s[n - 2]) || InSet(s[n - 1], "aeiouwxy")) return false;
  for (size_t i = 1; i + 2 < n; ++i) {
    if (IsV(s[i])) return false;
  }
  return true;
}

bool EndsWith(const std::string& s, const char* suffix) {
  size_t k = std::char_traits<char>::length(suffix);
  return s.size() >= k && s.compare(s.size() - k, k, suffix) == 0;
}

// ^(.+?)(a|b|…)$: the longest listed suffix that leaves a non-empty stem.
// Returns its index, or -1.
int LongestSuffix(const std::string& s, const std::vector<const char*>& list) {
  int best = -1;
  size_t best_len = 0;
  for (size_t i = 0; i < list.size(); ++i) {
    size_t k = std::char_traits<char>::length(list[i]);
    if (k > best_len && s.size() > k && EndsWith(s, list[i])) {
      best = static_cast<int>(i);
      best_len = k;
    }
  }
  return best;
}

std::string PorterStem(std::string w) {
  if (w.size() < 3) return w;
  bool first_y = w[0] == 'y';
  if (first_y) w[0] = 'Y';
  size_t n;

  // Step 1a: ^(.+?)(ss|i)es$ else ^(.+?)([^s])s$
  n = w.size();
  if (n > 4 && EndsWith(w, "sses")) {
    w.resize(n - 2);
  } else if (n > 3 && EndsWith(w, "ies")) {
    w.resize(n - 2);
  } else if (n > 2 && w[n - 1] == 's' && w[n - 2] != 's') {
    w.resize(n - 1);
  }

  // Step 1b: ^(.+?)eed$ else ^(.+?)(ed|ing)$
  n = w.size();
  if (n > 3 && EndsWith(w, "eed")) {
    if (Mgr0(w.substr(0, n - 3))) w.pop_back();
  } else if ((n > 2 && EndsWith(w, "ed")) || (n > 3 && EndsWith(w, "ing"))) {
    std::string stem = w.substr(0, n - (EndsWith(w, "ed") ? 2 : 3));
    if (SV(stem)) {
      w = stem;
      size_t m = w.size();
      if (EndsWith(w, "at") || EndsWith(w, "bl") || EndsWith(w, "iz")) {
        w += "e";
      } else if (m >= 2 && w[m - 1] == w[m - 2] && !InSet(w[m - 1], "aeiouylsz")) {
        w.pop_back();
      } else if (Cvc(w)) {
        w += "e";
      }
    }
  }

  // Step 1c: ^(.+?[^aeiou])y$
  n = w.size();
  if (n > 2 && w[n - 1] == 'y' && !InSet(w[n - 2], "aeiou")) w[n - 1] = 'i';

  // Step 2
  static const std::vector<const char*> k2 = {
      "ational", "tional", "enci", "anci", "izer", "bli", "alli", "entli", "eli", "ousli", "ization",
      "ation", "ator", "alism", "iveness", "fulness", "ousness", "aliti", "iviti", "biliti", "logi"};
  static const std::vector<const char*> k2to = {
      "ate", "tion", "ence", "ance", "ize", "ble", "al", "ent", "e", "ous", "ize",
      "ate", "ate", "al", "ive", "ful", "ous", "al", "ive", "ble", "log"};
  if (int i = LongestSuffix(w, k2); i >= 0) {
    std::string stem = w.substr(0, w.size() - std::char_traits<char>::length(k2[i]));
    if (Mgr0(stem)) w = stem + k2to[i];
  }

  // Step 3
  static const std::vector<const char*> k3 = {"icate", "ative", "alize", "iciti", "ical", "ful", "ness"};
  static const std::vector<const char*> k3to = {"ic", "", "al", "ic", "ic", "", ""};
  if (int i = LongestSuffix(w, k3); i >= 0) {
    std::string stem = w.substr(0, w.size() - std::char_traits<char>::length(k3[i]));
    if (Mgr0(stem)) w = stem + k3to[i];
  }

  // Step 4: ^(.+?)(al|ance|…)$ else ^(.+?)(s|t)(ion)$
  static const std::vector<const char*> k4 = {"al",  "ance", "ence", "er",  "ic",  "able",
                                              "ible", "ant", "ement", "ment", "ent", "ou",
                                              "ism", "ate", "iti",  "ous", "ive", "ize"};
  if (int i = LongestSuffix(w, k4); i >= 0) {
    std::string stem = w.substr(0, w.size() - std::char_traits<char>::length(k4[i]));
    if (Mgr1(stem)) w = stem;
  } else if (w.size() > 4 && (EndsWith(w, "sion") || EndsWith(w, "tion"))) {
    std::string stem = w.substr(0, w.size() - 3);
    if (Mgr1(stem)) w = stem;
  }

  // Step 5: ^(.+?)e$, then ll$
  n = w.size();
  if (n > 1 && w[n - 1] == 'e') {
    std::string stem = w.substr(0, n - 1);
    if (Mgr1(stem) || (Meq1(stem) && !Cvc(stem))) w = stem;
  }
  if (EndsWith(w, "ll") && Mgr1(w)) w.pop_back();

  if (first_y) w[0] = 'y';
  return w;
}

// One byte per UTF-16 code unit (see the file comment); `units` keeps the
// original bytes of each.
std::string ToUnits(std::string_view s, std::vector<std::string_view>* units) {
  std::string mapped;
  // Distinct characters get distinct bytes, so the doubled-consonant test
  // ("([^aeiouylsz])\1$") still tells "éé" from "éè".
  std::vector<std::string_view> seen;
  auto byte_for = [&](std::string_view ch) {
    for (size_t i = 0; i < seen.size(); ++i) {
      if (seen[i] == ch) return static_cast<char>(0x83 + i % 125);
    }
    seen.push_back(ch);
    return static_cast<char>(0x83 + (seen.size() - 1) % 125);
  };
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    if (i + len > s.size()) len = s.size() - i;
    std::string_view orig = s.substr(i, len);
    if (c < 0x80) {
      mapped += static_cast<char>(c);
      units->push_back(orig);
    } else if (len == 4) {
      mapped += "\x81\x82";  // a surrogate pair is two units
      units->push_back(orig);
      units->push_back(std::string_view());
    } else {
      mapped += byte_for(orig);
      units->push_back(orig);
    }
    i += len;
  }
  return mapped;
}

}  // namespace

std::string Stem(std::string_view token) {
  bool ascii = true;
  for (char c : token) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return PorterStem(std::string(token));
  std::vector<std::string_view> units;
  std::string mapped = ToUnits(token, &units);
  std::string stemmed = PorterStem(mapped);
  size_t k = 0;
  while (k < stemmed.size() && k < mapped.size() && stemmed[k] == mapped[k]) ++k;
  std::string out;
  for (size_t i = 0; i < k; ++i) out += units[i];
  out += stemmed.substr(k);
  return out;
}

}  // namespace commonplace::search
