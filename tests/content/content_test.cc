// The shipped content against its sources: it validates and every reference
// resolves; it is written in our own words (no run of 10 words copied from a
// report outside a short, marked quotation); and every figure a case study
// reports appears in the source it cites, where its locator points, with the
// right currency and scale.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <unordered_set>

#include "base/diagnostic.h"
#include "base/fs.h"
#include "base/strings.h"
#include "load/front_matter.h"
#include "model/model.h"
#include "pipeline/pipeline.h"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = COMMONPLACE_SOURCE_DIR;
const fs::path kSeeds = kRoot / ".." / "shared" / "seeds";

const std::map<std::string, std::string>& SeedFiles() {
  static const std::map<std::string, std::string> kFiles = {
      {"hei-ci-2026", "hei-cultural-institutions-2026.txt"},
      {"cup-report", "cup-greater-than-sum-full-report.txt"},
      {"cup-summary", "cup-greater-than-sum-summary.txt"},
      {"prosperous-places-2022", "local-research-partnerships-2022.txt"},
      {"toolkit-2025", "equitable-partnerships-toolkit-2025.txt"}};
  return kFiles;
}

// ---------------------------------------------------------------------------
// Text normalisation, shared by both sides of every comparison.

// Maps typographic characters to their plain forms (the common NFKC cases):
// curly quotes and apostrophes, dashes and minus, ligatures, odd spaces,
// the ellipsis; soft hyphens and zero-width characters are dropped.
std::string Normalise(const std::string& in) {
  static const std::vector<std::pair<std::string, std::string>> kMap = {
      {"\u2018", "'"},  {"\u2019", "'"},  {"\u201a", "'"},  {"\u201b", "'"},  {"\u2032", "'"},
      {"\u201c", "\""}, {"\u201d", "\""}, {"\u201e", "\""}, {"\u201f", "\""}, {"\u2033", "\""},
      {"\u00ab", "\""}, {"\u00bb", "\""}, {"\u2010", "-"},  {"\u2011", "-"},  {"\u2012", "-"},
      {"\u2013", "-"},  {"\u2014", "-"},  {"\u2015", "-"},  {"\u2212", "-"},  {"\ufb00", "ff"},
      {"\ufb01", "fi"}, {"\ufb02", "fl"}, {"\ufb03", "ffi"}, {"\ufb04", "ffl"}, {"\ufb05", "st"},
      {"\ufb06", "st"}, {"\u00a0", " "},  {"\u2002", " "},  {"\u2003", " "},  {"\u2009", " "},
      {"\u200a", " "},  {"\u202f", " "},  {"\u2026", "..."}, {"\u00ad", ""},  {"\u200b", ""},
      {"\u200c", ""},   {"\u200d", ""},   {"\ufeff", ""}};
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size();) {
    if (static_cast<unsigned char>(in[i]) >= 0x80) {
      bool done = false;
      for (const auto& [from, to] : kMap) {
        if (in.compare(i, from.size(), from) == 0) {
          out += to;
          i += from.size();
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    out += in[i++];
  }
  return out;
}

// Lower-case words of normalised text. ASCII letters and digits and the
// Latin letters with accents (U+00C0–U+024F, but not × and ÷) make words;
// everything else — punctuation, symbols, other scripts' marks — separates.
std::vector<std::string> Words(const std::string& raw) {
  std::string text = Normalise(raw);
  std::vector<std::string> words;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) words.push_back(cur);
    cur.clear();
  };
  for (size_t i = 0; i < text.size();) {
    unsigned char c = text[i];
    if (c < 0x80) {
      if (std::isalnum(c)) {
        cur += static_cast<char>(std::tolower(c));
      } else {
        flush();
      }
      ++i;
      continue;
    }
    size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    uint32_t cp = 0;
    if (len == 2 && i + 1 < text.size()) cp = ((c & 0x1f) << 6) | (text[i + 1] & 0x3f);
    bool letter = cp >= 0xc0 && cp <= 0x24f && cp != 0xd7 && cp != 0xf7;
    if (letter) {
      cur += text.substr(i, len);
    } else {
      flush();
    }
    i += len;
  }
  flush();
  return words;
}

// ---------------------------------------------------------------------------
// Own words: what a content file says, split into the segments the check reads.

// A piece of a segment: the words of one table cell or of running text.
// A run is exempt only when every piece it touches is a data cell (a short
// table or CSV cell: a number, a category, a name), because a row of such
// cells is a data fact, not a sentence.
struct Piece {
  std::vector<std::string> words;
  bool data_cell = false;
};
using Segment = std::vector<Piece>;

constexpr size_t kRun = 10;
constexpr size_t kLongQuote = 40;  // words; a longer quotation is not exempt
constexpr size_t kDataCell = 5;    // words; a longer cell is text, not a value

std::string DropUrls(std::string line) {
  for (size_t p = line.find("http"); p != std::string::npos; p = line.find("http", p)) {
    size_t e = line.find_first_of(" \t)>\"'", p);
    line.erase(p, e == std::string::npos ? std::string::npos : e - p);
  }
  return line;
}

// Splits a paragraph at its marked quotations: text between a matching pair
// of double quotes (straight or curly) within this paragraph. A quotation of
// at most kLongQuote words is dropped (and breaks the run); a longer one is
// kept and checked like any other text. An unmatched opening quote exempts
// nothing.
void AddParagraph(const std::string& raw, std::vector<Segment>* out) {
  std::string text = Normalise(DropUrls(raw));  // curly quotes become straight ones
  Segment seg(1);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find('"', pos);
    size_t close = open == std::string::npos ? std::string::npos : text.find('"', open + 1);
    if (close == std::string::npos) {
      auto w = Words(text.substr(pos));
      seg.back().words.insert(seg.back().words.end(), w.begin(), w.end());
      break;
    }
    auto before = Words(text.substr(pos, open - pos));
    seg.back().words.insert(seg.back().words.end(), before.begin(), before.end());
    auto quoted = Words(text.substr(open + 1, close - open - 1));
    if (quoted.size() > kLongQuote) {
      seg.back().words.insert(seg.back().words.end(), quoted.begin(), quoted.end());
    } else {
      out->push_back(seg);  // the quotation breaks the run
      seg.assign(1, Piece{});
    }
    pos = close + 1;
  }
  out->push_back(seg);
}

