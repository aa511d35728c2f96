#include "serve/server.h"

#include <doctest/doctest.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

using namespace commonplace;

TEST_CASE("serves the last good site and reports errors of a failed rebuild") {
  int build = 0;
  std::ostringstream log;
  PreviewServer server(
      ServeOptions{"/nonexistent", 0, 400, 0},
      [&](const std::string& base, SiteFiles* files, std::string* err) {
        ++build;
        if (build == 2) {
          *err = "casestudies/x.md:3:1: error: bad\n";
          return false;
        }
        auto bytes = [](std::string s) { return std::make_shared<const std::string>(std::move(s)); };
        (*files)["index.html"] =
            bytes("<html><body>v" + std::to_string(build) + " " + base + "</body></html>");
        (*files)["casestudies/a/index.html"] = bytes("<html><body>a</body></html>");
        (*files)["404.html"] = bytes("<html><body>missing</body></html>");
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

namespace {

using Clock = std::chrono::steady_clock;

int Connect(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  return fd;
}

// Everything the server sends until it closes, or until `limit` passes.
std::string ReadAll(int fd, std::chrono::milliseconds limit) {
  std::string out;
  char buf[65536];
  auto deadline = Clock::now() + limit;
  while (Clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

// Whether the server closed `fd` within `limit` (reading whatever it sent).
bool ClosedWithin(int fd, std::chrono::milliseconds limit) {
  char buf[65536];
  auto deadline = Clock::now() + limit;
  while (Clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    if (::recv(fd, buf, sizeof buf, 0) <= 0) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("the status waits for a new version, so a page reloads as soon as a rebuild is done") {
  std::ostringstream log;
  ServeOptions options{"/nonexistent", 0, 400, 0};
  options.status_wait_ms = 300;
  int build = 0;
  PreviewServer server(
      options,
      [&](const std::string&, SiteFiles* files, std::string*) {
        (*files)["index.html"] = std::make_shared<const std::string>("v" + std::to_string(++build));
        return true;
      },
      log);
  REQUIRE(server.Rebuild());
  // No new version: the answer comes after the wait, with the same version.
  CHECK(server.Handle("/__commonplace/status?since=1").body.find("\"version\":1") !=
        std::string::npos);
  // A request for a version after 1 waits for the rebuild (without the
  // wait it would answer version 1 before the rebuild below).
  options.status_wait_ms = 60000;
  PreviewServer waiting(
      options,
      [&](const std::string&, SiteFiles* files, std::string*) {
        (*files)["index.html"] = std::make_shared<const std::string>("w");
        return true;
      },
      log);
  REQUIRE(waiting.Rebuild());
  std::string answer;
  std::thread client([&] { answer = waiting.Handle("/__commonplace/status?since=1").body; });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the client asks first
  REQUIRE(waiting.Rebuild());
  client.join();
  CHECK(answer.find("\"version\":2") != std::string::npos);
  // A page that has not seen a version yet is answered at once.
  CHECK(waiting.Handle("/__commonplace/status").body.find("\"version\":2") != std::string::npos);
}

TEST_CASE("a client that stops reading, or never sends, does not hold up the others") {
  std::ostringstream log;
  ServeOptions options{"/nonexistent", 0, 400, 0};
  // Time-outs long enough that "served before them" holds on a loaded CI
  // machine running other tests at once.
  options.io_timeout_ms = 3000;
  PreviewServer server(
      options,
      [&](const std::string&, SiteFiles* files, std::string*) {
        (*files)["index.html"] = std::make_shared<const std::string>("<html><body>home</body></html>");
        // Far more than socket buffers.
        (*files)["big.bin"] = std::make_shared<const std::string>(64 * 1024 * 1024, 'x');
        return true;
      },
      log);
  std::string error;
  REQUIRE(server.Listen(&error));
  REQUIRE(server.Rebuild());
  std::thread runner([&] { server.Run(); });

  // A asks for the large file and never reads it; B never sends a request.
  int a = Connect(server.port());
  int small = 4096;
  ::setsockopt(a, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  std::string get_big = "GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n";
  REQUIRE(::send(a, get_big.data(), get_big.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(get_big.size()));
  int b = Connect(server.port());
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // both are being served now

  // C is answered at once, several times over.
  bool served = true;
  for (int i = 0; i < 3; ++i) {
    auto start = Clock::now();
    int c = Connect(server.port());
    std::string get = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    REQUIRE(::send(c, get.data(), get.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(get.size()));
    std::string response = ReadAll(c, std::chrono::milliseconds(5000));
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    ::close(c);
    CHECK(response.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
    CHECK(response.find("home") != std::string::npos);
    CHECK(ms < 2000);  // not after A's or B's time-out (3 s)
    served = served && response.find("home") != std::string::npos;
  }

  // B is dropped after the read time-out (3 s), not kept forever.
  CHECK(ClosedWithin(b, std::chrono::milliseconds(8000)));
  ::close(b);

  // A's connection is given up after the write time-out, so the server
  // stops promptly although A still has not read.
  std::this_thread::sleep_for(std::chrono::milliseconds(3500));
  // (Were C not served, A holds the server: closing A lets the test end.)
  if (!served) ::close(a);
  auto stop_start = Clock::now();
  server.Stop();
  runner.join();
  CHECK(std::chrono::duration<double>(Clock::now() - stop_start).count() < 6);
  if (served) ::close(a);
}

namespace {

// A repository of its own under the temporary folder, removed afterwards.
struct TempRepo {
  std::filesystem::path root;
  TempRepo() {
    static int count = 0;
    root = std::filesystem::temp_directory_path() /
           ("commonplace-watch-" + std::to_string(::getpid()) + "-" + std::to_string(count++));
    std::filesystem::create_directories(root / "casestudies");
    std::filesystem::create_directories(root / "content");
    Write("site.yaml", "title: T\n");
    Write("casestudies/a.md", "a\n");
  }
  ~TempRepo() { std::filesystem::remove_all(root); }
  void Write(const std::string& rel, const std::string& text) const {
    std::ofstream(root / rel, std::ios::binary) << text;
  }
};

// Whether `done` holds within `limit`.
bool Within(std::chrono::milliseconds limit, const std::function<bool()>& done) {
  auto deadline = Clock::now() + limit;
  while (Clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

}  // namespace

TEST_CASE("serve learns of changed files from inotify, and polls where it does not watch") {
  TempRepo repo;
  std::atomic<int> builds{0};
  auto builder = [&](const std::string&, SiteFiles* files, std::string*) {
    (*files)["index.html"] = std::make_shared<const std::string>(std::to_string(++builds));
    return true;
  };
  std::ostringstream log;
  {
    // Polling once a minute could not see these edits in time: inotify must.
    ServeOptions options{repo.root.string(), 0, 60000, 20};
    PreviewServer server(options, builder, log);
    std::string err;
    REQUIRE_MESSAGE(server.Listen(&err), err);
    REQUIRE(server.Rebuild());
    std::thread run([&] { server.Run(); });
    bool watching = Within(std::chrono::milliseconds(3000), [&] { return server.watching(); });
#ifdef __linux__
    CHECK(watching);  // Linux has inotify: the server watches rather than polls
#endif
    if (watching) {
      int before = builds;
      repo.Write("casestudies/a.md", "a, edited\n");
      CHECK(Within(std::chrono::milliseconds(5000), [&] { return builds > before; }));
      // A folder made after the watch began is watched too.
      before = builds;
      std::filesystem::create_directories(repo.root / "casestudies/more");
      CHECK(Within(std::chrono::milliseconds(5000), [&] { return builds > before; }));
      std::this_thread::sleep_for(std::chrono::milliseconds(300));  // that rebuild is done
      before = builds;
      repo.Write("casestudies/more/b.md", "b\n");
      CHECK(Within(std::chrono::milliseconds(5000), [&] { return builds > before; }));
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      before = builds;
      repo.Write("site.yaml", "title: Renamed\n");
      CHECK(Within(std::chrono::milliseconds(5000), [&] { return builds > before; }));
      // Files outside what the site is made from start no rebuild.
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      before = builds;
      repo.Write("notes.txt", "not content\n");
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      CHECK(builds == before);
    }
    server.Stop();
    run.join();
  }
  {
    ServeOptions options{repo.root.string(), 0, 50, 20};
    options.watch = false;
    PreviewServer server(options, builder, log);
    std::string err;
    REQUIRE_MESSAGE(server.Listen(&err), err);
    REQUIRE(server.Rebuild());
    std::thread run([&] { server.Run(); });
    int before = builds;
    repo.Write("casestudies/a.md", "a, edited again by polling\n");
    CHECK(Within(std::chrono::milliseconds(5000), [&] { return builds > before; }));
    CHECK_FALSE(server.watching());
    server.Stop();
    run.join();
  }
}
