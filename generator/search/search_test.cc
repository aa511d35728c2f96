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
#include "search/documents_json.h"
#include "search/index_command.h"
#include "search/lunr_index.h"
#include "search/shards.h"
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
      "quote's", "naïve", "Ystradgynlais", "ÉCOLE", "façade", "BUCUREȘTI", "STRAẞE", "İstanbul",
      "ΟΔΟΣ", "ΣΟΦΙΑ", "Łódź", "ǅemal", "Ⱥtlas"};
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
    if (i % 7 == 3) d.boost = 2.5;  // document boosts, as lunr's add(doc, {boost})
    if (i % 11 == 5) d.boost = 0.5;
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

TEST_CASE("tokenizer: position metadata counts UTF-16 code units of the lower-cased text") {
  std::string lowered;
  auto tokens = Tokenize("Caf\u00e9 co-op \U0001D4B3yz end", &lowered);
  REQUIRE(tokens.size() == 5);
  CHECK(tokens[0].text == "café");
  CHECK(tokens[0].start == 0);
  CHECK(tokens[0].length == 4);
  CHECK(tokens[1].start == 5);  // "co"
  CHECK(tokens[2].start == 8);  // "op"
  CHECK(tokens[3].start == 11);
  CHECK(tokens[3].length == 4);  // a supplementary character is two units
  CHECK(tokens[4].start == 16);
  // lunr lower-cases first: İ becomes two code units, so what follows moves.
  tokens = Tokenize("İ x", &lowered);
  REQUIRE(tokens.size() == 2);
  CHECK(tokens[0].length == 2);
  CHECK(tokens[1].start == 3);
}

TEST_CASE("lower-casing is JavaScript's toLowerCase, for every script") {
  CHECK(LowerCase("BUCUREȘTI") == "bucurești");
  CHECK(LowerCase("STRAẞE") == "straße");
  CHECK(LowerCase("İstanbul") == "i\u0307stanbul");
  CHECK(LowerCase("ΟΔΟΣ") == "οδος");    // final sigma
  CHECK(LowerCase("ΣΟΦΙΑ") == "σοφια");  // not final
  CHECK(LowerCase("Σ") == "σ");          // alone: not after a letter
  CHECK(LowerCase("ǅemal Ⱥtlas ŁÓDŹ") == "ǆemal ⱥtlas łódź");
  CHECK(LowerCase("plain ASCII, 2021!") == "plain ascii, 2021!");
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
  std::vector<Document> docs = {{"a", {"Community partnerships", "Working with museums."}, 1, {}},
                                {"b", {"Museum archives", "The archive of a museum, 2021."}, 1, {}}};
  // Produced by lunr.js 2.3.9 (node-lunr) for the same documents and boosts.
  const char* expected =
      R"({"version":"2.3.9","fields":["title","body"],"fieldVectors":[["title/a",[0,6.931,1,6.931]],["body/a",[2,0.755,3,0.145]],["title/b",[3,1.335,4,1.823]],["body/b",[3,0.123,4,0.169,5,0.641]]],"invertedIndex":[["2021",{"_index":5,"title":{},"body":{"b":{}}}],["archiv",{"_index":4,"title":{"b":{}},"body":{"b":{}}}],["commun",{"_index":0,"title":{"a":{}},"body":{}}],["museum",{"_index":3,"title":{"b":{}},"body":{"a":{},"b":{}}}],["partnership",{"_index":1,"title":{"a":{}},"body":{}}],["work",{"_index":2,"title":{},"body":{"a":{}}}]],"pipeline":["stemmer"]})";
  CHECK(BuildLunrIndexJson(fields, docs) == expected);
}

