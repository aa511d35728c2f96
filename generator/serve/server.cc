#include "serve/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <list>
#include <string_view>
#include <thread>

#include "base/json_string.h"
#include "serve/watch.h"
#include "base/strings.h"

namespace fs = std::filesystem;

namespace commonplace {

namespace {

// The page script that polls for a new version and shows build errors. It
// is served as a file (never inline) so pages keep working under a strict
// Content-Security-Policy.
constexpr const char* kReloadScript = R"JS((function () {
  var seen = null;
  function overlay(text) {
    var box = document.getElementById('commonplace-errors');
    if (!text) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement('div');
      box.id = 'commonplace-errors';
      box.setAttribute('role', 'alert');
      box.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;' +
        'background:#300;color:#fff;font:14px/1.4 monospace;padding:1em;z-index:9999;white-space:pre-wrap';
      document.body.appendChild(box);
    }
    box.textContent = 'Build failed; showing the last good version.\n\n' + text;
  }
  // The server holds the request until the version moves (or a while
  // passes), so a rebuild shows as soon as it is done.
  function poll() {
    var url = '/__commonplace/status' + (seen === null ? '' : '?since=' + seen);
    fetch(url, {cache: 'no-store'}).then(function (r) { return r.json(); })
      .then(function (s) {
        if (seen !== null && s.version !== seen) { location.reload(); return; }
        seen = s.version;
        overlay(s.errors);
        setTimeout(poll, 0);
      }).catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
)JS";

// Sends all of `data`, or gives up: each send waits at most the socket's
// SO_SNDTIMEO for the client to take more, and the whole at most until
// `deadline` or until the server stops.
bool WriteAll(int fd, std::string_view data, std::chrono::steady_clock::time_point deadline,
              const std::atomic<bool>& stop) {
  size_t off = 0;
  while (off < data.size()) {
    if (stop || std::chrono::steady_clock::now() > deadline) return false;
    size_t chunk = std::min<size_t>(data.size() - off, 256 * 1024);
    ssize_t n = ::send(fd, data.data() + off, chunk, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;  // an error, or no progress within the time-out
    off += static_cast<size_t>(n);
  }
  return true;
}

void SetTimeouts(int fd, int ms) {
  timeval tv{};
  tv.tv_sec = ms / 1000;
  tv.tv_usec = (ms % 1000) * 1000;
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

}  // namespace

std::string MediaType(const std::string& path) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"}, {".json", "application/json"},
      {".xml", "application/xml"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
      {".txt", "text/plain; charset=utf-8"}, {".md", "text/markdown; charset=utf-8"},
      {".csv", "text/csv; charset=utf-8"},
      {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {".gz", "application/gzip"}};
  size_t dot = path.rfind('.');
  if (dot != std::string::npos) {
    auto it = kTypes.find(path.substr(dot));
    if (it != kTypes.end()) return it->second;
  }
  return "application/octet-stream";
}

bool PreviewServer::Listen(std::string* err) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) {
    *err = std::string("cannot create a socket: ") + std::strerror(errno);
    return false;
  }
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(options_.port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // never other interfaces
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 32) != 0) {
    *err = "cannot listen on 127.0.0.1:" + std::to_string(options_.port) + ": " +
           std::strerror(errno) + " (try --port with another number)";
    ::close(listen_fd_);
    listen_fd_ = -1;
    return false;
  }
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  return true;
}

