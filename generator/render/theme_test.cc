#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "render/theme.h"

namespace commonplace {
namespace {

namespace fs = std::filesystem;

void Write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

// A repository with no copy of the default theme (it uses the one the
// program was built from) and a theme folder of its own over it.
struct ThemeRoot {
  fs::path root = fs::temp_directory_path() / ("cp_theme_test_" + std::to_string(::getpid()));
  ThemeRoot() {
    fs::remove_all(root);
    Write(root / "own/templates/note.mustache", "<p>{{text}}</p>");
    Write(root / "own/i18n/en.yaml", "format:\n  language_name: \"Plain English\"\n");
  }
  ~ThemeRoot() { fs::remove_all(root); }
};

TEST_CASE("a theme kept between builds is the same theme, and a changed file is read") {
  ThemeRoot t;
  PageCache cache;
  Diagnostics diags;
  const std::string root = t.root.string();
  Theme first;
  REQUIRE(first.Load(root, "own", "en", diags, &cache));
  CHECK(first.Render("note", mstch::map{{"text", std::string("a")}}) == "<p>a</p>");
  CHECK(first.messages().Get("format.language_name") == "Plain English");

  // The same files: the same theme, whether kept or made afresh.
  Theme again, fresh;
  REQUIRE(again.Load(root, "own", "en", diags, &cache));
  REQUIRE(fresh.Load(root, "own", "en", diags));
  CHECK(again.fingerprint() == first.fingerprint());
  CHECK(fresh.fingerprint() == first.fingerprint());
  CHECK(again.Render("note", mstch::map{{"text", std::string("b")}}) == "<p>b</p>");
  CHECK(again.messages().Get("format.language_name") == "Plain English");
  CHECK(again.static_files() == fresh.static_files());

  // A template changes, then a message file: each load shows the change.
  Write(t.root / "own/templates/note.mustache", "<div>{{text}}</div>");
  Theme edited;
  REQUIRE(edited.Load(root, "own", "en", diags, &cache));
  CHECK(edited.Render("note", mstch::map{{"text", std::string("c")}}) == "<div>c</div>");
  CHECK_FALSE(edited.fingerprint() == first.fingerprint());
  Write(t.root / "own/i18n/en.yaml", "format:\n  language_name: \"English\"\n");
  Theme renamed;
  REQUIRE(renamed.Load(root, "own", "en", diags, &cache));
  CHECK(renamed.messages().Get("format.language_name") == "English");
  CHECK_FALSE(renamed.fingerprint() == edited.fingerprint());

  // A file that does not load is reported every time, not kept.
  Write(t.root / "own/i18n/en.yaml", "format: [\n");
  for (int i = 0; i < 2; ++i) {
    Diagnostics broken;
    Theme bad;
    CHECK_FALSE(bad.Load(root, "own", "en", broken, &cache));
    CHECK(broken.HasErrors());
  }
  CHECK_FALSE(diags.HasErrors());
}

TEST_CASE("a page cache forgets the pages a build did not produce, and only those") {
  PageCache cache;
  auto bytes = [](const char* s) { return std::make_shared<const std::string>(s); };
  const PageKey one{1, 1}, two{2, 2};
  cache.StartBuild();
  cache.Store("a/index.html", one, bytes("a"));
  cache.Store("b/index.html", one, bytes("b"));
  cache.SetInputs("b/index.html", two);
  cache.Prune();
  SharedBytes html;

  // A build that produces every page keeps them all.
  cache.StartBuild();
  CHECK(cache.Find("a/index.html", one, &html));
  CHECK(*html == "a");
  CHECK(cache.FindByInputs("b/index.html", two, &html));
  CHECK(cache.reused() == 2);
  cache.Prune();
  cache.StartBuild();
  CHECK(cache.Find("a/index.html", one, &html));
  // Inputs are recorded only for a page this build produced.
  cache.SetInputs("b/index.html", one);
  cache.Prune();

  // b was not produced by the last build: gone, whatever its inputs.
  cache.StartBuild();
  CHECK(cache.Find("a/index.html", one, &html));
  CHECK_FALSE(cache.FindByInputs("b/index.html", two, &html));
  CHECK_FALSE(cache.FindByInputs("b/index.html", one, &html));
  CHECK_FALSE(cache.Find("b/index.html", one, &html));
}

}  // namespace
}  // namespace commonplace
