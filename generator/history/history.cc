#include "history/history.h"

#include <git2.h>

#include <ctime>
#include <filesystem>
#include <memory>
#include <set>

namespace commonplace {

namespace {

namespace fs = std::filesystem;

// Owners of libgit2 objects, freed in reverse order of creation.
template <typename T, void (*Free)(T*)>
struct Owned {
  T* p = nullptr;
  ~Owned() {
    if (p) Free(p);
  }
};

// libgit2 set up once for the process and shut down at its end: setting it
// up costs about 4 ms, and `serve` asks for HEAD on every rebuild.
void UseLibgit2() {
  static const struct Library {
    Library() { git_libgit2_init(); }
    ~Library() { git_libgit2_shutdown(); }
  } library;
}

std::string Date(git_time_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace

std::map<std::string, std::string> LastChangedDates(const std::string& root,
                                                    const std::vector<std::string>& paths) {
  std::map<std::string, std::string> dates;
  if (paths.empty()) return dates;
  UseLibgit2();
  Owned<git_repository, git_repository_free> repo;
  if (git_repository_open_ext(&repo.p, root.c_str(), 0, nullptr) != 0) return dates;
  const char* workdir = git_repository_workdir(repo.p);
  if (!workdir) return dates;  // a bare repository
  // The paths as the repository names them: relative to its working tree.
  std::error_code ec;
  fs::path prefix = fs::weakly_canonical(root, ec).lexically_relative(fs::weakly_canonical(workdir, ec));
  std::string pre = prefix.generic_string();
  if (pre == ".") pre.clear();
  if (!pre.empty() && pre.back() != '/') pre += '/';
  if (pre.rfind("..", 0) == 0) return dates;
  std::map<std::string, std::string> wanted;  // repository path → caller's path
  for (const auto& p : paths) wanted[pre + p] = p;

  Owned<git_revwalk, git_revwalk_free> walk;
  if (git_revwalk_new(&walk.p, repo.p) != 0) return dates;
  git_revwalk_sorting(walk.p, GIT_SORT_TIME);
  if (git_revwalk_push_head(walk.p) != 0) return dates;  // no commits yet
  git_oid oid;
  while (!wanted.empty() && git_revwalk_next(&oid, walk.p) == 0) {
    Owned<git_commit, git_commit_free> commit;
    if (git_commit_lookup(&commit.p, repo.p, &oid) != 0) break;
    Owned<git_tree, git_tree_free> tree, parent_tree;
    if (git_commit_tree(&tree.p, commit.p) != 0) break;
    if (git_commit_parentcount(commit.p) > 0) {
      Owned<git_commit, git_commit_free> parent;
      if (git_commit_parent(&parent.p, commit.p, 0) != 0 ||
          git_commit_tree(&parent_tree.p, parent.p) != 0) {
        break;
      }
    }
    Owned<git_diff, git_diff_free> diff;
    if (git_diff_tree_to_tree(&diff.p, repo.p, parent_tree.p, tree.p, nullptr) != 0) break;
    const std::string date = Date(git_commit_time(commit.p));
    const size_t n = git_diff_num_deltas(diff.p);
    for (size_t i = 0; i < n; ++i) {
      const git_diff_delta* d = git_diff_get_delta(diff.p, i);
      for (const char* path : {d->new_file.path, d->old_file.path}) {
        if (!path) continue;
        auto it = wanted.find(path);
        if (it == wanted.end()) continue;
        dates[it->second] = date;
        wanted.erase(it);
      }
    }
  }
  return dates;
}

std::string HeadCommitId(const std::string& root) {
  UseLibgit2();
  Owned<git_repository, git_repository_free> repo;
  if (git_repository_open_ext(&repo.p, root.c_str(), 0, nullptr) != 0) return "";
  if (!git_repository_workdir(repo.p)) return "";
  git_oid oid;
  if (git_reference_name_to_id(&oid, repo.p, "HEAD") != 0) return "";
  char hex[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(hex, sizeof hex, &oid);
  return hex;
}

}  // namespace commonplace
