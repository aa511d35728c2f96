#include "serve/server.h"

#include <doctest/doctest.h>

#include <sstream>

using namespace commonplace;

TEST_CASE("serves the last good site and reports errors of a failed rebuild") {
  int build = 0;
  std::ostringstream log;
  PreviewServer server(
      ServeOptions{"/nonexistent", 0, 400, 0},
      [&](const std::string& base, std::map<std::string, std::string>* files, std::string* err) {
        ++build;
        if (build == 2) {
          *err = "casestudies/x.md:3:1: error: bad\n";
          return false;
        }
        (*files)["index.html"] = "<html><body>v" + std::to_string(build) + " " + base + "</body></html>";
        (*files)["casestudies/a/index.html"] = "<html><body>a</body></html>";
        (*files)["404.html"] = "<html><body>missing</body></html>";
        return true;
      },
      log);
  CHECK(server.Rebuild());
  auto home = server.Handle("/");
  CHECK(home.status == 200);
  CHECK(home.body.find("v1") != std::string::npos);
  // The reload script is a separate file, so pages stay CSP-clean.
  CHECK(home.body.find("<script src=\"/__commonplace/reload.js\"></script>") != std::string::npos);
  CHECK(server.Handle("/__commonplace/reload.js").type.rfind("text/javascript", 0) == 0);
  CHECK(server.Handle("/casestudies/a").status == 301);
  CHECK(server.Handle("/casestudies/a/").status == 200);
  CHECK(server.Handle("/nope/").status == 404);
  CHECK(server.Handle("/../etc/passwd").status == 400);

  CHECK_FALSE(server.Rebuild());
  CHECK(server.Handle("/").body.find("v1") != std::string::npos);
  auto status = server.Handle("/__commonplace/status");
  CHECK(status.body.find("casestudies/x.md:3:1: error: bad") != std::string::npos);
  CHECK(status.body.find("\"version\":2") != std::string::npos);
  CHECK(log.str().find("still serving the last good site") != std::string::npos);

  CHECK(server.Rebuild());
  CHECK(server.Handle("/").body.find("v3") != std::string::npos);
  CHECK(server.Handle("/__commonplace/status").body.find("\"errors\":\"\"") != std::string::npos);
}
