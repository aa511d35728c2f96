// linkcheck/: every internal link and anchor of a built site must resolve.
// Pages are read as the build makes them and checked before the new site
// replaces the old, so a broken link fails the build and leaves the previous
// site in place.
#ifndef COMMONPLACE_LINKCHECK_INTERNAL_LINKS_H_
#define COMMONPLACE_LINKCHECK_INTERNAL_LINKS_H_

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/path_shards.h"

namespace commonplace {

struct BrokenLink {
  std::string page;    ///< Site-relative file holding the link.
  std::string href;    ///< The link as written.
  std::string reason;  ///< "no such page", "no anchor #x on …", …
};

/// A site's files with the links (href, src) and anchors (id, name) of its
/// pages, gathered while the pages are made, then checked at once. The
/// preview server keeps one index for all its builds and updates it in
/// place: a file added with the same bytes as last time keeps its reading
/// and what the last Check found on it.
class LinkIndex {
 public:
  LinkIndex() = default;
  LinkIndex(const LinkIndex&) = delete;
  LinkIndex& operator=(const LinkIndex&) = delete;

  /// Begins another build over the files of the last: each file the build
  /// does not add again before the next Check has gone by then.
  void StartBuild();
  /// Records a file; an .html file's links and anchors are read now, unless
  /// the index holds the same bytes at `path` already. Safe to call from
  /// several threads.
  void Add(const std::string& path, const std::string& data);
  /// The same, with a hash of `data` known already (always the same hash
  /// function for the same index).
  void Add(const std::string& path, const std::string& data, size_t hash);
  /// Broken links, by page then in the order written. `base_path` as below.
  /// Not while files are being added.
  std::vector<BrokenLink> Check(const std::string& base_path);
  /// Pages whose links the last Check examined (the rest kept their result).
  int rechecked() const { return rechecked_; }

 private:
  /// Each distinct link and anchor is held once, however many pages have
  /// it (the navigation's links are on every page): pages point into the
  /// pool, which lasts as long as the index.
  class Pool {
   public:
    /// Appends each of `strings`, interned, to `out`. Safe to call from
    /// several threads.
    void Intern(std::vector<std::string>&& strings, std::vector<const std::string*>* out);
    /// The interned `s`, or null; not while another thread interns.
    const std::string* Find(const std::string& s) const;

   private:
    std::mutex mu_;
    std::unordered_set<std::string> strings_;  // nodes: pointers stay valid
  };
  struct Page {
    std::vector<const std::string*> links;  ///< In the pool, in the order written.
    std::vector<const std::string*> ids;    ///< In the pool, sorted by address, each once.
    bool HasId(const std::string* id) const;
  };
  /// What the last Check found on one page, with the files its links lead
  /// to: while the page's reading is the same and none of those files has
  /// come, gone or changed its anchors, the finding stands.
  struct Checked {
    std::vector<std::string> targets;  ///< Distinct files its links resolve to.
    std::vector<uint64_t> target_hashes;  ///< Hash64 of each target, to compare cheaply.
    std::vector<BrokenLink> broken;
  };
  /// A file's reading, what the last Check found on it (for a page with
  /// links; null until checked, and whenever the reading changes), and the
  /// build that last added it.
  struct File {
    // The hash and size of the file's bytes, beside its reading: an
    // unchanged file is known without a visit to it.
    size_t hash = 0;
    size_t size = 0;
    std::shared_ptr<const Page> page;
    std::shared_ptr<const Checked> checked;
    uint64_t build = 0;
    // Whether the reading has links and the finding broken ones, beside
    // them for the same reason: Check walks every file of the site.
    bool has_links = false;
    bool has_broken = false;
  };

  /// Every file (pages have links and ids), by path: the threads making a
  /// build's pages add them at once.
  using Shard = PathShards<File>::Shard;
  /// The file at `path`, or null (during Check, when nothing is added).
  const File* Find(const std::string& path) {
    const auto& files = shards_.Of(path).map;
    auto it = files.find(path);
    return it == files.end() ? nullptr : &it->second;
  }

  Pool pool_;
  PathShards<File> shards_;
  std::atomic<uint64_t> build_{1};
  mutable std::mutex mu_;  // changed_, and Check
  /// Files that came, went or changed their anchors since the last Check.
  std::unordered_set<std::string> changed_;
  bool checked_once_ = false;
  std::string checked_base_path_;
  int rechecked_ = 0;
};

/// Checks href and src attributes of every .html file in `files`
/// (site-relative path → contents). `base_path` is the site's URL path
/// prefix ("/" or "/evidence/"): absolute links must stay under it.
std::vector<BrokenLink> CheckInternalLinks(const std::map<std::string, std::string>& files,
                                           const std::string& base_path);

/// The values of every `attr` attribute of the start tags in `html`, with
/// character references decoded. Only real tags count: text (even text that
/// reads "src=x"), comments, the contents of <script>, <style> and other raw
/// text elements, and the values of other attributes are skipped.
std::vector<std::string> AttributeValues(const std::string& html, const std::string& attr);

}  // namespace commonplace

#endif  // COMMONPLACE_LINKCHECK_INTERNAL_LINKS_H_
