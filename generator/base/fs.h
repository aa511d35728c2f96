// File-system access. Reading is plain; writing the site goes through
// OutputTree, which builds beside the target and swaps it in at the end so a
// failed or killed build never leaves a half-written site.
#ifndef COMMONPLACE_BASE_FS_H_
#define COMMONPLACE_BASE_FS_H_

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace commonplace {

/// Reads a whole file; std::nullopt when it cannot be read.
std::optional<std::string> ReadFile(const std::filesystem::path& path);

/// Writes `data` to `path` through a temporary file and rename, creating
/// parent directories. Returns false and sets `err` on failure.
bool WriteFileAtomic(const std::filesystem::path& path, const std::string& data, std::string* err);

/// Regular files below `dir` whose names end in `ext` (e.g. ".md"), sorted,
/// as paths relative to `root`. Symlinks are skipped: content may not point
/// outside the repository.
std::vector<std::string> ListFiles(const std::filesystem::path& root, const std::string& dir,
                                   const std::string& ext);

/// An in-memory set of output files (site-relative path → bytes), written
/// to disk in one step by Commit.
class OutputTree {
 public:
  OutputTree() = default;
  OutputTree(OutputTree&& o) noexcept
      : files_(std::move(o.files_)), conflicts_(std::move(o.conflicts_)) {}
  OutputTree& operator=(OutputTree&& o) noexcept {
    files_ = std::move(o.files_);
    conflicts_ = std::move(o.conflicts_);
    return *this;
  }

  /// Adds or replaces a file. `path` is relative, uses '/', and must not
  /// contain ".." segments; returns false (and records a conflict) when two
  /// different contents claim the same path.
  bool Add(const std::string& path, std::string data);
  bool Has(const std::string& path) const;
  const std::string* Get(const std::string& path) const;
  const std::map<std::string, std::string>& files() const { return files_; }
  const std::vector<std::string>& conflicts() const { return conflicts_; }
  size_t TotalBytes() const;

  /// Writes every file into `<out>.tmp-<pid>`, fsyncs, then replaces `out`
  /// by renames (the old tree is moved aside and removed after the swap).
  bool Commit(const std::filesystem::path& out, std::string* err) const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::string> files_;
  std::vector<std::string> conflicts_;
};

/// True when the relative path is safe inside an output or content tree.
bool IsSafeRelativePath(const std::string& path);

}  // namespace commonplace

#endif  // COMMONPLACE_BASE_FS_H_