// Markdown (a body or a YAML string): paragraphs of running text; each
// Markdown table one segment of cells across all its rows (so a run that
// spans rows is checked); each blockquote dropped when it is a short marked
// quotation and checked like text when it runs to more than kLongQuote words.
void AddMarkdown(const std::string& text, std::vector<Segment>* out) {
  std::vector<std::string> lines;
  {
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
  }
  std::string para;
  auto flush = [&] {
    if (para.find_first_not_of(" \t\n") != std::string::npos) AddParagraph(para, out);
    para.clear();
  };
  for (size_t i = 0; i < lines.size();) {
    const std::string& line = lines[i];
    size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos) {
      flush();
      ++i;
      continue;
    }
    if (line[first] == '>') {
      flush();
      std::string quote;
      for (; i < lines.size(); ++i) {
        size_t f = lines[i].find_first_not_of(" \t");
        if (f == std::string::npos || lines[i][f] != '>') break;
        quote += lines[i].substr(f + 1) + "\n";
      }
      auto w = Words(DropUrls(quote));
      if (w.size() > kLongQuote) out->push_back({Piece{w, false}});
      continue;
    }
    if (line[first] == '|') {
      flush();
      Segment table;
      for (; i < lines.size(); ++i) {
        size_t f = lines[i].find_first_not_of(" \t");
        if (f == std::string::npos || lines[i][f] != '|') break;
        if (lines[i].find_first_not_of(" \t|-:") == std::string::npos) continue;  // |---|
        for (const auto& cell : commonplace::Split(lines[i].substr(f), '|')) {
          auto w = Words(DropUrls(cell));
          if (!w.empty()) table.push_back({w, w.size() <= kDataCell});
        }
      }
      out->push_back(table);
      continue;
    }
    para += line + "\n";
    ++i;
  }
  flush();
}

// YAML: every string value is read as Markdown; a list of strings is read
// as one segment, so a run copied across list items is found. Keys are not
// content. The `title` of a source or resource is its name and is skipped.
void AddYaml(const YAML::Node& node, bool titles_are_names, std::vector<Segment>* out) {
  if (node.IsScalar()) {
    AddMarkdown(node.Scalar(), out);
  } else if (node.IsSequence()) {
    bool all_scalars = true;
    for (const auto& item : node) all_scalars = all_scalars && item.IsScalar();
    if (all_scalars) {
      std::string joined;
      for (const auto& item : node) joined += item.Scalar() + "\n";
      AddMarkdown(joined, out);
    } else {
      for (const auto& item : node) AddYaml(item, titles_are_names, out);
    }
  } else if (node.IsMap()) {
    for (const auto& kv : node) {
      // In the lists of sources and resources, titles, organisations and
      // addresses are names the source prints, not prose.
      if (titles_are_names && (kv.first.Scalar() == "title" || kv.first.Scalar() == "organisation" ||
                               kv.first.Scalar() == "url" || kv.first.Scalar() == "url_printed")) {
        continue;
      }
      if (kv.first.Scalar() == "quotations" && kv.second.IsSequence()) {
        // A finding's quotations are marked quotations (the loader caps them
        // at 40 words); "quotations appear word for word" checks them.
        for (const auto& q : kv.second) {
          if (!q.IsMap()) continue;
          for (const auto& f : q) {
            if (f.first.Scalar() != "text") AddYaml(f.second, titles_are_names, out);
          }
        }
        continue;
      }
      AddYaml(kv.second, titles_are_names, out);
    }
  }
}

// A CSV dataset: every cell is a piece, and the whole file one segment, so
// runs across cells and rows are read. CSV is scanned, not excluded: the
// cells of a data table legitimately repeat the source (a category the
// report names, a count, a participant's role as its table prints it), and
// a run made only of such values is a data fact, so it is exempt. What the
// descriptor declares a `text` column is prose and is checked, as is any
// cell of more than kDataCell words when the file has no descriptor.
// `types` are the descriptor's column types, in order (empty: none).
void AddCsv(const std::string& text, const std::vector<std::string>& types, std::vector<Segment>* out) {
  Segment seg;
  std::string cell;
  bool quoted = false;
  size_t column = 0, row = 0;
  auto end_cell = [&] {
    auto w = Words(DropUrls(cell));
    bool data = types.empty() ? w.size() <= kDataCell
                              : row == 0 || column >= types.size() || types[column] != "text";
    if (!w.empty()) seg.push_back({w, data});
    cell.clear();
    ++column;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      end_cell();
    } else if (c == '\n') {
      end_cell();
      column = 0;
      ++row;
    } else if (c != '\r') {
      cell += c;
    }
  }
  end_cell();
  out->push_back(seg);
}

std::vector<Segment> FileSegments(const std::string& rel, const std::string& text) {
  std::vector<Segment> out;
  auto ends = [&](const std::string& ext) {
    return rel.size() > ext.size() && rel.compare(rel.size() - ext.size(), ext.size(), ext) == 0;
  };
  auto yaml = [&](const std::string& y, bool names) {
    try {
      AddYaml(YAML::Load(y), names, &out);
    } catch (const YAML::Exception&) {
      AddMarkdown(y, &out);  // unreadable YAML is still read, as text
    }
  };
  if (ends(".csv")) {
    std::vector<std::string> types;
    fs::path descriptor = kRoot / (rel.substr(0, rel.size() - 4) + ".yaml");
    if (fs::exists(descriptor)) {
      try {
        for (const auto& c : YAML::LoadFile(descriptor.string())["columns"]) {
          types.push_back(c["type"] ? c["type"].as<std::string>() : "text");
        }
      } catch (const YAML::Exception&) {
        types.clear();
      }
    }
    AddCsv(text, types, &out);
  } else if (ends(".yaml")) {
    yaml(text, rel == "content/sources.yaml" || rel == "content/resources.yaml");
  } else {
    commonplace::Diagnostics d;
    commonplace::FrontMatter fm;
    if (commonplace::SplitFrontMatter(rel, text, &fm, d)) {
      yaml(fm.yaml, false);
      AddMarkdown(fm.body, &out);
    } else {
      AddMarkdown(text, &out);
    }
  }
  return out;
}

