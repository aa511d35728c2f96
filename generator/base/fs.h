// File-system access. Reading is plain; writing the site goes through
// OutputTree, which builds beside the target and swaps it in at the end so a
// failed or killed build never leaves a half-written site.
#ifndef COMMONPLACE_BASE_FS_H_
#define COMMONPLACE_BASE_FS_H_

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/path_shards.h"

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

/// Every build writes this file at the top of its output. A build replaces
/// only a folder that does not exist, is empty, or holds this marker: never
/// a folder of someone else's files.
inline constexpr const char* kOutputMarker = ".commonplace-output";

/// Why a build may not write to `out` (a message and a hint), or nothing
/// when it may. `inputs` are the folders the site is made from (the
/// repository root, content folders, the theme): the output may not be one
/// of them or hold one; `inside_ok` says whether it may sit inside it (as
/// site/ sits inside the repository root). Symlinks are never followed.
struct OutputInput {
  std::filesystem::path dir;
  bool inside_ok = false;
};
struct OutputRefusal {
  std::string message;
  std::string hint;
};
std::optional<OutputRefusal> CheckOutputTarget(const std::filesystem::path& out,
                                               const std::vector<OutputInput>& inputs);

/// The files of a build (site-relative path → bytes), put in place in one
/// step by Commit. By default they are held in memory (the preview server,
/// tests). After StreamTo each file is written into a staging folder beside
/// the target as soon as it is added and only its size and a hash are kept,
/// so a large site never sits in memory whole; Commit then only swaps the
/// folder in, and a tree destroyed without Commit removes it.
/// A file's bytes, shared (a page kept by `serve`'s page cache is the same
/// bytes in the cache, the output and the server's snapshot).
using SharedBytes = std::shared_ptr<const std::string>;
/// A built site held in memory: path → bytes. Looked up, not walked in
/// order (`serve` answers requests from it).
using SiteFiles = std::unordered_map<std::string, SharedBytes>;

/// The hash OutputTree (and the link check) keep of a file's bytes. Whoever
/// keeps a file between builds (the page cache) can keep its hash too, so
/// an unchanged file is not hashed again.
inline size_t HashBytes(const std::string& bytes) { return std::hash<std::string>{}(bytes); }

class OutputTree {
 public:
  /// Sees every file as it is added, on the adding thread, with the
  /// HashBytes of its data.
  using Observer =
      std::function<void(const std::string& path, const std::string& data, size_t hash)>;

  OutputTree() = default;
  ~OutputTree();
  OutputTree(OutputTree&& o) noexcept { *this = std::move(o); }
  OutputTree& operator=(OutputTree&& o) noexcept;

  /// Starts writing added files into a staging folder for `out`. First
  /// refuses a target CheckOutputTarget refuses, then takes an exclusive
  /// lock on `out` (a `.NAME.lock` file beside it), waiting up to
  /// lock_wait_seconds for another build of the same folder to finish; under
  /// the lock it removes staging folders that builds killed earlier left
  /// (only marked ones whose process is gone). Call before the first Add.
  /// On failure `err` says why and `hint` (when given) what to do.
  bool StreamTo(const std::filesystem::path& out, std::string* err, std::string* hint = nullptr);
  void set_inputs(std::vector<OutputInput> inputs) { inputs_ = std::move(inputs); }
  void set_lock_wait_seconds(double s) { lock_wait_seconds_ = s; }
  void set_observer(Observer observer) { observer_ = std::move(observer); }
  /// A folder ("cy/") that Add, Has, Get and Paths work inside from now on:
  /// one language of a multilingual site is rendered as if it were the
  /// whole site, and lands under its own prefix.
  void set_prefix(std::string prefix) { prefix_ = std::move(prefix); }

  /// Adds a file; adding the same bytes again is harmless. `path` is
  /// relative, uses '/', and must not contain ".." segments. Returns false
  /// (and records a conflict) when two different contents claim one path.
  /// Safe to call from several threads.
  bool Add(const std::string& path, std::string data);
  bool Add(const std::string& path, SharedBytes data);
  /// The same, for bytes whose HashBytes is known already.
  bool Add(const std::string& path, SharedBytes data, size_t hash);
  bool Has(const std::string& path) const;
  /// The bytes of a file, when held in memory (not after StreamTo).
  const std::string* Get(const std::string& path) const;
  /// A copy of every file held in memory (empty after StreamTo).
  std::map<std::string, std::string> files() const;
  /// Hands over the files held in memory, leaving the tree empty.
  SiteFiles TakeFiles();
  /// Every path added under the prefix (without it) that ends with
  /// `suffix`, sorted.
  std::vector<std::string> Paths(std::string_view suffix = "") const;
  size_t size() const;
  /// Makes room for about `files` paths at once, so a build whose size is
  /// known (a rebuild) does not grow its tables file by file.
  void Reserve(size_t files);
  const std::vector<std::string>& conflicts() const { return conflicts_; }
  size_t TotalBytes() const;

  /// Puts the files at `out`: writes them into the staging folder (unless
  /// streamed there already), then replaces `out` with it in one atomic
  /// rename; the previous site is removed afterwards. The target is checked
  /// again just before the swap.
  bool Commit(const std::filesystem::path& out, std::string* err, std::string* hint = nullptr);
  /// Removes the staging folder of a build that will not be committed.
  void Discard();

 private:
  struct Entry {
    size_t hash;
    size_t size;
    SharedBytes bytes;  // in memory only (none after StreamTo)
  };
  using Shard = PathShards<Entry>::Shard;
  bool WriteStaged(const std::string& path, const std::string& data);

  // Hashed, not ordered: Paths sorts.
  PathShards<Entry> shards_;
  mutable std::mutex mu_;  // conflicts_
  std::vector<std::string> conflicts_;
  Observer observer_;
  std::string prefix_;
  void Unlock();

  std::filesystem::path staging_;  // set by StreamTo
  bool committed_ = false;
  std::vector<OutputInput> inputs_;
  double lock_wait_seconds_ = 600;
  int lock_fd_ = -1;  // held from StreamTo until Commit or Discard
  std::mutex dirs_mu_;
  std::set<std::string> dirs_;  // staging folders made so far
  std::string write_error_;     // the first failed write, if any
};

/// True when the relative path is safe inside an output or content tree.
bool IsSafeRelativePath(const std::string& path);

}  // namespace commonplace

#endif  // COMMONPLACE_BASE_FS_H_
