#include "base/fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <thread>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <utility>

#include "base/parallel.h"

namespace fs = std::filesystem;

namespace commonplace {

std::optional<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return ss.str();
}

namespace {

bool WriteAll(const fs::path& path, const std::string& data, bool sync, std::string* err) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    *err = "cannot create " + path.string() + ": " + std::strerror(errno);
    return false;
  }
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      *err = "cannot write " + path.string() + ": " + std::strerror(errno);
      ::close(fd);
      return false;
    }
    off += static_cast<size_t>(n);
  }
  if (sync && ::fsync(fd) != 0) {
    *err = "cannot sync " + path.string() + ": " + std::strerror(errno);
    ::close(fd);
    return false;
  }
  if (::close(fd) != 0) {
    *err = "cannot close " + path.string() + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

void SyncDir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

bool WriteFileAtomic(const fs::path& path, const std::string& data, std::string* err) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  fs::path tmp = path;
  tmp += ".tmp-" + std::to_string(::getpid());
  if (!WriteAll(tmp, data, true, err)) {
    fs::remove(tmp, ec);
    return false;
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    *err = "cannot rename " + tmp.string() + " to " + path.string() + ": " + ec.message();
    fs::remove(tmp, ec);
    return false;
  }
  return true;
}

namespace {

// The regular files under `abs` (named `rel` from the root) whose names end
// with `ext`, by readdir's file types: no stat per file unless the file
// system leaves the type out. Symbolic links are skipped, files and
// folders alike; a folder that cannot be read is passed over.
void ListInto(const std::string& abs, const std::string& rel, const std::string& ext,
              std::vector<std::string>* out) {
  DIR* d = ::opendir(abs.c_str());
  if (!d) return;
  while (const dirent* e = ::readdir(d)) {
    const std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    unsigned char type = e->d_type;
    if (type == DT_UNKNOWN) {
      struct stat st;
      if (::fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
      type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_LNK;
    }
    const std::string named = rel.empty() ? std::string(name) : rel + "/" + e->d_name;
    if (type == DT_DIR) {
      ListInto(abs + "/" + e->d_name, named, ext, out);
      continue;
    }
    if (type != DT_REG || name[0] == '.') continue;
    if (name.size() < ext.size() || name.compare(name.size() - ext.size(), ext.size(), ext) != 0) {
      continue;
    }
    out->push_back(named);
  }
  ::closedir(d);
}

}  // namespace

std::vector<std::string> ListFiles(const fs::path& root, const std::string& dir,
                                   const std::string& ext) {
  std::vector<std::string> out;
  std::error_code ec;
  fs::path base = root / dir;
  if (!fs::is_directory(base, ec)) return out;
  // Named from the root, as fs::path::lexically_relative would name them.
  std::string rel = fs::path(dir).lexically_normal().generic_string();
  while (!rel.empty() && rel.back() == '/') rel.pop_back();
  if (rel == ".") rel.clear();
  ListInto(base.string(), rel, ext, &out);
  std::sort(out.begin(), out.end());
  return out;
}

bool IsSafeRelativePath(const std::string& path) {
  if (path.empty() || path[0] == '/' || path.find('\\') != std::string::npos ||
      path.find('\0') != std::string::npos) {
    return false;
  }
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    std::string seg = path.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (seg == ".." || seg == ".") return false;
    if (seg.empty() && end != std::string::npos) return false;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return true;
}

OutputTree::~OutputTree() { Discard(); }

void OutputTree::Discard() {
  if (!staging_.empty() && !committed_) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
    staging_.clear();
  }
  Unlock();
}

void OutputTree::Unlock() {
  if (lock_fd_ >= 0) ::close(lock_fd_);  // closing releases the flock
  lock_fd_ = -1;
}

OutputTree& OutputTree::operator=(OutputTree&& o) noexcept {
  if (this == &o) return *this;
  std::scoped_lock lock(mu_, o.mu_);
  for (size_t i = 0; i < PathShards<Entry>::kCount; ++i) {
    std::scoped_lock shard_lock(shards_[i].mu, o.shards_[i].mu);
    shards_[i].map = std::move(o.shards_[i].map);
  }
  conflicts_ = std::move(o.conflicts_);
  observer_ = std::move(o.observer_);
  prefix_ = std::move(o.prefix_);
  staging_ = std::exchange(o.staging_, {});  // the staging folder now belongs here
  committed_ = o.committed_;
  dirs_ = std::move(o.dirs_);
  write_error_ = std::move(o.write_error_);
  inputs_ = std::move(o.inputs_);
  lock_wait_seconds_ = o.lock_wait_seconds_;
  Unlock();
  lock_fd_ = std::exchange(o.lock_fd_, -1);
  return *this;
}