uint64_t Hash(const std::vector<std::string>& w, size_t start, size_t n) {
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = start; i < start + n; ++i) {
    for (char c : w[i]) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    h = (h ^ ' ') * 1099511628211ULL;
  }
  return h;
}

std::unordered_set<uint64_t> RunsOf(const std::vector<std::string>& w) {
  std::unordered_set<uint64_t> runs;
  for (size_t i = 0; i + kRun <= w.size(); ++i) runs.insert(Hash(w, i, kRun));
  return runs;
}

// The copied runs of `segments` (each as its words), none overlapping.
std::vector<std::string> CopiedRuns(const std::vector<Segment>& segments,
                                    const std::unordered_set<uint64_t>& seed_runs) {
  std::vector<std::string> found;
  for (const auto& seg : segments) {
    std::vector<std::string> w;
    std::vector<size_t> piece;
    for (size_t p = 0; p < seg.size(); ++p) {
      for (const auto& word : seg[p].words) {
        w.push_back(word);
        piece.push_back(p);
      }
    }
    for (size_t i = 0; i + kRun <= w.size(); ++i) {
      if (!seed_runs.count(Hash(w, i, kRun))) continue;
      bool all_data = true;
      for (size_t k = i; k < i + kRun; ++k) all_data = all_data && seg[piece[k]].data_cell;
      if (all_data) continue;
      std::string run;
      for (size_t k = i; k < i + kRun; ++k) run += w[k] + " ";
      found.push_back(run);
      i += kRun - 1;  // report the next copied run, not this one again
    }
  }
  return found;
}

std::vector<std::string> ContentFiles() {
  std::vector<std::string> files;
  for (const char* dir : {"casestudies", "content"}) {
    for (const auto& f : commonplace::ListFiles(kRoot, dir, "")) {
      for (const char* ext : {".md", ".yaml", ".csv"}) {
        std::string e = ext;
        if (f.size() > e.size() && f.compare(f.size() - e.size(), e.size(), e) == 0) {
          files.push_back(f);
        }
      }
    }
  }
  return files;
}

// ---------------------------------------------------------------------------
// Fidelity: a figure against the text of the source it cites.

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

bool Blank(const std::string& l) { return l.find_first_not_of(" \t\r") == std::string::npos; }

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A numbered heading of the CUP report ("10.2.1. Impacts on …", " 6. Strategies …"):
// its number, or "" when the line is not one. Numbered list items ("1. They
// require …") start at the margin and are not chapter headings.
std::string HeadingNumber(const std::string& line) {
  size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  size_t start = i;
  while (i < line.size() && (std::isdigit(static_cast<unsigned char>(line[i])) || line[i] == '.')) ++i;
  std::string num = line.substr(start, i - start);
  while (!num.empty() && num.back() == '.') num.pop_back();
  if (num.empty() || i >= line.size() || line[i] != ' ') return "";
  if (i + 1 >= line.size() || !std::isupper(static_cast<unsigned char>(line[i + 1]))) return "";
  bool sub = num.find('.') != std::string::npos;
  if (!sub && start == 0) return "";  // a list item, not a chapter
  if (line.size() > 120) return "";
  return num;
}

using Range = std::pair<size_t, size_t>;  // 0-based lines, inclusive

// The line ranges of `seed` that one locator points to: "line N", "lines
// A–B", "§X.Y" (the numbered section, children included; "Ch 13 §10.1"
// is the section numbered so inside chapter 13, which restarts the
// numbering) and headings named in it ("Successful partnership outcomes").
std::vector<Range> Resolve(const std::vector<std::string>& seed, const std::string& raw) {
  std::vector<Range> ranges;
  std::string loc = Normalise(raw);
  std::vector<std::string> parts = commonplace::Split(loc, ';');
  for (std::string part : parts) {
    // line N / lines A-B
    for (size_t p = part.find("line"); p != std::string::npos; p = part.find("line", p + 4)) {
      size_t d = part.find_first_of("0123456789", p);
      if (d == std::string::npos || d > p + 7) continue;
      size_t e = part.find_first_not_of("0123456789", d);
      size_t a = std::stoul(part.substr(d, e - d));
      size_t b = a;
      if (e != std::string::npos && e + 1 < part.size() && part[e] == '-' &&
          std::isdigit(static_cast<unsigned char>(part[e + 1]))) {
        size_t e2 = part.find_first_not_of("0123456789", e + 1);
        b = std::stoul(part.substr(e + 1, e2 - e - 1));
      }
      if (a >= 1 && b >= a && b <= seed.size()) ranges.push_back({a - 1, b - 1});
    }
    // §X.Y
    size_t s = part.find("\u00a7");
    if (s != std::string::npos) {
      size_t d = s + 2;
      size_t e = part.find_first_not_of("0123456789.", d);
      std::string num = part.substr(d, e == std::string::npos ? std::string::npos : e - d);
      while (!num.empty() && num.back() == '.') num.pop_back();
      size_t from = 0;
      size_t ch = part.find("Ch ");
      if (ch != std::string::npos && ch < s) {
        std::string chapter = part.substr(ch + 3, part.find(' ', ch + 3) - ch - 3);
        for (size_t i = 0; i < seed.size(); ++i) {
          if (HeadingNumber(seed[i]) == chapter) {
            from = i;
            break;
          }
        }
      }
      for (size_t i = from; i < seed.size() && !num.empty(); ++i) {
        if (HeadingNumber(seed[i]) != num) continue;
        size_t j = i + 1;
        for (; j < seed.size(); ++j) {
          std::string h = HeadingNumber(seed[j]);
          if (!h.empty() && h.compare(0, num.size() + 1, num + ".") != 0) break;
        }
        ranges.push_back({i, j - 1});
        break;
      }
    }
    // A heading named in the locator: up to the next heading.
    std::string lp = Lower(part);
    for (std::string name : {lp, lp.substr(lp.find(',') == std::string::npos ? 0 : lp.find(',') + 1)}) {
      size_t b = name.find_first_not_of(" ");
      size_t e = name.find_last_not_of(" ");
      if (b == std::string::npos) continue;
      name = name.substr(b, e - b + 1);
      if (name.size() < 5) continue;
      for (size_t i = 0; i < seed.size(); ++i) {
        if (seed[i].empty() || seed[i][0] != '#') continue;
        std::string plain;
        for (char c : Lower(seed[i])) {
          if (c != '#' && c != '*' && c != '_') plain += c;
        }
        if (plain.find(name) == std::string::npos) continue;
        size_t j = i + 1;
        while (j < seed.size() && (seed[j].empty() || seed[j][0] != '#')) ++j;
        ranges.push_back({i, j - 1});
      }
    }
  }
  return ranges;
}

