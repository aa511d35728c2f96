// Dates from history: a real Git repository made with the git command,
// with commits at fixed dates.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "history/history.h"

namespace fs = std::filesystem;
using commonplace::LastChangedDates;

namespace {

struct Repo {
  fs::path dir = fs::temp_directory_path() / ("history-test-" + std::to_string(::getpid()));
  Repo() {
    fs::remove_all(dir);
    fs::create_directories(dir / "content");
    Git("init -q");
  }
  ~Repo() { fs::remove_all(dir); }
  void Write(const std::string& rel, const std::string& text) {
    fs::create_directories((dir / rel).parent_path());
    std::ofstream(dir / rel) << text;
  }
  // Commits everything at `date` (an ISO time, UTC).
  void Commit(const std::string& date) {
    Git("add -A");
    std::string env = "GIT_AUTHOR_DATE='" + date + "' GIT_COMMITTER_DATE='" + date + "' ";
    REQUIRE(std::system(("cd " + dir.string() + " && " + env +
                         "git -c user.name=T -c user.email=t@example.invalid commit -q -m c")
                            .c_str()) == 0);
  }
  void Git(const std::string& args) {
    REQUIRE(std::system(("cd " + dir.string() + " && git " + args + " >/dev/null").c_str()) == 0);
  }
};

}  // namespace

TEST_CASE("each file's date is its last commit's, whatever came after for other files") {
  if (std::system("command -v git >/dev/null 2>&1") != 0) {
    MESSAGE("git is not installed: no repository to read");
    return;
  }
  Repo repo;
  repo.Write("casestudies/a.md", "a1");
  repo.Write("casestudies/b.md", "b1");
  repo.Commit("2024-03-01T10:00:00Z");
  repo.Write("casestudies/b.md", "b2");
  repo.Commit("2025-06-15T23:30:00Z");
  repo.Write("casestudies/c.md", "c1");  // never committed
  auto dates = LastChangedDates(repo.dir.string(),
                                {"casestudies/a.md", "casestudies/b.md", "casestudies/c.md"});
  CHECK(dates["casestudies/a.md"] == "2024-03-01");
  CHECK(dates["casestudies/b.md"] == "2025-06-15");
  CHECK(dates.count("casestudies/c.md") == 0);
  // The committer's time in UTC, whatever the zone it was written in.
  repo.Write("casestudies/a.md", "a2");
  repo.Commit("2025-12-31T23:30:00-02:00");
  CHECK(LastChangedDates(repo.dir.string(), {"casestudies/a.md"})["casestudies/a.md"] == "2026-01-01");
  // A site in a folder of the repository names its files from that folder.
  repo.Write("site/casestudies/d.md", "d1");
  repo.Commit("2023-01-02T00:00:00Z");
  CHECK(LastChangedDates((repo.dir / "site").string(), {"casestudies/d.md"})["casestudies/d.md"] ==
        "2023-01-02");
}

TEST_CASE("outside a repository there are no dates") {
  fs::path dir = fs::temp_directory_path() / ("history-none-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  // GIT_CEILING_DIRECTORIES keeps libgit2 from finding a repository above
  // the temporary folder, as in a checkout inside one.
  setenv("GIT_CEILING_DIRECTORIES", fs::temp_directory_path().c_str(), 1);
  CHECK(LastChangedDates(dir.string(), {"casestudies/a.md"}).empty());
  unsetenv("GIT_CEILING_DIRECTORIES");
  fs::remove_all(dir);
}
