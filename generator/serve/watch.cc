#include "serve/watch.h"

#ifdef __linux__
#include <sys/inotify.h>
#endif
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace commonplace {

namespace fs = std::filesystem;

namespace {

// The folders below the root whose files the site is made from.
constexpr const char* kWatched[] = {"casestudies", "content", "themes"};

}  // namespace

FileWatcher::~FileWatcher() { Close(); }

void FileWatcher::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  root_wd_ = -1;
  dirs_.clear();
}

#ifdef __linux__

namespace {
constexpr uint32_t kEvents = IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM |
                             IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF |
                             IN_DONT_FOLLOW | IN_ONLYDIR;
}  // namespace

bool FileWatcher::WatchOne(const fs::path& dir) {
  int wd = ::inotify_add_watch(fd_, dir.c_str(), kEvents);
  if (wd < 0) {
    // Gone already (made and removed at once): nothing to watch there.
    return errno == ENOENT || errno == ENOTDIR;
  }
  dirs_[wd] = dir;
  return true;
}

bool FileWatcher::WatchTree(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(fs::symlink_status(dir, ec))) return true;
  if (!WatchOne(dir)) return false;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    // Symlinks are not followed: content may not point outside the repository.
    if (it->is_directory(ec) && !it->is_symlink(ec) && !WatchOne(it->path())) return false;
  }
  return true;
}

bool FileWatcher::Start(const fs::path& root) {
  Close();
  root_ = root;
  fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0) return false;
  // The root itself, for site.yaml and for watched folders made or removed.
  root_wd_ = ::inotify_add_watch(fd_, root.c_str(), kEvents);
  if (root_wd_ < 0) {
    Close();
    return false;
  }
  for (const char* d : kWatched) {
    if (!WatchTree(root / d)) {
      Close();
      return false;
    }
  }
  return true;
}

FileWatcher::State FileWatcher::Poll() {
  if (fd_ < 0) return State::kLost;
  State state = State::kQuiet;
  alignas(inotify_event) char buf[64 * 1024];
  for (;;) {
    ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EAGAIN: nothing more waiting
    for (ssize_t at = 0; at < n;) {
      const auto* e = reinterpret_cast<const inotify_event*>(buf + at);
      at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
      if (e->mask & IN_Q_OVERFLOW) {
        Close();
        return State::kLost;
      }
      const std::string name = e->len ? std::string(e->name) : std::string();
      if (e->wd == root_wd_) {
        // In the root only site.yaml and the watched folders matter.
        bool watched = name == "site.yaml";
        for (const char* d : kWatched) watched = watched || name == d;
        if (!watched) continue;
        if ((e->mask & (IN_CREATE | IN_MOVED_TO)) && name != "site.yaml" &&
            !WatchTree(root_ / name)) {
          Close();
          return State::kLost;
        }
        state = State::kChanged;
        continue;
      }
      auto dir = dirs_.find(e->wd);
      if (e->mask & IN_IGNORED) {
        if (dir != dirs_.end()) dirs_.erase(dir);
        continue;
      }
      if (dir == dirs_.end()) continue;
      if ((e->mask & IN_ISDIR) && (e->mask & (IN_CREATE | IN_MOVED_TO)) &&
          !WatchTree(dir->second / name)) {
        Close();
        return State::kLost;
      }
      state = State::kChanged;
    }
  }
  return state;
}

#else  // no inotify: the server polls

bool FileWatcher::WatchOne(const fs::path&) { return false; }
bool FileWatcher::WatchTree(const fs::path&) { return false; }
bool FileWatcher::Start(const fs::path&) { return false; }
FileWatcher::State FileWatcher::Poll() { return State::kLost; }

#endif

}  // namespace commonplace
