// The shipped content against its sources: written in our own words (no
// run of 12 words copied from a report outside a marked quotation), and
// every figure a case study reports appears in the source it cites.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <filesystem>
#include <map>
#include <unordered_set>

#include "base/fs.h"
#include "load/front_matter.h"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = COMMONPLACE_SOURCE_DIR;
const fs::path kSeeds = kRoot / ".." / "shared" / "seeds";

// Lower-case words, punctuation as separators (UTF-8 letters kept).
std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> words;
  std::string cur;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c >= 0x80) {
      cur += static_cast<char>(std::tolower(c));
    } else if (!cur.empty()) {
      words.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(cur);
  return words;
}

// Drops marked quotations: Markdown blockquote lines and text between
// curly quotes.
std::string Unquoted(const std::string& text) {
  std::string out, line;
  bool in_quote = false;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      size_t first = line.find_first_not_of(" \t");
      if (first == std::string::npos || line[first] != '>') out += line + "\n";
      line.clear();
      continue;
    }
    if (text.compare(i, 3, "\u201c") == 0) {
      in_quote = true;
      i += 2;
      continue;
    }
    if (text.compare(i, 3, "\u201d") == 0) {
      in_quote = false;
      i += 2;
      continue;
    }
    if (!in_quote) line += text[i];
  }
  return out;
}

// Splits text into the segments the own-words check reads: each Markdown
// table row stands alone (a glossary row expands one acronym, and rows side
// by side are not a sentence), URLs are dropped, and so are the `title:`
// lines of sources and resources (a publication's title is its name).
std::vector<std::string> Segments(const std::string& rel, const std::string& text) {
  const bool titles_are_names = rel == "content/sources.yaml" || rel == "content/resources.yaml";
  std::vector<std::string> segments(1);
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    for (size_t p = line.find("http"); p != std::string::npos; p = line.find("http", p)) {
      size_t e = line.find_first_of(" \t)>\"'", p);
      line.erase(p, e == std::string::npos ? std::string::npos : e - p);
    }
    size_t first = line.find_first_not_of(" \t-");
    if (first == std::string::npos) {
      segments.back() += "\n";
      continue;
    }
    if (titles_are_names && line.compare(first, 6, "title:") == 0) {
      segments.emplace_back();
      continue;
    }
    if (line[first] == '|') {
      segments.push_back(line);
      segments.emplace_back();
      continue;
    }
    segments.back() += line + "\n";
  }
  return segments;
}

uint64_t Hash(const std::vector<std::string>& w, size_t start, size_t n) {
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = start; i < start + n; ++i) {
    for (char c : w[i]) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    h = (h ^ ' ') * 1099511628211ULL;
  }
  return h;
}

std::vector<std::string> ContentFiles() {
  std::vector<std::string> files;
  for (const char* dir : {"casestudies", "content"}) {
    for (const auto& f : commonplace::ListFiles(kRoot, dir, "")) {
      if (f.size() > 3 && (f.substr(f.size() - 3) == ".md" || f.substr(f.size() - 5) == ".yaml")) {
        files.push_back(f);
      }
    }
  }
  return files;
}

}  // namespace

TEST_CASE("content is written in our own words") {
  if (!fs::is_directory(kSeeds)) {
    MESSAGE("../shared/seeds is absent: skipping the own-words check");
    return;
  }
  constexpr size_t kRun = 12;
  std::unordered_set<uint64_t> seed_runs;
  for (const auto& e : fs::directory_iterator(kSeeds)) {
    if (e.path().extension() != ".txt") continue;
    auto w = Words(*commonplace::ReadFile(e.path()));
    for (size_t i = 0; i + kRun <= w.size(); ++i) seed_runs.insert(Hash(w, i, kRun));
  }
  REQUIRE(seed_runs.size() > 10000);
  int files = 0;
  for (const auto& rel : ContentFiles()) {
    ++files;
    bool reported = false;
    for (const auto& segment : Segments(rel, Unquoted(*commonplace::ReadFile(kRoot / rel)))) {
      auto w = Words(segment);
      for (size_t i = 0; i + kRun <= w.size() && !reported; ++i) {
        if (seed_runs.count(Hash(w, i, kRun))) {
          std::string run;
          for (size_t k = i; k < i + kRun; ++k) run += w[k] + " ";
          FAIL_CHECK(rel << " copies a run of " << kRun << " words from a source: " << run);
          reported = true;
        }
      }
    }
  }
  CHECK(files > 50);
}

TEST_CASE("every figure appears in the source it cites") {
  if (!fs::is_directory(kSeeds)) {
    MESSAGE("../shared/seeds is absent: skipping the figures check");
    return;
  }
  const std::map<std::string, std::string> seed_file = {
      {"hei-ci-2026", "hei-cultural-institutions-2026.txt"},
      {"cup-report", "cup-greater-than-sum-full-report.txt"},
      {"cup-summary", "cup-greater-than-sum-summary.txt"},
      {"prosperous-places-2022", "local-research-partnerships-2022.txt"},
      {"toolkit-2025", "equitable-partnerships-toolkit-2025.txt"}};
  int checked = 0;
  for (const auto& rel : commonplace::ListFiles(kRoot, "casestudies", ".md")) {
    std::string text = *commonplace::ReadFile(kRoot / rel);
    commonplace::Diagnostics d;
    commonplace::FrontMatter fm;
    if (!commonplace::SplitFrontMatter(rel, text, &fm, d)) continue;
    YAML::Node node = YAML::Load(fm.yaml);
    if (!node["figures"]) continue;
    std::string first_source = node["sources"][0]["source"].as<std::string>();
    for (const auto& fig : node["figures"]) {
      std::string source = fig["source"] ? fig["source"].as<std::string>() : first_source;
      auto file = seed_file.find(source);
      REQUIRE_MESSAGE(file != seed_file.end(), rel << ": unknown source " << source);
      std::string seed = *commonplace::ReadFile(kSeeds / file->second);
      std::string value = fig["value"].as<std::string>();
      // The number may be printed with thousands separators.
      std::string with_commas;
      std::string whole = value.substr(0, value.find('.'));
      for (size_t i = 0; i < whole.size(); ++i) {
        if (i && (whole.size() - i) % 3 == 0) with_commas += ',';
        with_commas += whole[i];
      }
      with_commas += value.substr(whole.size());
      bool found = false;
      for (const std::string& form : {value, with_commas}) {
        // As a whole number: not part of a longer run of digits.
        for (size_t p = seed.find(form); p != std::string::npos && !found; p = seed.find(form, p + 1)) {
          bool left = p == 0 || !std::isdigit(static_cast<unsigned char>(seed[p - 1]));
          size_t e = p + form.size();
          bool right = e >= seed.size() || !std::isdigit(static_cast<unsigned char>(seed[e]));
          found = left && right;
        }
      }
      CHECK_MESSAGE(found, rel << ": figure " << value << " ('" << fig["label"].as<std::string>()
                               << "') does not appear in " << file->second);
      ++checked;
    }
  }
  CHECK(checked >= 10);
}