TEST_CASE("terms sort in lunr.js order: UTF-16 code units, not bytes") {
  // U+1D4B3 is D835 DCB3 in UTF-16 and U+FB01 is FB01: JavaScript sorts
  // the first before the second, though its UTF-8 bytes (F0 …) sort after.
  std::vector<Field> fields = {{"body", 1}};
  std::vector<Document> docs = {{"a", {"a\uFB01z zebra"}, 1, {}},
                                {"b", {"a\U0001D4B3z apple"}, 1, {}}};
  IndexOptions plain;
  plain.english = false;
  const std::string index = BuildLunrIndexJson(fields, docs, plain);
  const size_t supplementary = index.find("[\"a\U0001D4B3z\"");
  const size_t ligature = index.find("[\"a\uFB01z\"");
  REQUIRE(supplementary != std::string::npos);
  REQUIRE(ligature != std::string::npos);
  CHECK(index.find("[\"apple\"") < supplementary);
  CHECK(supplementary < ligature);
  CHECK(ligature < index.find("[\"zebra\""));
  // Without such characters the order is the bytes' order.
  docs[1].values[0] = "a\u00E9z apple";
  const std::string bmp = BuildLunrIndexJson(fields, docs, plain);
  CHECK(bmp.find("[\"apple\"") < bmp.find("[\"a\u00E9z\""));
  CHECK(bmp.find("[\"a\u00E9z\"") < bmp.find("[\"a\uFB01z\""));
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

TEST_CASE("kept analyses: an index built with the cache equals one built without") {
  std::vector<Field> fields = {{"title", 10}, {"summary", 5}, {"body", 1}, {"themes", 3}};
  std::vector<Document> docs = Corpus(400);
  AnalysisCache cache;
  IndexOptions cached;
  cached.analysis_cache = &cache;
  cached.threads = 3;
  auto files = [&](const std::vector<Document>& d, const IndexOptions& o) {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto& f : BuildLunrShards(fields, d, o)) out.emplace_back(f.path, f.content);
    return out;
  };
  // Builds with and without the cache, and says how many documents the
  // first cached build took from the cache.
  auto same = [&](const std::vector<Document>& d) {
    auto with = files(d, cached);
    size_t reused = cache.reused();
    CHECK(with == files(d, {}));
    CHECK(BuildLunrIndexJson(fields, d, cached) == BuildLunrIndexJson(fields, d));
    return reused;
  };
  CHECK(same(docs) == 0);  // fills the cache
  CHECK(same(docs) == 400);
  // An edit that brings a new word, one that drops a document's only use of
  // another, a new document first (every number moves) and a deleted one,
  // and views instead of values.
  docs[17].values[2] += " unheardof";
  docs[5].values[0] = "partnership";
  docs.insert(docs.begin(), Document{"new", {"Brand new title", "", "zymurgy body", ""}, 1, {}});
  docs.erase(docs.begin() + 200);
  CHECK(same(docs) == 397);
  std::vector<Document> views = docs;
  for (auto& d : views) {
    for (const auto& v : d.values) d.views.push_back(v);
  }
  CHECK(same(views) == 400);
  // The plain pipeline analyses differently: nothing is shared with English.
  IndexOptions plain = cached;
  plain.english = false;
  IndexOptions plain_uncached;
  plain_uncached.english = false;
  CHECK(files(docs, plain) == files(docs, plain_uncached));
  CHECK(cache.reused() == 0);
}

