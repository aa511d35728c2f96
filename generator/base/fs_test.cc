#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "base/fs.h"

namespace commonplace {

TEST_CASE("output tree: paths sorted, one content per path, prefixes") {
  OutputTree tree;
  // Added out of order, as pages made on several threads arrive.
  for (const char* p : {"zeta/index.html", "casestudies/b/index.html", "a.css", "casestudies/a/index.html",
                        "search/docs/10.json", "search/docs/2.json"}) {
    CHECK(tree.Add(p, std::string("bytes of ") + p));
  }
  CHECK(tree.Add("a.css", std::string("bytes of a.css")));  // the same bytes again
  CHECK_FALSE(tree.Add("a.css", std::string("other bytes")));
  REQUIRE(tree.conflicts().size() == 1);
  CHECK(tree.conflicts()[0] == "a.css");
  CHECK(tree.Paths() == std::vector<std::string>{"a.css", "casestudies/a/index.html",
                                                 "casestudies/b/index.html", "search/docs/10.json",
                                                 "search/docs/2.json", "zeta/index.html"});
  CHECK(tree.size() == 6);
  CHECK(tree.Has("zeta/index.html"));
  tree.set_prefix("cy/");
  CHECK(tree.Add("b.html", std::string("b")));
  CHECK(tree.Add("a.html", std::string("a")));
  CHECK(tree.Paths() == std::vector<std::string>{"a.html", "b.html"});
  CHECK(tree.Paths(".css").empty());  // a.css is outside the prefix
  CHECK(tree.Has("a.html"));
  CHECK_FALSE(tree.Has("a.css"));
  CHECK(tree.size() == 8);
  tree.set_prefix("");
  CHECK(tree.Paths("index.html") == std::vector<std::string>{"casestudies/a/index.html",
                                                             "casestudies/b/index.html",
                                                             "zeta/index.html"});
  // TakeFiles hands every file's bytes over by path, and leaves the tree empty.
  auto files = tree.TakeFiles();
  REQUIRE(files.size() == 8);
  CHECK(*files.at("a.css") == "bytes of a.css");
  CHECK(*files.at("cy/b.html") == "b");
  CHECK(files.count("zeta/index.html") == 1);
  CHECK(tree.size() == 0);
  CHECK(tree.TakeFiles().empty());
}

TEST_CASE("ListFiles: regular files by extension, named from the root, sorted") {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("cp-listfiles-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "cases/nested/deeper");
  fs::create_directories(root / "elsewhere");
  auto write = [&](const fs::path& p) { std::ofstream(root / p) << "x"; };
  write("cases/b.md");
  write("cases/a.md");
  write("cases/.hidden.md");  // dot files are left out
  write("cases/notes.txt");   // another extension
  write("cases/nested/deeper/c.md");
  write("elsewhere/linked.md");
  fs::create_symlink(root / "elsewhere/linked.md", root / "cases/link.md");  // links are skipped
  fs::create_directory_symlink(root / "elsewhere", root / "cases/linked-folder");
  CHECK(ListFiles(root, "cases", ".md") ==
        std::vector<std::string>{"cases/a.md", "cases/b.md", "cases/nested/deeper/c.md"});
  CHECK(ListFiles(root / "cases", "", ".md") ==
        std::vector<std::string>{"a.md", "b.md", "nested/deeper/c.md"});
  CHECK(ListFiles(root, "cases/", ".txt") == std::vector<std::string>{"cases/notes.txt"});
  CHECK(ListFiles(root, "missing", ".md").empty());
  fs::remove_all(root);
}

}  // namespace commonplace