// The paragraph (lines between blank lines) around line i.
Range ParagraphAt(const std::vector<std::string>& seed, size_t i) {
  size_t a = i, b = i;
  while (a > 0 && !Blank(seed[a - 1])) --a;
  while (b + 1 < seed.size() && !Blank(seed[b + 1])) ++b;
  return {a, b};
}

const std::set<std::string>& Stopwords() {
  static const std::set<std::string> kWords = {
      "about", "after", "also", "because", "been", "before", "being", "each", "every", "from",
      "have", "into", "last", "more", "most", "other", "over", "probably", "same", "than",
      "that", "their", "them", "then", "there", "these", "they", "this", "those", "through",
      "under", "what", "when", "where", "which", "while", "with", "would", "year", "years"};
  return kWords;
}

// Does the paragraph share a word (by its first five letters) with the label?
bool SharesLabelWord(const std::string& paragraph, const std::string& label) {
  auto pw = Words(paragraph);
  std::set<std::string> stems;
  for (const auto& w : pw) {
    if (w.size() >= 4) stems.insert(w.substr(0, std::min<size_t>(w.size(), 5)));
  }
  for (const auto& w : Words(label)) {
    if (w.size() < 4 || Stopwords().count(w)) continue;
    if (stems.count(w.substr(0, std::min<size_t>(w.size(), 5)))) return true;
  }
  return false;
}

// English number words in `words` starting at i: their value and length.
bool NumberWords(const std::vector<std::string>& words, size_t i, long* value, size_t* len) {
  static const std::map<std::string, long> kSmall = {
      {"zero", 0},      {"one", 1},        {"two", 2},       {"three", 3},     {"four", 4},
      {"five", 5},      {"six", 6},        {"seven", 7},     {"eight", 8},     {"nine", 9},
      {"ten", 10},      {"eleven", 11},    {"twelve", 12},   {"thirteen", 13}, {"fourteen", 14},
      {"fifteen", 15},  {"sixteen", 16},   {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},
      {"twenty", 20},   {"thirty", 30},    {"forty", 40},    {"fifty", 50},    {"sixty", 60},
      {"seventy", 70},  {"eighty", 80},    {"ninety", 90}};
  long total = 0, cur = 0;
  size_t j = i;
  bool any = false;
  for (; j < words.size(); ++j) {
    const std::string& w = words[j];
    auto it = kSmall.find(w);
    if (it != kSmall.end()) {
      cur += it->second;
    } else if (w == "hundred" && any) {
      cur *= 100;
    } else if (w == "thousand" && any) {
      total += cur * 1000;
      cur = 0;
    } else if (w == "million" && any) {
      total += cur * 1000000;
      cur = 0;
    } else if (w == "and" && any && j + 1 < words.size() && kSmall.count(words[j + 1])) {
      continue;
    } else {
      break;
    }
    any = true;
  }
  if (!any) return false;
  *value = total + cur;
  *len = j - i;
  return true;
}

