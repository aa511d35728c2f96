#include "base/fs.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

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

std::vector<std::string> ListFiles(const fs::path& root, const std::string& dir,
                                   const std::string& ext) {
  std::vector<std::string> out;
  std::error_code ec;
  fs::path base = root / dir;
  if (!fs::is_directory(base, ec)) return out;
  for (auto it = fs::recursive_directory_iterator(base, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_symlink(ec)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec)) continue;
    std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    if (name.size() < ext.size() || name.compare(name.size() - ext.size(), ext.size(), ext) != 0) {
      continue;
    }
    // Lexically: fs::relative would resolve a linked folder and name the
    // file by where the link points.
    out.push_back(it->path().lexically_relative(root).generic_string());
  }
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
  if (staging_.empty() || committed_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
  staging_.clear();
}

OutputTree& OutputTree::operator=(OutputTree&& o) noexcept {
  if (this == &o) return *this;
  std::scoped_lock lock(mu_, o.mu_);
  entries_ = std::move(o.entries_);
  files_ = std::move(o.files_);
  conflicts_ = std::move(o.conflicts_);
  observer_ = std::move(o.observer_);
  staging_ = std::exchange(o.staging_, {});  // the staging folder now belongs here
  committed_ = o.committed_;
  dirs_ = std::move(o.dirs_);
  write_error_ = std::move(o.write_error_);
  return *this;
}

bool OutputTree::Add(const std::string& path, std::string data) {
  Entry entry{std::hash<std::string>{}(data), data.size()};
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto [it, inserted] = entries_.try_emplace(path, entry);
    if (!inserted) {
      if (it->second.hash != entry.hash || it->second.size != entry.size) {
        conflicts_.push_back(path);
        return false;
      }
      return true;  // the same bytes again
    }
  }
  if (observer_) observer_(path, data);
  if (!staging_.empty()) return WriteStaged(path, data);
  std::lock_guard<std::mutex> lock(mu_);
  files_[path] = std::move(data);
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
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.count(path) > 0;
}

const std::string* OutputTree::Get(const std::string& path) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

std::vector<std::string> OutputTree::Paths() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> out;
  out.reserve(entries_.size());
  for (const auto& [path, entry] : entries_) out.push_back(path);
  return out;
}

size_t OutputTree::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

size_t OutputTree::TotalBytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  size_t n = 0;
  for (const auto& [p, e] : entries_) n += e.size;
  return n;
}

namespace {

// Removes a folder and everything in it, its subfolders on every core.
void RemoveTree(const fs::path& dir) {
  std::error_code ec;
  std::vector<fs::path> children;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    children.push_back(it->path());
  }
  ParallelFor(children.size(), ThreadCount(0), [&](size_t i) {
    std::error_code ignore;
    fs::remove_all(children[i], ignore);
  });
  fs::remove_all(dir, ec);
}

}  // namespace

bool OutputTree::StreamTo(const fs::path& out, std::string* err) {
  std::error_code ec;
  fs::path target = fs::absolute(out, ec);
  fs::path parent = target.parent_path();
  fs::path staging = parent / ("." + target.filename().string() + ".tmp-" +
                               std::to_string(::getpid()));
  fs::create_directories(parent, ec);
  // Builds killed earlier leave their staging folders behind; clear them.
  std::string stale_prefix = "." + target.filename().string() + ".tmp-";
  for (auto it = fs::directory_iterator(parent, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    if (it->path().filename().string().rfind(stale_prefix, 0) == 0) {
      std::error_code ignore;
      fs::remove_all(it->path(), ignore);
    }
  }
  ec.clear();
  fs::create_directories(staging, ec);
  if (ec) {
    *err = "cannot create " + staging.string() + ": " + ec.message();
    return false;
  }
  staging_ = staging;
  return true;
}

bool OutputTree::Commit(const fs::path& out, std::string* err) {
  std::error_code ec;
  fs::path target = fs::absolute(out, ec);
  if (staging_.empty()) {
    // Held in memory: write everything now, on every core.
    if (!StreamTo(out, err)) return false;
    std::vector<const std::pair<const std::string, std::string>*> files;
    for (const auto& f : files_) files.push_back(&f);
    ParallelFor(files.size(), ThreadCount(0),
                [&](size_t i) { WriteStaged(files[i]->first, files[i]->second); });
  }
  if (!write_error_.empty()) {
    *err = write_error_;
    return false;  // the destructor removes the staging folder
  }
  // No fsync: a killed process loses nothing the kernel has accepted, and
  // syncing tens of thousands of files would dominate the build time.
  // The swap is one atomic step (RENAME_EXCHANGE): at every instant either
  // the whole previous site or the whole new one is at `target`, so a build
  // killed at any point never leaves a missing or half-written site.
  fs::path parent = target.parent_path();
  if (fs::exists(target, ec)) {
    if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) {
      *err = "cannot swap the new site into place: " + std::string(std::strerror(errno));
      return false;
    }
    committed_ = true;
    SyncDir(parent);
    RemoveTree(staging_);  // now holds the previous site
  } else {
    fs::rename(staging_, target, ec);
    if (ec) {
      *err = "cannot move the new site into place: " + ec.message();
      return false;
    }
    committed_ = true;
    SyncDir(parent);
  }
  return true;
}

}  // namespace commonplace