TEST_CASE("kept analyses: a caller's digest stands for the text, and only it") {
  std::vector<Field> fields = {{"title", 10}, {"body", 1}};
  std::vector<Document> docs = Corpus(200);
  for (auto& d : docs) d.values.resize(2);
  // Each document's digest from its own text, as a caller would make it.
  auto digest = [](Document& d) {
    d.digest[0] = std::hash<std::string>()(d.values[0] + '\x1f' + d.values[1]) | 1;
    d.digest[1] = std::hash<std::string>()(d.values[1] + '\x1e' + d.values[0]);
  };
  for (auto& d : docs) digest(d);
  AnalysisCache cache;
  IndexOptions cached;
  cached.analysis_cache = &cache;
  auto shards = [&](const std::vector<Document>& d, const IndexOptions& o) {
    std::vector<std::string> out;
    for (auto& f : BuildLunrShards(fields, d, o)) out.push_back(f.content);
    return out;
  };
  CHECK(shards(docs, cached) == shards(docs, {}));
  CHECK(shards(docs, cached) == shards(docs, {}));
  CHECK(cache.reused() == 200);
  // An edit with a new digest is analysed again; the rest are found by
  // their digests.
  docs[3].values[1] += " quixotic zeppelin";
  digest(docs[3]);
  CHECK(shards(docs, cached) == shards(docs, {}));
  CHECK(cache.reused() == 199);
  // The digest is what is looked up: text changed under an unchanged
  // digest keeps the old analysis (so a caller must vouch for it), which
  // shows the text was not hashed again.
  const std::string body = docs[4].values[1];
  docs[4].values[1] = "xylophone";
  CHECK(shards(docs, cached) != shards(docs, {}));
  CHECK(cache.reused() == 200);
  docs[4].values[1] = body;
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
    if (d.boost != 1) o["boost"] = d.boost;
    dj.push_back(o);
  }
  std::ofstream(dir / "fields.json") << fj.dump();
  std::ofstream(dir / "docs.json") << dj.dump();
  std::ofstream(dir / "ours.json") << BuildLunrIndexJson(fields, docs);
  IndexOptions with_positions;
  with_positions.positions = true;
  std::ofstream(dir / "ours-positions.json") << BuildLunrIndexJson(fields, docs, with_positions);
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
      "agre*", "adjust~1", "partnership^2 community^0.5", "museum~1^3", "bucurești",
      "BUCUREȘTI", "straße", "İstanbul", "istanbul", "οδος", "ΟΔΟΣ", "σοφια", "łódź", "ǆemal",
      "ⱥtlas"};
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
  CHECK(r["identical"].get<bool>());  // byte for byte JSON.stringify(lunr index)

  // With lunr's position metadata kept, as metadataWhitelist ['position'].
  report = Run("cd " + dir.string() + " && timeout 300 " NODE " " +
               std::string(COMMONPLACE_SOURCE_DIR) +
               "/tests/search/parity.js fields.json docs.json ours-positions.json queries.json "
               "positions");
  INFO(report);
  REQUIRE(!report.empty());
  r = nlohmann::json::parse(report);
  CHECK(r["failureCount"].get<int>() == 0);
  CHECK(r["identical"].get<bool>());

  // The same index as shards, small ones so that most queries need only a
  // few: every result of every query equals lunr.js's own index's.
  ShardOptions small;
  small.target_bytes = 4096;
  small.segment_postings = 200;  // segments of shards made on two threads
  IndexOptions threads;
  threads.threads = 2;
  auto files = BuildLunrShards(fields, docs, threads, small);
  REQUIRE(files.size() > 20);
  fs::create_directories(dir / "shards" / "shards");
  for (const auto& file : files) std::ofstream(dir / "shards" / file.path) << file.content;
  report = Run("cd " + dir.string() + " && timeout 300 " NODE " " +
               std::string(COMMONPLACE_SOURCE_DIR) +
               "/tests/search/shard_parity.js fields.json docs.json shards queries.json");
  INFO(report);
  REQUIRE(!report.empty());
  r = nlohmann::json::parse(report);
  CHECK(r["compared"].get<int>() >= 100);
  CHECK(r["nonEmpty"].get<int>() >= 80);
  CHECK(r["partial"].get<int>() >= 60);  // most queries fetch only some shards
  CHECK(r["failureCount"].get<int>() == 0);

  // An index for a language without lunr's English pipeline (Welsh): the
  // trimmer alone, and lunr.js built the same way agrees on every query.
  IndexOptions plain;
  plain.english = false;
  files = BuildLunrShards(fields, docs, plain, small);
  CHECK(files[0].content.find("\"pipeline\":[]") != std::string::npos);
  fs::create_directories(dir / "plain" / "shards");
  for (const auto& file : files) std::ofstream(dir / "plain" / file.path) << file.content;
  report = Run("cd " + dir.string() + " && timeout 300 " NODE " " +
               std::string(COMMONPLACE_SOURCE_DIR) +
               "/tests/search/shard_parity.js fields.json docs.json plain queries.json");
  INFO(report);
  REQUIRE(!report.empty());
  r = nlohmann::json::parse(report);
  CHECK(r["nonEmpty"].get<int>() >= 60);
  CHECK(r["failureCount"].get<int>() == 0);
}

TEST_CASE("the plain pipeline keeps stop words and does not stem") {
  std::string term;
  CHECK(PipelineTerm("the", &term, false));
  CHECK(term == "the");
  CHECK(PipelineTerm("partneriaethau,", &term, false));
  CHECK(term == "partneriaethau");
  CHECK_FALSE(PipelineTerm("the", &term, true));
  CHECK(PipelineTerm("funding", &term, true));
  CHECK(term == "fund");
}