// Checks one figure against the text of its source. `fallback` are the
// locators the case study gives for the same source, used when the figure's
// own locator resolves to no lines. On failure `why` says what is missing.
bool FigureSupported(const std::string& seed_text, const commonplace::Figure& fig,
                     const std::vector<std::string>& fallback, std::string* why,
                     std::string* scope = nullptr) {
  auto seed = Lines(seed_text);
  std::vector<Range> ranges = Resolve(seed, fig.locator);
  std::string where = "at its locator '" + fig.locator + "'";
  if (ranges.empty()) {
    for (const auto& l : fallback) {
      auto r = Resolve(seed, l);
      ranges.insert(ranges.end(), r.begin(), r.end());
    }
    where = "where the case study's locators point";
  }
  if (ranges.empty()) {
    ranges.push_back({0, seed.empty() ? 0 : seed.size() - 1});
    where = "anywhere (no locator could be resolved to lines)";
  }
  if (scope) *scope = where;
  // A single line or a short range stands for its paragraphs.
  for (auto& r : ranges) {
    r.first = ParagraphAt(seed, r.first).first;
    r.second = ParagraphAt(seed, r.second).second;
  }

  const std::string unit = Lower(fig.unit);
  const bool pounds = unit.find("pound") != std::string::npos ||
                      fig.unit.find("\u00a3") != std::string::npos || unit.find("gbp") != std::string::npos;
  const bool dollars = unit.find("dollar") != std::string::npos || fig.unit.find('$') != std::string::npos;
  const bool euros = unit.find("euro") != std::string::npos || fig.unit.find("\u20ac") != std::string::npos;
  const bool million = unit.find("million") != std::string::npos;
  const bool thousand = unit.find("thousand") != std::string::npos;
  const bool percent = unit.find('%') != std::string::npos || unit.find("per cent") != std::string::npos ||
                       unit.find("percent") != std::string::npos;
  const bool in_words = !fig.printed.empty() || unit.find("in words") != std::string::npos ||
                        unit.find("printed as") != std::string::npos;

  std::string value = fig.value;
  std::string digits;
  for (char c : value) {
    if (c != ',') digits += c;
  }
  long numeric = -1;
  if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos && digits.size() < 10) {
    numeric = std::stol(digits);
  }

  bool number_seen = false, label_seen = false;
  // The number is at seed line `li`: does its paragraph share a word with
  // the figure's label?
  auto FoundNearLabel = [&](size_t li) {
    number_seen = true;
    auto para = ParagraphAt(seed, li);
    std::string text;
    for (size_t k = para.first; k <= para.second; ++k) text += seed[k] + "\n";
    return SharesLabelWord(text, fig.label);
  };
  for (const auto& [a, b] : ranges) {
    for (size_t li = a; li <= b && li < seed.size(); ++li) {
      const std::string line = Normalise(seed[li]);
      // Digits: a whole number (commas between thousands allowed), not part
      // of a longer number or a decimal.
      for (size_t p = 0; p < line.size(); ++p) {
        if (!std::isdigit(static_cast<unsigned char>(line[p]))) continue;
        if (p > 0 && (std::isdigit(static_cast<unsigned char>(line[p - 1])) ||
                      ((line[p - 1] == '.' || line[p - 1] == ',') && p > 1 &&
                       std::isdigit(static_cast<unsigned char>(line[p - 2]))))) {
          continue;
        }
        size_t e = p;
        std::string num;
        while (e < line.size() && (std::isdigit(static_cast<unsigned char>(line[e])) ||
                                   (line[e] == ',' && e + 3 < line.size() + 1 && e + 1 < line.size() &&
                                    std::isdigit(static_cast<unsigned char>(line[e + 1]))))) {
          if (line[e] != ',') num += line[e];
          ++e;
        }
        std::string after = Lower(line.substr(e, 12));
        if (!after.empty() && after[0] == '.' && after.size() > 1 &&
            std::isdigit(static_cast<unsigned char>(after[1]))) {
          continue;  // a decimal
        }
        if (num != digits) continue;
        std::string before = line.substr(p >= 4 ? p - 4 : 0, p >= 4 ? 4 : p);
        bool has_pound = before.find("\u00a3") != std::string::npos;
        bool has_dollar = !before.empty() && before.back() == '$';
        bool has_euro = before.find("\u20ac") != std::string::npos;
        if (pounds != has_pound || dollars != has_dollar || euros != has_euro) continue;
        auto starts = [&](const char* s) { return after.rfind(s, 0) == 0; };
        bool has_million = starts("m ") || starts("m.") || starts("m,") || starts("m)") || after == "m" ||
                           starts("mn") || starts(" million") || starts("million");
        bool has_thousand = starts("k ") || starts("k.") || starts("k,") || starts("k)") || after == "k" ||
                            starts(" thousand");
        if (million != has_million || thousand != has_thousand) continue;
        if (percent && !(starts("%") || starts(" per cent") || starts(" percent"))) continue;
        if ((label_seen = FoundNearLabel(li))) break;
      }
      if (label_seen) break;
      // Words: only when the figure says the source prints it in words.
      if (in_words && numeric >= 0) {
        auto w = Words(line);
        for (size_t i = 0; i < w.size(); ++i) {
          long v;
          size_t len;
          if (!NumberWords(w, i, &v, &len)) continue;
          i += len - 1;
          if (v != numeric) continue;
          if ((label_seen = FoundNearLabel(li))) break;
        }
      }
      if (label_seen) break;
    }
    if (label_seen) break;
  }
  if (label_seen) return true;
  if (why) {
    *why = number_seen ? "the number appears " + where + " but in no paragraph that shares a word with its label"
                       : "the number" + std::string(pounds ? " (in pounds)" : "") +
                             std::string(million ? " (millions)" : thousand ? " (thousands)" : "") +
                             " does not appear " + where;
  }
  return false;
}

bool LoadShipped(commonplace::Library* lib, commonplace::Diagnostics& diags) {
  commonplace::BuildOptions options;
  options.root = kRoot.string();
  options.write = false;
  options.threads = 2;
  return commonplace::LoadAndValidate(options, lib, diags);
}

}  // namespace

TEST_CASE("the shipped content validates with no errors") {
  commonplace::Library lib;
  commonplace::Diagnostics diags;
  bool ok = LoadShipped(&lib, diags);
  std::string report;
  for (const auto& d : diags.items()) {
    if (d.severity == commonplace::Severity::kError) report += commonplace::FormatHeadline(d) + "\n";
  }
  CHECK_MESSAGE(diags.ErrorCount() == 0, "validation errors:\n" << report);
  CHECK(ok);
  CHECK(lib.case_studies.size() >= 35);
  CHECK(lib.recommendations.size() >= 60);
}