std::string PreviewServer::Fingerprint() const {
  // Size and mtime of every file that can change the site.
  std::string fp;
  std::error_code ec;
  for (const char* dir : {"casestudies", "content", "themes"}) {
    fs::path base = fs::path(options_.root) / dir;
    if (!fs::exists(base, ec)) continue;
    for (auto it = fs::recursive_directory_iterator(base, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      auto t = fs::last_write_time(it->path(), ec).time_since_epoch().count();
      fp += it->path().string() + ":" + std::to_string(it->file_size(ec)) + ":" +
            std::to_string(t) + "\n";
    }
  }
  auto site = fs::path(options_.root) / "site.yaml";
  if (fs::exists(site, ec)) {
    fp += "site.yaml:" + std::to_string(fs::last_write_time(site, ec).time_since_epoch().count());
  }
  return fp;
}

bool PreviewServer::Rebuild() {
  if (!inotify_) last_fingerprint_ = Fingerprint();
  SiteFiles files;
  std::string errors;
  auto start = std::chrono::steady_clock::now();
  bool ok = builder_("http://127.0.0.1:" + std::to_string(port_) + "/", &files, &errors);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                  .count();
  // The last site's files are freed after the lock is let go (20,000 at
  // 10,000 case studies): the reloading page need not wait for them.
  SiteFiles last;
  std::lock_guard<std::mutex> lock(mu_);
  snapshot_.version++;
  changed_.notify_all();
  if (ok) {
    snapshot_.ok = true;
    last.swap(snapshot_.files);
    snapshot_.files = std::move(files);
    snapshot_.errors.clear();
    log_ << "rebuilt " << snapshot_.files.size() << " files in " << static_cast<int>(ms)
         << " ms\n";
  } else {
    snapshot_.errors = errors;
    log_ << errors << "build failed; still serving the last good site\n";
  }
  log_.flush();
  return ok;
}

PreviewServer::Response PreviewServer::Handle(const std::string& raw_path) {
  std::string path = raw_path.substr(0, raw_path.find_first_of("?#"));
  std::unique_lock<std::mutex> lock(mu_);
  if (path == "/__commonplace/status") {
    // "?since=N": answer once the version is not N, or after status_wait_ms
    // (the page asks again), or when the server stops.
    std::string query = path.size() < raw_path.size() ? raw_path.substr(path.size() + 1) : "";
    if (query.rfind("since=", 0) == 0) {
      long long since = std::atoll(query.c_str() + 6);
      auto until = std::chrono::steady_clock::now() +
                   std::chrono::milliseconds(options_.status_wait_ms);
      while (snapshot_.version == since && !stop_ && std::chrono::steady_clock::now() < until) {
        changed_.wait_for(lock, std::chrono::milliseconds(100));
      }
    }
    return {200, "application/json",
            "{\"version\":" + std::to_string(snapshot_.version) +
                ",\"errors\":" + JsonString(snapshot_.errors) + "}"};
  }
  if (path == "/__commonplace/reload.js") return {200, MediaType(".js"), kReloadScript};
  std::string rel = path.empty() ? "" : path.substr(1);
  // Percent-decoding is not needed: every generated path is plain ASCII.
  if (rel.empty() || rel.back() == '/') rel += "index.html";
  if (!IsSafeRelativePath(rel)) return {400, "text/plain", "bad path\n"};
  auto it = snapshot_.files.find(rel);
  if (it == snapshot_.files.end() && snapshot_.files.count(rel + "/index.html")) {
    return {301, "text/plain", path + "/"};
  }
  if (it == snapshot_.files.end()) {
    auto nf = snapshot_.files.find("404.html");
    std::string body = nf == snapshot_.files.end() ? "not found\n" : *nf->second;
    return {404, MediaType(".html"), body};
  }
  std::string body = *it->second;
  if (EndsWith(rel, ".html")) {
    size_t at = body.rfind("</body>");
    if (at != std::string::npos) {
      body.insert(at, "<script src=\"/__commonplace/reload.js\"></script>\n");
    }
  }
  return {200, MediaType(rel), body};
}

void PreviewServer::ServeConnection(int fd) {
  using Clock = std::chrono::steady_clock;
  SetTimeouts(fd, options_.io_timeout_ms);
  // The request head, within the time-out as a whole: a client that sends
  // nothing, or a byte at a time, is dropped.
  std::string req;
  char buf[4096];
  auto deadline = Clock::now() + std::chrono::milliseconds(options_.io_timeout_ms);
  while (req.find("\r\n\r\n") == std::string::npos && req.size() < 16384 &&
         Clock::now() < deadline && !stop_) {
    pollfd cp{fd, POLLIN, 0};
    if (::poll(&cp, 1, 100) <= 0) continue;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    req.append(buf, static_cast<size_t>(n));
  }
  if (req.find("\r\n\r\n") == std::string::npos) {
    ::close(fd);  // no complete request: nothing to answer
    return;
  }
  size_t sp1 = req.find(' ');
  size_t sp2 = sp1 == std::string::npos ? std::string::npos : req.find(' ', sp1 + 1);
  Response res;
  std::string method = sp1 == std::string::npos ? "" : req.substr(0, sp1);
  if (sp2 == std::string::npos || (method != "GET" && method != "HEAD")) {
    res = {400, "text/plain", "bad request\n"};
  } else {
    res = Handle(req.substr(sp1 + 1, sp2 - sp1 - 1));
  }
  std::string reason = res.status == 200 ? "OK" : res.status == 301 ? "Moved Permanently"
                       : res.status == 404 ? "Not Found" : "Bad Request";
  std::string head = "HTTP/1.1 " + std::to_string(res.status) + " " + reason + "\r\n" +
                     "Content-Type: " + res.type + "\r\nContent-Length: " +
                     std::to_string(res.status == 301 ? 0 : res.body.size()) +
                     "\r\nCache-Control: no-store\r\nConnection: close\r\n";
  if (res.status == 301) head += "Location: " + res.body + "\r\n";
  head += "\r\n";
  // Each send may wait the time-out; the whole response gets a generous
  // bound too, so a client taking a byte now and then cannot keep it.
  auto write_deadline = Clock::now() + std::chrono::milliseconds(options_.io_timeout_ms) * 12;
  if (WriteAll(fd, head, write_deadline, stop_) && method != "HEAD" && res.status != 301) {
    WriteAll(fd, res.body, write_deadline, stop_);
  }
  ::close(fd);
}

void PreviewServer::Run() {
  // One thread per connection, up to max_connections: the list is reaped as
  // threads finish, and joined before Run returns (the time-outs bound how
  // long that takes).
  struct Worker {
    std::thread thread;
    std::atomic<bool> done{false};
  };
  std::list<Worker> workers;
  auto reap = [&workers](bool all) {
    for (auto it = workers.begin(); it != workers.end();) {
      if (all || it->done) {
        it->thread.join();
        it = workers.erase(it);
      } else {
        ++it;
      }
    }
  };
  auto start = std::chrono::steady_clock::now();
  auto last_poll = start;
  // inotify tells of each change at once; polling stats every file each
  // poll_ms, which takes long in a large repository.
  FileWatcher watcher;
  if (options_.watch) {
    inotify_ = watcher.Start(options_.root);
    if (!inotify_) {
      log_ << "cannot watch the files with inotify (unavailable, or its watch limit reached): "
              "looking for changes every " << options_.poll_ms << " ms\n";
      log_.flush();
    }
    // A change since the first build, before the watch began.
    if (inotify_ && Fingerprint() != last_fingerprint_) Rebuild();
  }
  while (!stop_) {
    auto now = std::chrono::steady_clock::now();
    if (options_.max_seconds > 0 &&
        now - start > std::chrono::seconds(options_.max_seconds)) {
      break;
    }
    if (inotify_) {
      FileWatcher::State state = watcher.Poll();
      // One save is often several events a few milliseconds apart (write,
      // close, rename): the files must be quiet for kSettleMs first, or one
      // save would be two rebuilds. Never longer than kMaxSettleMs.
      constexpr int kSettleMs = 25, kMaxSettleMs = 250;
      const auto settle_until = now + std::chrono::milliseconds(kMaxSettleMs);
      while (state == FileWatcher::State::kChanged && std::chrono::steady_clock::now() < settle_until) {
        pollfd events{watcher.fd(), POLLIN, 0};
        if (::poll(&events, 1, kSettleMs) <= 0) break;
        if (watcher.Poll() == FileWatcher::State::kLost) state = FileWatcher::State::kLost;
      }
      switch (state) {
        case FileWatcher::State::kQuiet:
          break;
        case FileWatcher::State::kChanged:
          Rebuild();
          break;
        case FileWatcher::State::kLost:
          inotify_ = false;
          log_ << "lost track of file changes (inotify's queue or watch limit): looking for "
                  "changes every " << options_.poll_ms << " ms\n";
          log_.flush();
          Rebuild();
          last_poll = now;
          break;
      }
    } else if (now - last_poll > std::chrono::milliseconds(options_.poll_ms)) {
      last_poll = now;
      if (Fingerprint() != last_fingerprint_) Rebuild();
    }
    reap(false);
    if (static_cast<int>(workers.size()) >= std::max(1, options_.max_connections)) {
      // Full: new connections wait in the listen queue until one ends.
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      continue;
    }
    // A file event wakes the loop as well as a connection (poll skips the
    // watcher's -1 when there is none).
    pollfd ready[2] = {{listen_fd_, POLLIN, 0}, {inotify_ ? watcher.fd() : -1, POLLIN, 0}};
    if (::poll(ready, 2, 100) <= 0 || !(ready[0].revents & POLLIN)) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    Worker& w = workers.emplace_back();
    w.thread = std::thread([this, fd, &w] {
      ServeConnection(fd);
      w.done = true;
    });
  }
  if (listen_fd_ >= 0) ::close(listen_fd_);
  listen_fd_ = -1;
  reap(true);
}

}  // namespace commonplace