TEST_CASE("shards: a manifest of sorted bounds, each term in the shard its bound names") {
  std::vector<Field> fields = {{"title", 10}, {"body", 1}};
  std::vector<Document> docs = Corpus(300);
  ShardOptions small;
  small.target_bytes = 2048;
  // One segment of terms, then many, each on whichever of three threads
  // takes it: a shard never spans two segments.
  ShardOptions segmented = small;
  segmented.segment_postings = 100;
  IndexOptions three;
  three.threads = 3;
  for (const auto& [options, shard_options] :
       {std::pair{IndexOptions{}, small}, std::pair{three, segmented}}) {
    auto files = BuildLunrShards(fields, docs, options, shard_options);
    REQUIRE(files.size() > 3);
    REQUIRE(files[0].path == "manifest.json");
    auto manifest = nlohmann::json::parse(files[0].content);
    CHECK(manifest["lunr"] == "2.3.9");
    CHECK(manifest["documents"] == 300);
    CHECK(manifest["refs"].size() == 300);  // Corpus refs are not their numbers
    auto bounds = manifest["bounds"].get<std::vector<std::string>>();
    REQUIRE(bounds.size() == files.size() - 1);
    CHECK(bounds[0].empty());
    std::set<int> indexes;
    size_t terms = 0;
    for (size_t i = 1; i < files.size(); ++i) {
      CHECK(files[i].path == "shards/" + manifest["shards"][i - 1].get<std::string>());
      CHECK(files[i].content.size() <= small.target_bytes + 2048);
      auto entries = nlohmann::json::parse(files[i].content);
      REQUIRE(!entries.empty());
      for (const auto& e : entries) {
        const std::string term = e[0];
        CHECK(term >= bounds[i - 1]);  // no supplementary characters in the corpus's terms
        if (i < bounds.size()) CHECK(term < bounds[i]);
        CHECK(indexes.insert(e[1].get<int>()).second);
        CHECK(e.size() == 2 + fields.size());
        ++terms;
      }
    }
    CHECK(indexes.size() == terms);
    CHECK(*indexes.rbegin() == static_cast<int>(terms) - 1);  // every term, once
    if (shard_options.segment_postings == 100) {
      // Segments end shards early: more of them than from one segment.
      CHECK(files.size() > BuildLunrShards(fields, docs, {}, small).size());
      // The same files from one thread as from three.
      auto one = BuildLunrShards(fields, docs, {}, shard_options);
      REQUIRE(one.size() == files.size());
      for (size_t i = 0; i < files.size(); ++i) CHECK(one[i].content == files[i].content);
    }
    // The same input gives the same files.
    auto again = BuildLunrShards(fields, docs, options, shard_options);
    REQUIRE(again.size() == files.size());
    for (size_t i = 0; i < files.size(); ++i) CHECK(again[i].content == files[i].content);
  }
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
  CHECK(err.str().find("bad.json:1:1: error: expected a JSON array of document objects") !=
        std::string::npos);
  std::ofstream(dir / "bad2.json") << R"([{"id":"1","title":5}])";
  o.input = (dir / "bad2.json").string();
  CHECK(RunIndexCommand(o, err) == 1);
  CHECK(err.str().find("document 0: field 'title' must be a string") != std::string::npos);
  o.fields = {"title^x"};
  CHECK(RunIndexCommand(o, err) == 2);
}

TEST_CASE("documents reader: JSON as JSON.parse reads it, errors at line:col") {
  DocumentsSpec spec;
  spec.fields = {"title", "body"};
  spec.boost = "weight";
  std::vector<Document> docs;
  std::string error;
  const char* text =
      "\xEF\xBB\xBF[\n"
      " {\"id\": \"a\", \"title\": \"Caf\\u00e9 \\\"q\\\" \\ud835\\udcb3\\n\", \"body\": null,\n"
      "  \"extra\": {\"nested\": [1, 2.5e3, true, false, null, {\"k\": \"v\"}]}, \"weight\": 2.5},\n"
      " {\"id\": 1.0, \"title\": \"first\", \"title\": \"last\"},\n"
      " {\"id\": -12e2, \"body\": \"lone \\udc00 surrogate\"}\n"
      "]\n";
  REQUIRE(ReadDocumentsJson(text, spec, &docs, &error));
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].ref == "a");
  CHECK(docs[0].values[0] == "Café \"q\" \U0001D4B3\n");
  CHECK(docs[0].values[1].empty());
  CHECK(docs[0].boost == 2.5);
  CHECK(docs[1].ref == "1");        // as String(1.0) in JavaScript
  CHECK(docs[1].values[0] == "last");  // a repeated member keeps its last value
  CHECK(docs[1].values[1].empty());    // missing: empty
  CHECK(docs[2].ref == "-1200");
  CHECK(docs[2].values[1] == "lone \uFFFD surrogate");

  auto fails = [&](const std::string& json, const std::string& message) {
    CHECK_FALSE(ReadDocumentsJson(json, spec, &docs, &error));
    CHECK(error == message);
  };
  fails("{}", "1:1: error: expected a JSON array of document objects");
  fails("[\n  \"x\"]", "2:3: error: document 0 is not an object");
  fails("[{\"title\": \"t\"}]", "1:16: error: document 0 has no 'id' (use --ref to name the id field)");
  fails("[{\"id\": \"a\",\n \"title\": 5}]", "2:11: error: document 0: field 'title' must be a string");
  fails("[{\"id\": \"a\", \"weight\": \"x\"}]", "1:24: error: document 0: boost 'weight' must be a number");
  fails("[{\"id\": \"a\" \"title\": \"t\"}]", "1:13: error: expected ',' or '}' in the document");
  fails("[{\"id\": \"a\"}] x", "1:15: error: unexpected text after the array");
  fails("[{\"id\": \"a\", \"title\": \"tab\there\"}]",
        "1:27: error: control character in a string (write it as \\n, \\t or \\u00XX)");
  fails("[{\"id\": \"a\", \"x\": [01]}]", "1:21: error: expected ',' or ']'");
  fails(std::string("[{\"id\": \"a\", \"x\": ") + std::string(600, '[') + std::string(600, ']') +
            "}]",
        "1:531: error: values nested too deeply");
  CHECK(ReadDocumentsJson("[]", spec, &docs, &error));
  CHECK(docs.empty());
}