TEST_CASE("every referenced source, principle and term exists") {
  commonplace::Library lib;
  commonplace::Diagnostics diags;
  LoadShipped(&lib, diags);
  REQUIRE(!lib.case_studies.empty());
  std::vector<std::string> missing;
  auto source = [&](const std::string& where, const std::string& id) {
    if (lib.FindSource(id) == nullptr) missing.push_back(where + ": source '" + id + "'");
  };
  auto sources = [&](const std::string& where, const std::vector<commonplace::SourceRef>& refs) {
    for (const auto& r : refs) source(where, r.source);
  };
  auto term = [&](const std::string& where, const std::string& vocab, const std::string& id) {
    if (id.empty()) return;
    const commonplace::Vocabulary* v = lib.FindVocabulary(vocab);
    if (v == nullptr) {
      missing.push_back(where + ": vocabulary '" + vocab + "'");
    } else if (v->Find(id) == nullptr) {
      missing.push_back(where + ": term '" + id + "' of " + vocab);
    }
  };
  auto terms = [&](const std::string& where, const std::string& vocab, const std::vector<std::string>& ids) {
    for (const auto& id : ids) term(where, vocab, id);
  };
  int refs = 0;
  for (const auto& cs : lib.case_studies) {
    const std::string& w = cs.path;
    CHECK_MESSAGE(!cs.sources.empty(), w << " cites no source");
    sources(w, cs.sources);
    for (const auto& f : cs.figures) {
      if (!f.source.empty()) source(w, f.source);
    }
    for (const auto& p : cs.principles) {
      if (lib.FindPrinciple(p) == nullptr) missing.push_back(w + ": principle '" + p + "'");
    }
    term(w, "partnership-types", cs.partnership_type);
    for (const auto& pl : cs.places) term(w, "regions", pl.region);
    for (const auto& pa : cs.partners) {
      term(w, "partner-kinds", pa.kind);
      term(w, "ci-categories", pa.ci_category);
    }
    term(w, "formality", cs.formality);
    term(w, "partnership-models", cs.partnership_model);
    terms(w, "activities", cs.activities);
    terms(w, "emergence", cs.emergence);
    terms(w, "drivers", cs.drivers);
    terms(w, "barriers", cs.barriers);
    terms(w, "enablers", cs.enablers);
    terms(w, "strategies", cs.strategies);
    terms(w, "learning-types", cs.learning);
    for (const auto& im : cs.impacts) {
      term(w, "impact-areas", im.area);
      term(w, "impact-levels", im.level);
    }
    for (const auto& u : cs.term_uses) term(w, u.vocab, u.term);
    refs += static_cast<int>(cs.sources.size() + cs.principles.size() + cs.term_uses.size());
  }
  for (const auto& p : lib.principles) {
    CHECK_MESSAGE(!p.sources.empty(), p.path << " cites no source");
    sources(p.path, p.sources);
    term(p.path, "principle-groups", p.group);
    for (const auto& u : p.term_uses) term(p.path, u.vocab, u.term);
  }
  for (const auto& r : lib.recommendations) {
    std::string w = r.path + " (" + r.id + ")";
    CHECK_MESSAGE(!r.sources.empty(), w << " cites no source");
    sources(w, r.sources);
    term(w, "audiences", r.audience);
    terms(w, "topics", r.themes);
  }
  for (const auto& r : lib.resources) {
    std::string w = r.path + " (" + r.id + ")";
    sources(w, r.sources);
    term(w, "resource-kinds", r.kind);
    terms(w, "topics", r.topics);
  }
  for (const auto& ws : lib.worksheets) {
    CHECK_MESSAGE(!ws.sources.empty(), ws.path << " cites no source");
    sources(ws.path, ws.sources);
  }
  for (const auto& d : lib.datasets) {
    CHECK_MESSAGE(!d.sources.empty(), d.path << " cites no source");
    sources(d.path, d.sources);
  }
  for (const auto& v : lib.vocabularies) {
    sources(v.path, v.sources);
    for (const auto& t : v.terms) {
      sources(v.path + " (" + t.id + ")", t.sources);
      if (!t.parent.empty()) term(v.path + " (" + t.id + ")", v.id, t.parent);
    }
  }
  std::string list;
  for (const auto& m : missing) list += "  " + m + "\n";
  CHECK_MESSAGE(missing.empty(), "unknown references:\n" << list);
  CHECK(refs > 100);
}

TEST_CASE("own-words check: normalisation, quotations, tables and CSV") {
  std::unordered_set<uint64_t> seed = RunsOf(Words(
      "The university\u2019s civic partners \u2013 \ufb01rst among them \u2013 met every week to plan "
      "the work together with residents and staff over several long months of the year"));
  auto copied = [&](const std::string& rel, const std::string& text) {
    return !CopiedRuns(FileSegments(rel, text), seed).empty();
  };
  // Typographic quotes, dashes and ligatures match their plain forms.
  CHECK(copied("a.md", "The university's civic partners - first among them - met every week to plan the work.\n"));
  // A short marked quotation is exempt; an unmatched curly quote exempts nothing.
  CHECK_FALSE(copied("a.md", "They said \u201cThe university's civic partners - first among them - met every week "
                             "to plan the work\u201d.\n"));
  CHECK(copied("a.md", "\u201cAn opening quote.\n\nThe university's civic partners - first among them - met every "
                       "week to plan the work.\n\nA closing one\u201d\n"));
  // Short blockquotes are exempt.
  CHECK_FALSE(copied("a.md", "> The university's civic partners - first among them - met every week to plan.\n"));
  // A long quotation (over 40 words) is not.
  std::string filler = " and then many more words of our own that go on and on for quite a while here";
  CHECK(copied("a.md", "\"The university's civic partners - first among them - met every week to plan the work" +
                           filler + filler + "\"\n"));
  // A run spanning table rows is found; one made only of short data cells is not.
  CHECK(copied("a.md", "| The university's civic partners - first among them |\n|---|\n"
                       "| met every week to plan the work |\n"));
  CHECK_FALSE(copied("a.md", "| the | university | s | civic |\n| partners | first | among | them |\n"
                             "| met | every | week | to | plan |\n"));
  CHECK_FALSE(copied("d.csv", "the,university,s,civic,partners,first\namong,them,met,every,week,to,plan\n"));
  CHECK(copied("d.csv", "x,\"The university's civic partners, first among them, met every week to plan\"\n"));
  // Two copied runs in one segment are both reported.
  CHECK(CopiedRuns(FileSegments("a.md", "The university's civic partners - first among them - met every week "
                                        "to plan. But the university's civic partners - first among them - met "
                                        "every week to plan.\n"), seed).size() == 2);
  // YAML strings are read; keys and the YAML quotes around a value are not quotations.
  CHECK(copied("a.yaml", "summary: \"The university's civic partners - first among them - met every week to plan\"\n"));
}

TEST_CASE("content is written in our own words") {
  if (!fs::is_directory(kSeeds)) {
    MESSAGE("../shared/seeds is absent: skipping the own-words check");
    return;
  }
  std::unordered_set<uint64_t> seed_runs;
  for (const auto& e : fs::directory_iterator(kSeeds)) {
    if (e.path().extension() != ".txt") continue;
    auto runs = RunsOf(Words(*commonplace::ReadFile(e.path())));
    seed_runs.insert(runs.begin(), runs.end());
  }
  REQUIRE(seed_runs.size() > 10000);
  int files = 0, csv = 0;
  for (const auto& rel : ContentFiles()) {
    ++files;
    if (rel.size() > 4 && rel.compare(rel.size() - 4, 4, ".csv") == 0) ++csv;
    for (const auto& run : CopiedRuns(FileSegments(rel, *commonplace::ReadFile(kRoot / rel)), seed_runs)) {
      FAIL_CHECK(rel << " copies a run of " << kRun << " words from a source: " << run);
    }
  }
  CHECK(files > 50);
  CHECK(csv >= 3);
}

