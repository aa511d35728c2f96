// serve/watch.h: tells the preview server when a file it builds from may
// have changed, through Linux's inotify, so it need not stat every file of
// a large repository a few times a second.
#ifndef COMMONPLACE_SERVE_WATCH_H_
#define COMMONPLACE_SERVE_WATCH_H_

#include <filesystem>
#include <map>
#include <string>

namespace commonplace {

class FileWatcher {
 public:
  FileWatcher() = default;
  ~FileWatcher();
  FileWatcher(const FileWatcher&) = delete;
  FileWatcher& operator=(const FileWatcher&) = delete;

  /// Watches the repository at `root`: site.yaml and every folder under
  /// casestudies/, content/ and themes/ (folders made later are watched as
  /// they appear). False when inotify is not available or its watch limit
  /// (fs.inotify.max_user_watches) is reached; the caller then polls.
  bool Start(const std::filesystem::path& root);

  enum class State {
    kQuiet,    ///< Nothing changed since the last call.
    kChanged,  ///< Something may have changed.
    kLost,     ///< Events were lost or a new folder could not be watched:
               ///< the caller must poll from now on (and rebuild once).
  };
  /// Reads the events that are waiting, without blocking.
  State Poll();
  bool active() const { return fd_ >= 0; }
  /// Readable when events are waiting (for poll(2)); -1 when not watching.
  int fd() const { return fd_; }

 private:
  bool WatchTree(const std::filesystem::path& dir);
  bool WatchOne(const std::filesystem::path& dir);
  void Close();

  int fd_ = -1;
  int root_wd_ = -1;
  std::filesystem::path root_;
  std::map<int, std::filesystem::path> dirs_;  ///< Watch descriptor → folder.
};

}  // namespace commonplace

#endif  // COMMONPLACE_SERVE_WATCH_H_