TEST_CASE("index command: --compact-refs, --doc-boost and --positions") {
  CHECK(CompactRef(0) == "a");
  CHECK(CompactRef(25) == "z");
  CHECK(CompactRef(26) == "A");
  CHECK(CompactRef(51) == "Z");
  CHECK(CompactRef(52) == "ba");
  CHECK(CompactRef(52 * 52) == "baa");

  fs::path dir = TempDir();
  std::ofstream(dir / "docs.json")
      << R"([{"id":"casestudies/one/","title":"Museum archives","boost":3},)"
         R"({"id":"casestudies/two/","title":"Museum"}])";
  std::ostringstream err;
  IndexCommandOptions o;
  o.fields = {"title"};
  o.input = (dir / "docs.json").string();
  o.output = (dir / "index.json").string();
  o.compact_refs = (dir / "refs.json").string();
  o.doc_boost = "boost";
  o.positions = true;
  REQUIRE(RunIndexCommand(o, err) == 0);
  auto index = commonplace::ReadFile(dir / "index.json");
  auto refs = commonplace::ReadFile(dir / "refs.json");
  REQUIRE(index);
  REQUIRE(refs);
  CHECK(*refs == R"({"a":"casestudies/one/","b":"casestudies/two/"})");
  CHECK(index->find("casestudies/") == std::string::npos);
  CHECK(index->find(R"(["museum",{"_index":0,"title":{"a":{"position":[[0,6]]},"b":{"position":[[0,6]]}}}])") !=
        std::string::npos);
  // The same documents built in memory with the boost give the same vectors.
  std::vector<Document> docs = {{"a", {"Museum archives"}, 3, {}}, {"b", {"Museum"}, 1, {}}};
  IndexOptions io;
  io.positions = true;
  CHECK(*index == BuildLunrIndexJson({{"title", 1}}, docs, io));
}