TEST_CASE("the figures check fails on a number the source does not support") {
  const std::string seed =
      "# Report\n\n## Funding\n\n"
      "Each small grant was \u00a32,000 and the fund gave out \u00a310m in all.\n\n"
      "Last year we welcomed over 160 people each week, with 58 partners.\n\n"
      "So we joined a cluster of twelve schools in the city.\n\n"
      "## Staff\n\nThe team had 7 members and met 160 times.\n";
  auto fig = [](std::string label, std::string value, std::string unit, std::string locator) {
    commonplace::Figure f;
    f.label = label;
    f.value = value;
    f.unit = unit;
    f.locator = locator;
    return f;
  };
  std::string why;
  // Sound figures pass.
  CHECK(FigureSupported(seed, fig("Size of each small grant", "2000", "pounds", "Funding"), {}, &why));
  CHECK(FigureSupported(seed, fig("Fund in all", "10", "million pounds (\u00a310m)", "Funding"), {}, &why));
  CHECK(FigureSupported(seed, fig("People welcomed each week", "160", "people", "line 7"), {}, &why));
  CHECK(FigureSupported(seed, fig("Schools in the cluster", "12", "schools (printed as \"twelve\")", "line 9"), {},
                        &why));
  // A wrong number fails.
  CHECK_FALSE(FigureSupported(seed, fig("People welcomed each week", "161", "people", "line 7"), {}, &why));
  CHECK(why.find("does not appear") != std::string::npos);
  // A number elsewhere in the file, but not where the locator points, fails.
  CHECK_FALSE(FigureSupported(seed, fig("Team members", "7", "people", "Funding"), {}, &why));
  // The locator's paragraph must be about the label.
  CHECK_FALSE(FigureSupported(seed, fig("Staff meetings held", "160", "meetings", "line 7"), {}, &why));
  // The currency and scale must match.
  CHECK_FALSE(FigureSupported(seed, fig("People welcomed each week", "160", "pounds", "line 7"), {}, &why));
  CHECK_FALSE(FigureSupported(seed, fig("Size of each small grant", "2000", "people", "Funding"), {}, &why));
  CHECK_FALSE(FigureSupported(seed, fig("Fund in all", "10", "thousand pounds", "Funding"), {}, &why));
  // Words count only when the figure says the source prints it in words.
  CHECK_FALSE(FigureSupported(seed, fig("Schools in the cluster", "12", "schools", "line 9"), {}, &why));
  CHECK_FALSE(FigureSupported(seed, fig("Schools in the cluster", "13", "schools (in words)", "line 9"), {}, &why));
  // The case study's own locators are the fallback when the figure's has no lines.
  CHECK(FigureSupported(seed, fig("Team members", "7", "people", "p.4"), {"Staff"}, &why));
  CHECK_FALSE(FigureSupported(seed, fig("Team members", "7", "people", "p.4"), {"Funding"}, &why));
}

TEST_CASE("every figure appears in the source it cites") {
  if (!fs::is_directory(kSeeds)) {
    MESSAGE("../shared/seeds is absent: skipping the figures check");
    return;
  }
  commonplace::Library lib;
  commonplace::Diagnostics diags;
  LoadShipped(&lib, diags);
  int checked = 0;
  std::map<std::string, int> by_scope;
  for (const auto& cs : lib.case_studies) {
    for (const auto& fig : cs.figures) {
      std::string source = !fig.source.empty() ? fig.source : cs.sources.empty() ? "" : cs.sources[0].source;
      auto file = SeedFiles().find(source);
      REQUIRE_MESSAGE(file != SeedFiles().end(), cs.path << ": unknown source " << source);
      std::vector<std::string> fallback;
      for (const auto& s : cs.sources) {
        if (s.source == source) fallback.push_back(s.locator);
      }
      std::string why, scope;
      bool ok = FigureSupported(*commonplace::ReadFile(kSeeds / file->second), fig, fallback, &why, &scope);
      ++by_scope[scope.substr(0, scope.find(" '"))];
      CHECK_MESSAGE(ok, cs.path << ": figure " << fig.value << " " << fig.unit << " ('" << fig.label
                                << "'): " << why << " in " << file->second);
      ++checked;
    }
  }
  std::string summary;
  for (const auto& [scope, n] : by_scope) summary += "  " + std::to_string(n) + " looked for " + scope + "\n";
  MESSAGE(checked << " figures checked:\n" << summary);
  CHECK(checked >= 10);
}

// ---------------------------------------------------------------------------
// Findings: quotations and the counts a theme page shows.