bool OutputTree::Add(const std::string& rel, std::string data) {
  return Add(rel, std::make_shared<const std::string>(std::move(data)));
}

bool OutputTree::Add(const std::string& rel, SharedBytes bytes) {
  const size_t hash = HashBytes(*bytes);
  return Add(rel, std::move(bytes), hash);
}

bool OutputTree::Add(const std::string& rel, SharedBytes bytes, size_t hash) {
  const std::string& data = *bytes;
  std::string joined = prefix_ + rel;
  Shard& shard = shards_.Of(joined);
  const std::string* at;  // the entry's own path: entries stay until TakeFiles
  {
    std::lock_guard<std::mutex> lock(shard.mu);
    auto [it, inserted] =
        shard.map.try_emplace(std::move(joined), Entry{hash, data.size(), nullptr});
    if (!inserted) {
      if (it->second.hash != hash || it->second.size != data.size()) {
        std::lock_guard<std::mutex> conflicts_lock(mu_);
        conflicts_.push_back(it->first);
        return false;
      }
      return true;  // the same bytes again
    }
    // Held in memory until StreamTo; the bytes stay alive with the entry
    // while the observer reads them.
    if (staging_.empty()) it->second.bytes = bytes;
    at = &it->first;
  }
  const std::string& path = *at;
  if (observer_) observer_(path, data, hash);
  if (!staging_.empty()) return WriteStaged(path, data);
  return true;
}