TEST_CASE("parity with lunr.js on the shipped site's own search documents") {
  if (!HaveNodeLunr()) {
    MESSAGE("node or node-lunr missing: skipping the parity test");
    return;
  }
  fs::path dir = TempDir() / "shipped";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string build = "cd " + std::string(COMMONPLACE_SOURCE_DIR) + " && " +
                      std::string(COMMONPLACE_BINARY_DIR) + "/commonplace build --quiet --out " +
                      (dir / "site").string() + " --search-docs " + (dir / "docs.json").string();
  REQUIRE(std::system(build.c_str()) == 0);
  // The fields and boosts the site's index uses, from site.yaml.
  auto config = commonplace::ReadFile(fs::path(COMMONPLACE_SOURCE_DIR) / "site.yaml");
  REQUIRE(config);
  nlohmann::json fj = nlohmann::json::array();
  std::istringstream lines(*config);
  for (std::string line; std::getline(lines, line);) {
    auto name = line.find("{name: "), boost = line.find(", boost: ");
    if (name == std::string::npos || boost == std::string::npos) continue;
    fj.push_back({{"name", line.substr(name + 7, boost - name - 7)},
                  {"boost", std::stod(line.substr(boost + 9))}});
  }
  REQUIRE(fj.size() >= 3);
  // The site's index always ends with the field of synonyms and joined
  // hyphenated words (pipeline/search_output.h, kAlsoField).
  fj.push_back({{"name", "also"}, {"boost", 1}});
  std::ofstream(dir / "fields.json") << fj.dump();
  std::vector<std::string> queries = {
      "Platinum Engage Watermark", "Ideas Fund", "Ideas Fund Round 2", "Hull", "Poverty Truth",
      "museum", "museums", "library archive", "cultural institution", "community", "communities",
      "university", "universities", "co-production", "coproduction", "co-produced research",
      "power", "shared power", "trust", "long-term", "funding", "funders", "policy", "policymakers",
      "local government", "council", "councils", "REF 2021", "2021", "2022", "£3,000", "£10m",
      "Glyndŵr", "Wrexham", "Wales", "Scotland", "Glasgow", "Norwich", "Gloucestershire",
      "West Midlands", "North East", "Cardiff", "Barton Hill", "Bristol", "Sheffield", "Reading",
      "Barts", "Queen Mary", "QMUL", "NCCPE", "NCIA", "UKCPN", "GMCVO", "volunteers", "placement",
      "placements", "students", "evaluation", "evaluate", "heritage", "health", "wellbeing",
      "well-being", "mental health", "young people", "youth", "older people", "schools", "theatre",
      "exhibition", "collections", "archives", "recommendation", "principle", "principles",
      "values", "kindness", "respect", "honesty", "humility", "worksheet", "expectations",
      "who needs to be in the room", "budget", "title:museum", "title:principle", "body:museum",
      "summary:partnership", "+community +university", "+museum -university", "-museum",
      "museum^10 library", "partner*", "*ship", "evalu*", "universty~1", "comunity~1",
      "partnrship~1", "the", "and of to", "title:", "+", "~1", "café", "naïve", "statistics",
      "evidence map", "barriers", "enablers", "drivers", "impact", "impacts"};
  std::ofstream(dir / "queries.json") << nlohmann::json(queries).dump();
  // The site's index is its shards; the whole index, as `commonplace
  // index` writes it from the same documents, equals lunr.js's byte for byte.
  IndexCommandOptions whole;
  for (const auto& f : fj) {
    whole.fields.push_back(f["name"].get<std::string>() + "^" + commonplace::search::JsNumber(f["boost"].get<double>()));
  }
  whole.input = (dir / "docs.json").string();
  whole.output = (dir / "ours.json").string();
  std::ostringstream index_err;
  REQUIRE(RunIndexCommand(whole, index_err) == 0);
  std::string report = Run("cd " + dir.string() + " && timeout 300 " NODE " " +
                           std::string(COMMONPLACE_SOURCE_DIR) +
                           "/tests/search/parity.js fields.json docs.json ours.json queries.json");
  INFO(report);
  REQUIRE(!report.empty());
  auto r = nlohmann::json::parse(report);
  CHECK(r["compared"].get<int>() >= 100);
  CHECK(r["nonEmpty"].get<int>() >= 90);
  CHECK(r["failureCount"].get<int>() == 0);
  CHECK(r["warnings"].empty());
  CHECK(r["identical"].get<bool>());

  // The shipped synonyms only add words (in the "also" field): the index's
  // pipeline stays lunr's own, the stemmer alone.
  auto manifest = nlohmann::json::parse(*commonplace::ReadFile(dir / "site/search/manifest.json"));
  CHECK(manifest["pipeline"] == nlohmann::json::array({"stemmer"}));
  CHECK(manifest["fields"].back() == "also");
  CHECK(manifest["fields"].size() == fj.size());

  // The site's shards answer every query exactly as lunr.js's own index of
  // the same documents: the same pages, order, scores and matched terms.
  report = Run("cd " + dir.string() + " && timeout 300 " NODE " " +
               std::string(COMMONPLACE_SOURCE_DIR) +
               "/tests/search/shard_parity.js fields.json docs.json site/search queries.json");
  INFO(report);
  REQUIRE(!report.empty());
  r = nlohmann::json::parse(report);
  CHECK(r["compared"].get<int>() >= 100);
  CHECK(r["nonEmpty"].get<int>() >= 90);
  CHECK(r["partial"].get<int>() >= 80);
  CHECK(r["failureCount"].get<int>() == 0);
}