namespace {

// Whitespace collapsed and typographic quotes made plain; nothing else.
std::string QuoteForm(const std::string& s) {
  std::string n = Normalise(s), out;
  bool space = false;
  for (char c : n) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

YAML::Node FrontMatterOf(const std::string& rel) {
  commonplace::Diagnostics d;
  commonplace::FrontMatter fm;
  REQUIRE(commonplace::SplitFrontMatter(rel, *commonplace::ReadFile(kRoot / rel), &fm, d));
  return YAML::Load(fm.yaml);
}

std::vector<std::string> Files(const std::string& dir) {
  return commonplace::ListFiles(kRoot, dir, ".md");
}

}  // namespace

TEST_CASE("every quotation in a finding appears word for word in a source it cites") {
  if (!fs::is_directory(kSeeds)) {
    MESSAGE("../shared/seeds is absent: skipping the quotations check");
    return;
  }
  std::map<std::string, std::string> seeds;
  for (const auto& [id, file] : SeedFiles()) seeds[id] = QuoteForm(*commonplace::ReadFile(kSeeds / file));
  int quotations = 0;
  for (const auto& rel : Files("content/findings")) {
    YAML::Node fm = FrontMatterOf(rel);
    for (const auto& q : fm["quotations"]) {
      ++quotations;
      std::string text = QuoteForm(q["text"].as<std::string>());
      bool found = false;
      for (const auto& src : fm["sources"]) {
        auto it = seeds.find(src["source"].as<std::string>());
        found = found || (it != seeds.end() && it->second.find(text) != std::string::npos);
      }
      if (!found) FAIL_CHECK(rel << ": quotation not found word for word in its sources: " << text);
    }
  }
  CHECK(quotations >= 60);
}

TEST_CASE("the shipped site has at least 40 findings, most with attributed quotations") {
  auto files = Files("content/findings");
  CHECK(files.size() >= 40);
  std::set<std::string> codes;
  for (const auto& rel : files) {
    for (const auto& q : FrontMatterOf(rel)["quotations"]) codes.insert(q["by"].as<std::string>());
  }
  int participant_codes = 0;
  for (const auto& c : codes) participant_codes += c.size() > 3 && c[0] == 'R' && c.find('-') != std::string::npos;
  CHECK(participant_codes >= 20);
}

// The counts beside each theme's evidence label, recomputed here from the
// files themselves (not through the generator's model) and compared with
// the built page.
TEST_CASE("every count on a theme page is the count of the content") {
  // term → parent, per vocabulary
  std::map<std::string, std::map<std::string, std::string>> parents;
  for (const char* v : {"drivers", "barriers", "enablers", "impact-areas"}) {
    YAML::Node vocab = YAML::LoadFile((kRoot / "content/vocabularies" / (std::string(v) + ".yaml")).string());
    for (const auto& t : vocab["terms"]) {
      parents[v][t["id"].as<std::string>()] = t["parent"] ? t["parent"].as<std::string>() : "";
    }
  }
  auto ancestors = [&](const std::string& vocab, std::string term) {
    std::set<std::string> out;
    for (int i = 0; i < 16 && !term.empty() && out.insert(term).second; ++i) term = parents[vocab][term];
    return out;
  };
  struct Counts {
    std::set<std::string> findings, cases, sources, participants;
  };
  std::map<std::string, std::map<std::string, Counts>> counts;  // vocab → term → counts
  auto is_code = [](const std::string& s) {
    size_t dash = s.find('-');
    return s.size() > 3 && s[0] == 'R' && dash != std::string::npos && dash > 1 &&
           std::all_of(s.begin() + 1, s.begin() + dash, ::isdigit) &&
           (s.substr(dash + 1) == "CI" || s.substr(dash + 1) == "HEI");
  };
  const std::map<std::string, std::string> finding_keys = {
      {"drivers", "drivers"}, {"barriers", "barriers"}, {"enablers", "enablers"}, {"impact_areas", "impact-areas"}};
  for (const auto& rel : Files("content/findings")) {
    YAML::Node fm = FrontMatterOf(rel);
    for (const auto& [key, vocab] : finding_keys) {
      for (const auto& t : fm[key]) {
        for (const auto& term : ancestors(vocab, t.as<std::string>())) {
          Counts& c = counts[vocab][term];
          c.findings.insert(rel);
          for (const auto& s : fm["sources"]) c.sources.insert(s["source"].as<std::string>());
          for (const auto& p : fm["participants"]) if (is_code(p.as<std::string>())) c.participants.insert(p.as<std::string>());
          for (const auto& q : fm["quotations"]) if (is_code(q["by"].as<std::string>())) c.participants.insert(q["by"].as<std::string>());
        }
      }
    }
  }
  const std::map<std::string, std::string> case_keys = {{"drivers", "drivers"}, {"barriers", "barriers"}, {"enablers", "enablers"}};
  for (const auto& rel : Files("casestudies")) {
    YAML::Node fm = FrontMatterOf(rel);
    std::vector<std::pair<std::string, std::string>> uses;
    for (const auto& [key, vocab] : case_keys) {
      for (const auto& t : fm[key]) uses.push_back({vocab, t.as<std::string>()});
    }
    for (const auto& im : fm["impacts"]) uses.push_back({"impact-areas", im["area"].as<std::string>()});
    for (const auto& [vocab, t] : uses) {
      for (const auto& term : ancestors(vocab, t)) {
        Counts& c = counts[vocab][term];
        c.cases.insert(rel);
        for (const auto& s : fm["sources"]) c.sources.insert(s["source"].as<std::string>());
      }
    }
  }
  std::map<std::string, std::string> files;
  std::string errors;
  REQUIRE(commonplace::BuildInMemory(kRoot.string(), "", &files, &errors));
  int pages = 0;
  for (const auto& [vocab, terms] : parents) {
    for (const auto& [term, parent] : terms) {
      const std::string& html = files["browse/" + vocab + "/" + term + "/index.html"];
      REQUIRE_FALSE(html.empty());
      const Counts& c = counts[vocab][term];
      std::string expect = std::to_string(c.findings.size()) + " findings, " +
                           std::to_string(c.cases.size()) + " case studies, " +
                           std::to_string(c.sources.size()) + " sources";
      if (!c.participants.empty()) {
        expect += ", " + std::to_string(c.participants.size()) + " interview participants";
      }
      INFO(vocab << "/" << term);
      CHECK(html.find("</strong> \u2014 " + expect) != std::string::npos);
      ++pages;
    }
  }
  CHECK(pages > 40);
}

TEST_CASE("the accessibility statement names the checkers' versions the browser tests pin") {
  // The statement says which axe-core and Nu HTML Checker judge the site;
  // moving either in tests/browser/package-lock.json must move the statement.
  auto page = commonplace::ReadFile(kRoot / "content/pages/accessibility.md");
  auto lock = commonplace::ReadFile(kRoot / "tests/browser/package-lock.json");
  REQUIRE(page);
  REQUIRE(lock);
  YAML::Node json = YAML::Load(*lock);  // JSON is YAML
  for (const auto& [package, name] : std::vector<std::pair<std::string, std::string>>{
           {"axe-core", "axe-core checker (version "}, {"vnu-jar", "Nu HTML Checker (version "}}) {
    std::string version = json["packages"]["node_modules/" + package]["version"].as<std::string>();
    INFO(package, " ", version);
    CHECK(page->find(name + version + ")") != std::string::npos);
  }
  CHECK(page->find("contact: ") != std::string::npos);  // it ends with the host's contact
}
