// serve/: a preview server for authors. Builds the site into memory, serves
// it on 127.0.0.1, rebuilds when a content or theme file changes and tells
// open pages to reload. A failed rebuild keeps the last good site and shows
// the errors in the terminal and as an overlay in the page.
#ifndef COMMONPLACE_SERVE_SERVER_H_
#define COMMONPLACE_SERVE_SERVER_H_

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>

#include "base/fs.h"

namespace commonplace {

struct ServeOptions {
  std::string root = ".";
  int port = 8000;           ///< 0 picks a free port.
  int poll_ms = 400;         ///< How often to look for changed files when polling.
  int max_seconds = 0;       ///< Stop after this long (tests); 0 runs until interrupted.
  /// How long a client may take to send its request, and to take each part
  /// of the response, before its connection is closed.
  int io_timeout_ms = 5000;
  int max_connections = 32;  ///< Served at once, each on its own thread; more wait to be accepted.
  /// How long /__commonplace/status?since=N waits for a new version.
  int status_wait_ms = 20000;
  /// Learn of changed files from inotify (Linux) instead of stat-ing every
  /// file each poll_ms; the server polls anyway where inotify is missing or
  /// its watch limit is reached.
  bool watch = true;
};

/// The result of one build, as the server needs it.
struct SiteSnapshot {
  bool ok = false;
  SiteFiles files;     ///< Path → bytes (last good site).
  std::string errors;  ///< Formatted diagnostics of a failed build.
  int version = 0;
};

/// Builds the site into memory for `base_url`; errors as formatted text.
using SiteBuilder = std::function<bool(const std::string& base_url,
                                       SiteFiles* files,
                                       std::string* errors)>;

class PreviewServer {
 public:
  PreviewServer(ServeOptions options, SiteBuilder builder, std::ostream& log)
      : options_(std::move(options)), builder_(std::move(builder)), log_(log) {}

  /// Binds 127.0.0.1:port. Returns false (with `err`) when it cannot.
  bool Listen(std::string* err);
  int port() const { return port_; }

  /// Serves until stopped (or max_seconds pass). Each connection is served
  /// on a thread of its own, with read and write time-outs, so a client
  /// that stops reading (or never sends its request) holds only its own
  /// connection; the others, and the rebuilds, go on.
  void Run();
  void Stop() { stop_ = true; }

  /// One rebuild now; returns whether it succeeded.
  bool Rebuild();

  /// The response for a GET of `path` (used by Run and by tests).
  struct Response {
    int status = 200;
    std::string type;
    std::string body;
  };
  Response Handle(const std::string& path);

 private:
  std::string Fingerprint() const;
  void ServeConnection(int fd);

  ServeOptions options_;
  SiteBuilder builder_;
  std::ostream& log_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::condition_variable changed_;  ///< Notified when the snapshot's version moves.
  SiteSnapshot snapshot_;
  std::string last_fingerprint_;
  std::atomic<bool> inotify_{false};  ///< Watching with inotify: no fingerprint to take.

 public:
  /// Whether Run is learning of changes from inotify (for tests).
  bool watching() const { return inotify_; }
};

/// The media type for a file name.
std::string MediaType(const std::string& path);

}  // namespace commonplace

#endif  // COMMONPLACE_SERVE_SERVER_H_