bool OutputTree::WriteStaged(const std::string& path, const std::string& data) {
  std::string e;
  if (!IsSafeRelativePath(path)) {
    e = "refusing to write outside the output directory: " + path;
  } else {
    fs::path file = staging_ / path;
    std::string dir = file.parent_path().string();
    bool made;
    {
      std::lock_guard<std::mutex> lock(dirs_mu_);
      made = dirs_.count(dir) > 0;
    }
    if (!made) {
      std::error_code ec;
      fs::create_directories(dir, ec);
      std::lock_guard<std::mutex> lock(dirs_mu_);
      dirs_.insert(dir);
    }
    if (WriteAll(file, data, false, &e)) return true;
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (write_error_.empty()) write_error_ = e;
  return false;
}

bool OutputTree::Has(const std::string& path) const {
  const std::string full = prefix_ + path;
  const Shard& shard = shards_.Of(full);
  std::lock_guard<std::mutex> lock(shard.mu);
  return shard.map.count(full) > 0;
}

const std::string* OutputTree::Get(const std::string& path) const {
  const std::string full = prefix_ + path;
  const Shard& shard = shards_.Of(full);
  std::lock_guard<std::mutex> lock(shard.mu);
  auto it = shard.map.find(full);
  return it == shard.map.end() || !it->second.bytes ? nullptr : it->second.bytes.get();
}

std::map<std::string, std::string> OutputTree::files() const {
  std::map<std::string, std::string> out;
  for (const Shard& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    for (const auto& [path, e] : shard.map) {
      if (e.bytes) out.emplace(path, *e.bytes);
    }
  }
  return out;
}

SiteFiles OutputTree::TakeFiles() {
  SiteFiles out;
  out.reserve(size());
  for (Shard& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    // Each entry leaves the tree with its path moved, not copied: 20,000
    // paths at 10,000 case studies.
    while (!shard.map.empty()) {
      auto node = shard.map.extract(shard.map.begin());
      if (!node.mapped().bytes) continue;
      out.emplace(std::move(node.key()), std::move(node.mapped().bytes));
    }
  }
  return out;
}

std::vector<std::string> OutputTree::Paths(std::string_view suffix) const {
  std::vector<std::string> out;
  for (const Shard& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    for (const auto& [path, entry] : shard.map) {
      if (path.size() < prefix_.size() + suffix.size() || path.compare(0, prefix_.size(), prefix_) != 0 ||
          path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0) {
        continue;
      }
      out.push_back(path.substr(prefix_.size()));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void OutputTree::Reserve(size_t files) {
  for (Shard& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    // The paths spread evenly over the shards; an eighth over the even share.
    const size_t share = files / PathShards<Entry>::kCount;
    shard.map.reserve(share + share / 8 + 1);
  }
}

size_t OutputTree::size() const {
  size_t n = 0;
  for (const Shard& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    n += shard.map.size();
  }
  return n;
}

size_t OutputTree::TotalBytes() const {
  size_t n = 0;
  for (const Shard& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    for (const auto& [p, e] : shard.map) n += e.size;
  }
  return n;
}

namespace {

// Removes a folder and everything in it, its subfolders on every core. A
// symlink is removed itself, never what it points to.
void RemoveTree(const fs::path& dir) {
  std::error_code ec;
  struct stat st;
  if (::lstat(dir.c_str(), &st) != 0) return;
  if (!S_ISDIR(st.st_mode)) {
    fs::remove(dir, ec);
    return;
  }
  std::vector<fs::path> children;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    children.push_back(it->path());
  }
  ParallelFor(children.size(), ThreadCount(0), [&](size_t i) {
    std::error_code ignore;
    fs::remove_all(children[i], ignore);  // does not follow symlinks
  });
  fs::remove_all(dir, ec);
}

constexpr char kMarkerText[] =
    "This folder was written by `commonplace build`. The next build replaces everything in "
    "it:\nkeep nothing else here.\n";

// The path as the build will use it: absolute, without "." or ".." or a
// trailing '/', its parent resolved (symlinks in the parent are fine; the
// last component is what is checked, with lstat).
fs::path ResolveTarget(const fs::path& out) {
  std::error_code ec;
  fs::path p = fs::absolute(out, ec).lexically_normal();
  if (!p.has_filename() && p.has_parent_path() && p != p.root_path()) p = p.parent_path();
  fs::path parent = fs::weakly_canonical(p.parent_path(), ec);
  if (ec) parent = p.parent_path();
  return p.filename().empty() ? p : parent / p.filename();
}

// True when `inner` is `outer` or inside it (both resolved).
bool IsWithin(const fs::path& inner, const fs::path& outer) {
  auto i = inner.begin();
  for (auto o = outer.begin(); o != outer.end(); ++o, ++i) {
    if (o->empty()) continue;  // a trailing separator
    if (i == inner.end() || *i != *o) return false;
  }
  return true;
}

bool HasMarker(const fs::path& dir) {
  struct stat st;
  return ::lstat((dir / kOutputMarker).c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool ProcessAlive(pid_t pid) { return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM); }

}  // namespace

std::optional<OutputRefusal> CheckOutputTarget(const fs::path& out,
                                               const std::vector<OutputInput>& inputs) {
  fs::path target = ResolveTarget(out);
  std::string shown = out.string();
  if (target.filename().empty() || target == target.root_path()) {
    return OutputRefusal{"refusing to build into '" + shown + "': it is the root of the file system",
                         "give a folder of its own with --out, such as site/"};
  }
  for (const auto& in : inputs) {
    if (in.dir.empty()) continue;
    std::error_code ec;
    fs::path dir = fs::weakly_canonical(fs::absolute(in.dir, ec), ec);
    if (IsWithin(dir, target)) {
      return OutputRefusal{
          "refusing to build into '" + shown + "': it " +
              (dir == target ? "is" : "holds") + " '" + in.dir.string() +
              "', which the site is made from, and a build replaces everything in its output",
          "give a folder of its own with --out, such as site/"};
    }
    if (!in.inside_ok && IsWithin(target, dir)) {
      return OutputRefusal{"refusing to build into '" + shown + "': it is inside '" +
                               in.dir.string() + "', which the site is made from",
                           "give a folder outside the content and theme folders, such as site/"};
    }
  }
  struct stat st;
  if (::lstat(target.c_str(), &st) != 0) return std::nullopt;  // a new folder
  if (S_ISLNK(st.st_mode)) {
    return OutputRefusal{
        "refusing to build into '" + shown + "': it is a symbolic link, and a build replaces its "
        "output folder whole",
        "give the real folder with --out (if it is an earlier Commonplace output), or a new one"};
  }
  if (!S_ISDIR(st.st_mode)) {
    return OutputRefusal{"refusing to build into '" + shown + "': it is a file, not a folder",
                         "give a new folder with --out, such as site/"};
  }
  if (HasMarker(target)) return std::nullopt;
  std::error_code ec;
  if (fs::directory_iterator(target, ec) == fs::directory_iterator()) {
    if (!ec) return std::nullopt;  // empty
    return OutputRefusal{"cannot read '" + shown + "': " + ec.message(), "check its permissions"};
  }
  return OutputRefusal{
      "refusing to build into '" + shown + "': it holds files that `commonplace build` did not "
      "write (it has no " + std::string(kOutputMarker) + " file), and a build replaces everything "
      "in its output",
      "give a new or empty folder with --out; if it is a site built by an older Commonplace, "
      "remove it yourself and build again"};
}

bool OutputTree::StreamTo(const fs::path& out, std::string* err, std::string* hint) {
  std::string ignored_hint;
  if (!hint) hint = &ignored_hint;
  if (auto refusal = CheckOutputTarget(out, inputs_)) {
    *err = refusal->message;
    *hint = refusal->hint;
    return false;
  }
  fs::path target = ResolveTarget(out);
  fs::path parent = target.parent_path();
  std::string name = target.filename().string();
  std::error_code ec;
  fs::create_directories(parent, ec);
  // One build of a folder at a time: an editor's save and a manual build,
  // or two CI jobs, would otherwise remove each other's staging folders.
  if (lock_fd_ < 0) {
    fs::path lock_path = parent / ("." + name + ".lock");
    lock_fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (lock_fd_ < 0) {
      *err = "cannot open the lock file " + lock_path.string() + ": " + std::strerror(errno);
      *hint = "check the permissions of the folder that holds the output";
      return false;
    }
    auto deadline = std::chrono::steady_clock::now() +
                    std::chrono::duration<double>(lock_wait_seconds_);
    while (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
      if (errno != EWOULDBLOCK && errno != EINTR) {
        *err = "cannot lock " + lock_path.string() + ": " + std::strerror(errno);
        Unlock();
        return false;
      }
      if (std::chrono::steady_clock::now() >= deadline) {
        *err = "another build is writing '" + out.string() + "' and did not finish in time";
        *hint = "wait for it to finish (or stop it), then build again";
        Unlock();
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  // Builds killed earlier leave their staging folders behind. Under the
  // lock no other build of this folder runs, but only a marked folder whose
  // process is gone is removed: never anything this build did not make.
  std::string stale_prefix = "." + name + ".tmp-";
  for (auto it = fs::directory_iterator(parent, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    std::string file = it->path().filename().string();
    if (file.rfind(stale_prefix, 0) != 0) continue;
    pid_t pid = static_cast<pid_t>(std::atol(file.c_str() + stale_prefix.size()));
    struct stat st;
    if (::lstat(it->path().c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) continue;
    if (pid == ::getpid() || ProcessAlive(pid) || !HasMarker(it->path())) continue;
    RemoveTree(it->path());
  }
  ec.clear();
  fs::path staging = parent / (stale_prefix + std::to_string(::getpid()));
  if (fs::exists(staging, ec)) RemoveTree(staging);  // this process's, from an earlier build
  fs::create_directories(staging, ec);
  std::string e;
  if (ec || !WriteAll(staging / kOutputMarker, kMarkerText, false, &e)) {
    *err = ec ? "cannot create " + staging.string() + ": " + ec.message() : e;
    *hint = "check free disk space and permissions; the previous site is unchanged";
    RemoveTree(staging);
    Unlock();
    return false;
  }
  staging_ = staging;
  return true;
}

bool OutputTree::Commit(const fs::path& out, std::string* err, std::string* hint) {
  std::string ignored_hint;
  if (!hint) hint = &ignored_hint;
  fs::path target = ResolveTarget(out);
  if (staging_.empty()) {
    // Held in memory: write everything now, on every core.
    if (!StreamTo(out, err, hint)) return false;
    std::vector<std::pair<const std::string*, const std::string*>> files;
    for (const Shard& shard : shards_) {
      for (const auto& [path, e] : shard.map) {
        if (e.bytes) files.emplace_back(&path, e.bytes.get());
      }
    }
    ParallelFor(files.size(), ThreadCount(0),
                [&](size_t i) { WriteStaged(*files[i].first, *files[i].second); });
  }
  if (!write_error_.empty()) {
    *err = write_error_;
    *hint = "check free disk space and permissions; the previous site is unchanged";
    return false;  // the destructor removes the staging folder
  }
  // The target may have changed while the pages were made.
  if (auto refusal = CheckOutputTarget(out, inputs_)) {
    *err = refusal->message;
    *hint = refusal->hint;
    return false;
  }
  // No fsync: a killed process loses nothing the kernel has accepted, and
  // syncing tens of thousands of files would dominate the build time.
  // The swap is one atomic step (RENAME_EXCHANGE): at every instant either
  // the whole previous site or the whole new one is at `target`, so a build
  // killed at any point never leaves a missing or half-written site.
  // rename never follows a symlink at either name (and CheckOutputTarget
  // refused one at the target).
  fs::path parent = target.parent_path();
  std::error_code ec;
  struct stat st;
  if (::lstat(target.c_str(), &st) == 0) {
    if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) {
      *err = "cannot swap the new site into place: " + std::string(std::strerror(errno));
      *hint = "check the permissions of the output folder; the previous site is unchanged";
      return false;
    }
    committed_ = true;
    SyncDir(parent);
    RemoveTree(staging_);  // now holds the previous site
  } else {
    fs::rename(staging_, target, ec);
    if (ec) {
      *err = "cannot move the new site into place: " + ec.message();
      *hint = "check the permissions of the folder that holds the output";
      return false;
    }
    committed_ = true;
    SyncDir(parent);
  }
  Unlock();
  return true;
}

}  // namespace commonplace
