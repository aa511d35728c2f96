// A build killed with SIGKILL at any moment leaves the previous site whole,
// and the next build succeeds.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <thread>

#include "test_site.h"

using commonplace::testing::kBaseSite;
using commonplace::testing::ReadTree;
using commonplace::testing::TestSite;

TEST_CASE("SIGKILL during a build never leaves a partial site") {
  TestSite site(kBaseSite);
  auto add_cases = [&](int n, const std::string& word) {
    for (int i = 0; i < n; ++i) {
      site.Write("casestudies/c" + std::to_string(i) + ".md",
                 "---\ntitle: Case " + word + " " + std::to_string(i) +
                     "\nsummary: S\npartnership_type: community-university\nstatus: active\n"
                     "partners: [{name: U, kind: university}]\nimpacts: [{area: social}]\n"
                     "sources: [{source: toolkit-2025, locator: p.1}]\nupdated: 2026-01-01\n---\n" +
                     std::string(3000, 'w') + "\n");
    }
  };
  add_cases(400, "old");
  REQUIRE(site.Build().ok);
  const auto old_tree = ReadTree(site.root() / "site");
  add_cases(400, "new");
  std::string bin = std::string(COMMONPLACE_BINARY_DIR) + "/commonplace";
  // Kill at a spread of moments, from before loading to after the swap.
  for (int delay_ms : {0, 5, 20, 40, 80, 120, 200, 300, 500}) {
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      execl(bin.c_str(), bin.c_str(), "build", "--quiet", "--root", site.root().c_str(), "--out",
            (site.root() / "site").c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    auto tree = ReadTree(site.root() / "site");
    bool is_old = tree == old_tree;
    bool is_new = !is_old && tree.size() == old_tree.size() &&
                  tree["casestudies/c1/index.html"].find("Case new 1") != std::string::npos;
    CHECK_MESSAGE((is_old || is_new), "partial site after a kill at " << delay_ms << " ms");
  }
  REQUIRE(site.Build().ok);
  CHECK(site.Output("casestudies/c1/index.html").find("Case new 1") != std::string::npos);
}
