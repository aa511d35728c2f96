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

bool OutputTree::Add(const std::string& path, std::string data) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = files_.find(path);
  if (it != files_.end() && it->second != data) {
    conflicts_.push_back(path);
    return false;
  }
  files_[path] = std::move(data);
  return true;
}

bool OutputTree::Has(const std::string& path) const {
  std::lock_guard<std::mutex> lock(mu_);
  return files_.count(path) > 0;
}

const std::string* OutputTree::Get(const std::string& path) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

size_t OutputTree::TotalBytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  size_t n = 0;
  for (const auto& [p, d] : files_) n += d.size();
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

bool OutputTree::Commit(const fs::path& out, std::string* err) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::error_code ec;
  fs::path target = fs::absolute(out, ec);
  fs::path parent = target.parent_path();
  std::string pid = std::to_string(::getpid());
  fs::path staging = parent / ("." + target.filename().string() + ".tmp-" + pid);
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
  fs::remove_all(staging, ec);
  fs::create_directories(staging, ec);
  if (ec) {
    *err = "cannot create " + staging.string() + ": " + ec.message();
    return false;
  }
  // Folders first (one thread), then the files on every core.
  std::vector<std::pair<fs::path, const std::string*>> writes;
  std::set<fs::path> folders;
  for (const auto& [rel, data] : files_) {
    if (!IsSafeRelativePath(rel)) {
      *err = "refusing to write outside the output directory: " + rel;
      fs::remove_all(staging, ec);
      return false;
    }
    fs::path p = staging / rel;
    if (folders.insert(p.parent_path()).second) fs::create_directories(p.parent_path(), ec);
    writes.emplace_back(std::move(p), &data);
  }
  std::mutex failed_mu;
  std::string failed;
  ParallelFor(writes.size(), ThreadCount(0), [&](size_t i) {
    std::string e;
    if (WriteAll(writes[i].first, *writes[i].second, false, &e)) return;
    std::lock_guard<std::mutex> l(failed_mu);
    if (failed.empty()) failed = e;
  });
  if (!failed.empty()) {
    *err = failed;
    fs::remove_all(staging, ec);
    return false;
  }
  // No fsync: a killed process loses nothing the kernel has accepted, and
  // syncing tens of thousands of files would dominate the build time. The
  // atomic swap below is what keeps a killed build from exposing a partial
  // site.
  // The swap is one atomic step (RENAME_EXCHANGE): at every instant either
  // the whole previous site or the whole new one is at `target`, so a build
  // killed at any point never leaves a missing or half-written site.
  if (fs::exists(target, ec)) {
    if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) {
      *err = "cannot swap the new site into place: " + std::string(std::strerror(errno));
      fs::remove_all(staging, ec);
      return false;
    }
    SyncDir(parent);
    RemoveTree(staging);  // now holds the previous site
  } else {
    fs::rename(staging, target, ec);
    if (ec) {
      *err = "cannot move the new site into place: " + ec.message();
      fs::remove_all(staging, ec);
      return false;
    }
    SyncDir(parent);
  }
  return true;
}

}  // namespace commonplace
