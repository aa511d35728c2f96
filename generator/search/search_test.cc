// The index writer against lunr.js itself: unit cases, the stemmer over
// large word lists, and whole-index parity on a generated corpus.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "base/fs.h"
#include "search/index_command.h"
#include "search/lunr_index.h"
#include "search/text.h"

namespace fs = std::filesystem;
using namespace commonplace::search;

// Debian's node-lunr lives in /usr/share/nodejs, which a Node.js not from
// Debian does not search by default.
#define NODE "env NODE_PATH=/usr/share/nodejs node --no-deprecation"

namespace {

const fs::path kShared = fs::path(COMMONPLACE_SOURCE_DIR) / ".." / "shared";

bool HaveNodeLunr() {
  return std::system(NODE " -e \"require('lunr')\" >/dev/null 2>&1") == 0;
}

fs::path TempDir() {
  fs::path d = fs::temp_directory_path() / ("lunr-test-" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d;
}

std::string Run(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

// Stems `words` with lunr.js (one per line in, one per line out).
std::vector<std::string> NodeStems(const std::vector<std::string>& words) {
  fs::path in = TempDir() / "words.txt";
  std::ofstream(in) << [&] {
    std::string s;
    for (const auto& w : words) s += w + "\n";
    return s;
  }();
  std::string out = Run("timeout 120 " NODE " " + std::string(COMMONPLACE_SOURCE_DIR) +
                        "/tests/search/stem.js < " + in.string());
  std::vector<std::string> stems;
  std::istringstream ss(out);
  for (std::string line; std::getline(ss, line);) stems.push_back(line);
  return stems;
}

// Deterministic English-like corpus with the awkward cases mixed in.
std::vector<Document> Corpus(int n) {
  static const char* kWords[] = {
      "partnership", "partnerships", "community", "communities", "university", "universities",
      "museum", "museums", "library", "archive", "archives", "council", "research", "researching",
      "researched", "volunteer", "volunteering", "volunteers", "heritage", "health", "wellbeing",
      "funding", "funded", "evaluation", "evaluating", "impact", "impacts", "trust", "trusting",
      "power", "powerful", "relationship", "relationships", "learning", "learned", "practice",
      "evidence", "policy", "policies", "local", "regional", "national", "people", "young",
      "families", "schools", "staff", "academic", "academics", "charity", "charities", "network",
      "networks", "collection", "exhibition", "theatre", "placement", "placements", "training",
      "workshop", "co-production", "engagement", "civic", "place", "economy", "growth", "skills",
      "knowledge", "data", "report", "reports", "meeting", "time", "budget", "value", "values",
      "principle", "principles", "equity", "equitable", "voice", "together", "shared", "agreed",
      "the", "and", "of", "to", "in", "with", "for", "was", "were", "is", "it", "that", "this",
      "Glyndŵr", "café", "2021", "40,000", "£1.5m", "hyphen-ated", "well-being", "REF", "NHS",
      "relational", "sensational", "generalization", "hopefulness", "conditional", "happy",
      "yearly", "eyes", "cry", "running", "hopping", "agreement", "adjustment", "(brackets)",
      "quote's", "naïve", "Ystradgynlais", "ÉCOLE", "façade"};
  const int nw = sizeof kWords / sizeof kWords[0];
  unsigned long long seed = 20261124;
  auto next = [&]() {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((seed >> 33) % 1000003);
  };
  auto text = [&](int words) {
    std::string s;
    for (int i = 0; i < words; ++i) {
      if (i) s += (next() % 11 == 0) ? " - " : " ";
      s += kWords[next() % nw];
    }
    return s;
  };
  std::vector<Document> docs;
  for (int i = 0; i < n; ++i) {
    Document d;
    d.ref = "doc-" + std::to_string(i);
    d.values = {text(3 + next() % 6), text(15 + next() % 20), text(60 + next() % 300),
                text(next() % 6)};
    docs.push_back(d);
  }
  return docs;
}

}  // namespace

TEST_CASE("tokenizer: lower-cases and splits on whitespace and hyphens") {
  CHECK(Tokenize("Co-Production  in\tGlyndŵr\u00a0CAFÉ") ==
        std::vector<std::string>{"co", "production", "in", "glyndŵr", "café"});
  CHECK(Tokenize(" -- ").empty());
}

TEST_CASE("trimmer: JavaScript \\w is ASCII only") {
  CHECK(Trim("(brackets)") == "brackets");
  CHECK(Trim("café") == "caf");
  CHECK(Trim("«quote»") == "quote");
  CHECK(Trim("...") == "");
  CHECK(Trim("glyndŵr") == "glyndŵr");
}

TEST_CASE("stop words and pipeline") {
  CHECK(IsStopWord("the"));
  CHECK(IsStopWord("your"));
  CHECK_FALSE(IsStopWord("partnership"));
  std::string t;
  CHECK_FALSE(PipelineTerm("the", &t));
  CHECK(PipelineTerm("partnerships,", &t));
  CHECK(t == "partnership");
}

TEST_CASE("numbers print as JavaScript prints them") {
  CHECK(JsNumber(1.234) == "1.234");
  CHECK(JsNumber(2) == "2");
  CHECK(JsNumber(0) == "0");
  CHECK(JsNumber(0.001) == "0.001");
  CHECK(JsNumber(1e-7) == "1e-7");
  CHECK(JsNumber(123456.5) == "123456.5");
}

TEST_CASE("stemmer matches lunr's own test vocabulary") {
  auto text = commonplace::ReadFile(kShared / "fixtures/lunr/stemming_vocab.json");
  if (!text) {
    MESSAGE("../shared is absent: skipping the lunr stemming vocabulary");
    return;
  }
  auto vocab = nlohmann::json::parse(*text);
  int n = 0;
  for (auto& [word, stem] : vocab.items()) {
    CHECK_MESSAGE(Stem(word) == stem.get<std::string>(), word);
    ++n;
  }
  CHECK(n == static_cast<int>(vocab.size()));
  CHECK(n >= 80);
}

TEST_CASE("stemmer matches lunr.js on the seeds and the wamerican word list") {
  if (!HaveNodeLunr()) {
    MESSAGE("node or node-lunr missing: skipping the stemmer oracle test");
    return;
  }
  std::set<std::string> words;
  if (fs::is_directory(kShared / "seeds")) {
    for (const auto& e : fs::directory_iterator(kShared / "seeds")) {
      auto text = commonplace::ReadFile(e.path());
      for (const auto& t : Tokenize(*text)) words.insert(Trim(t));
    }
  } else {
    MESSAGE("../shared is absent: stemming the word list only");
  }
  std::ifstream dict("/usr/share/dict/words");
  for (std::string w; std::getline(dict, w);) {
    for (auto& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    words.insert(w);
  }
  words.erase("");
  std::vector<std::string> list(words.begin(), words.end());
  auto stems = NodeStems(list);
  REQUIRE(stems.size() == list.size());
  int mismatches = 0;
  for (size_t i = 0; i < list.size(); ++i) {
    if (Stem(list[i]) != stems[i]) {
      if (++mismatches <= 10) MESSAGE(list[i] << ": ours " << Stem(list[i]) << ", lunr " << stems[i]);
    }
  }
  CHECK(mismatches == 0);
  CHECK(list.size() > 50000);
  MESSAGE("stemmed " << list.size() << " words identically to lunr.js");
}

TEST_CASE("a tiny index equals lunr.js's serialisation") {
  std::vector<Field> fields = {{"title", 10}, {"body", 1}};
  std::vector<Document> docs = {{"a", {"Community partnerships", "Working with museums."}, 1},
                                {"b", {"Museum archives", "The archive of a museum, 2021."}, 1}};
  // Produced by lunr.js 2.3.9 (node-lunr) for the same documents and boosts.
  const char* expected =
      R"({"version":"2.3.9","fields":["title","body"],"fieldVectors":[["title/a",[0,6.931,1,6.931]],["body/a",[2,0.755,3,0.145]],["title/b",[3,1.335,4,1.823]],["body/b",[3,0.123,4,0.169,5,0.641]]],"invertedIndex":[["2021",{"_index":5,"title":{},"body":{"b":{}}}],["archiv",{"_index":4,"title":{"b":{}},"body":{"b":{}}}],["commun",{"_index":0,"title":{"a":{}},"body":{}}],["museum",{"_index":3,"title":{"b":{}},"body":{"a":{},"b":{}}}],["partnership",{"_index":1,"title":{"a":{}},"body":{}}],["work",{"_index":2,"title":{},"body":{"a":{}}}]],"pipeline":["stemmer"]})";
  CHECK(BuildLunrIndexJson(fields, docs) == expected);
}

TEST_CASE("the index is the same whatever the number of threads") {
  std::vector<Field> fields = {{"title", 10}, {"summary", 5}, {"body", 1}, {"themes", 3}};
  std::vector<Document> docs = Corpus(700);  // several chunks of documents
  IndexOptions one, many;
  one.threads = 1;
  many.threads = 4;
  std::string serial = BuildLunrIndexJson(fields, docs, one);
  CHECK(serial.size() > 100000);
  CHECK(BuildLunrIndexJson(fields, docs, many) == serial);
  CHECK(BuildLunrIndexJson(fields, docs, many) == serial);  // memo warm: still the same
}

TEST_CASE("parity with lunr.js: same top 10 and scores for 100+ queries on 1,000 documents") {
  if (!HaveNodeLunr()) {
    MESSAGE("node or node-lunr missing: skipping the parity test");
    return;
  }
  std::vector<Field> fields = {{"title", 10}, {"summary", 5}, {"body", 1}, {"themes", 3}};
  std::vector<Document> docs = Corpus(1000);
  fs::path dir = TempDir();
  nlohmann::json fj = nlohmann::json::array(), dj = nlohmann::json::array();
  for (const auto& f : fields) fj.push_back({{"name", f.name}, {"boost", f.boost}});
  for (const auto& d : docs) {
    nlohmann::json o = {{"id", d.ref}};
    for (size_t i = 0; i < fields.size(); ++i) o[fields[i].name] = d.values[i];
    dj.push_back(o);
  }
  std::ofstream(dir / "fields.json") << fj.dump();
  std::ofstream(dir / "docs.json") << dj.dump();
  std::ofstream(dir / "ours.json") << BuildLunrIndexJson(fields, docs);
  std::vector<std::string> queries = {
      "partnership", "partnerships", "partnering", "community", "communities", "museum archive",
      "the", "the museum", "and of to", "title:museum", "body:volunteer", "summary:heritage",
      "themes:policy", "+museum +archive", "+museum -archive", "-museum", "museum^10 archive",
      "title:museum^5 body:library", "arch*", "*ship", "mus*um", "volunt*", "museam~1",
      "reserch~1", "libary~1", "co-production", "well-being", "hyphen-ated", "Glyndŵr", "glyndŵr",
      "café", "caf", "2021", "40,000", "£1.5m", "REF", "NHS", "relational", "sensational",
      "generalization", "hopefulness", "conditional", "happy", "yearly", "eyes", "cry",
      "running", "hopping", "agreement", "adjustment", "naïve", "ystradgynlais", "école",
      "façade", "title:", "+", "museum^", "~1", "zzzz", "power trust", "+power trust",
      "title:power title:trust", "body:training^3 title:training", "equity equitable",
      "value values valuable", "learn learned learning", "research~2", "fund*", "*ing",
      "eval*", "civic engagement place", "young people", "families schools", "staff academics",
      "charity charities", "network networks", "collection exhibition theatre", "placement*",
      "workshop training skills", "knowledge data report", "meeting time budget",
      "principle principles", "voice together shared agreed", "local regional national",
      "health wellbeing", "impact impacts", "growth economy", "+civic -council", "-the museum",
      "title:heritage^2 +body:funding", "themes:co", "themes:production", "summary:trust*",
      "body:rel*", "brackets", "quote", "quote's", "years", "year", "cri", "run", "hop",
      "agre*", "adjust~1", "partnership^2 community^0.5", "museum~1^3"};
  std::ofstream(dir / "queries.json") << nlohmann::json(queries).dump();
  std::string report = Run("cd " + dir.string() + " && timeout 300 " NODE " " +
                           std::string(COMMONPLACE_SOURCE_DIR) +
                           "/tests/search/parity.js fields.json docs.json ours.json queries.json");
  INFO(report);
  REQUIRE(!report.empty());
  auto r = nlohmann::json::parse(report);
  CHECK(r["compared"].get<int>() >= 100);
  CHECK(r["nonEmpty"].get<int>() >= 80);
  CHECK(r["failureCount"].get<int>() == 0);
  CHECK(r["warnings"].empty());
  CHECK(r["structural"].empty());
}

TEST_CASE("index command: reads documents, writes index and compressed copies") {
  fs::path dir = TempDir();
  std::ofstream(dir / "docs.json") << R"([{"id":"1","title":"Museum archives","body":"x"},{"id":"2","title":"Libraries"}])";
  std::ostringstream err;
  IndexCommandOptions o;
  o.fields = {"title^10", "body"};
  o.input = (dir / "docs.json").string();
  o.output = (dir / "index.json").string();
  o.gzip = o.brotli = true;
  CHECK(RunIndexCommand(o, err) == 0);
  auto index = commonplace::ReadFile(dir / "index.json");
  REQUIRE(index);
  CHECK(index->find("\"fields\":[\"title\",\"body\"]") != std::string::npos);
  CHECK(fs::file_size(dir / "index.json.gz") > 0);
  CHECK(fs::file_size(dir / "index.json.br") > 0);
  // Gzip output is deterministic.
  CHECK(Gzip(*index) == Gzip(*index));

  std::ofstream(dir / "bad.json") << R"({"id": 1})";
  o.input = (dir / "bad.json").string();
  CHECK(RunIndexCommand(o, err) == 1);
  CHECK(err.str().find("bad.json: error: expected a JSON array of document objects") != std::string::npos);
  std::ofstream(dir / "bad2.json") << R"([{"id":"1","title":5}])";
  o.input = (dir / "bad2.json").string();
  CHECK(RunIndexCommand(o, err) == 1);
  CHECK(err.str().find("document 0: field 'title' must be a string") != std::string::npos);
  o.fields = {"title^x"};
  CHECK(RunIndexCommand(o, err) == 2);
}
