// linkcheck/: every internal link and anchor of a built site must resolve.
// Pages are read as the build makes them and checked before the new site
// replaces the old, so a broken link fails the build and leaves the previous
// site in place.
#ifndef COMMONPLACE_LINKCHECK_INTERNAL_LINKS_H_
#define COMMONPLACE_LINKCHECK_INTERNAL_LINKS_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace commonplace {

struct BrokenLink {
  std::string page;    ///< Site-relative file holding the link.
  std::string href;    ///< The link as written.
  std::string reason;  ///< "no such page", "no anchor #x on …", …
};

/// A site's files with the links (href, src) and anchors (id, name) of its
/// pages, gathered while the pages are made, then checked at once.
class LinkIndex {
 public:
  /// `previous` (the index of the last build, kept by the preview server)
  /// lends its reading of every page whose bytes have not changed.
  explicit LinkIndex(const LinkIndex* previous = nullptr);

  /// Records a file; an .html file's links and anchors are read now. Safe
  /// to call from several threads.
  void Add(const std::string& path, const std::string& data);
  /// The same, with the std::hash of `data` known already.
  void Add(const std::string& path, const std::string& data, size_t hash);
  /// Broken links, by page then in the order written. `base_path` as below.
  std::vector<BrokenLink> Check(const std::string& base_path);
  /// Replaces this index's files with `other`'s (to keep for the next build).
  void TakeFilesOf(LinkIndex&& other);

 private:
  /// Each distinct link and anchor is held once, however many pages have
  /// it (the navigation's links are on every page): pages point into the
  /// pool, which the indexes of successive builds share.
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
    size_t hash = 0;  // of the file's bytes, when there is a previous index to compare with
    size_t size = 0;
    std::vector<const std::string*> links;  ///< In the pool, in the order written.
    std::vector<const std::string*> ids;    ///< In the pool, sorted by address, each once.
    bool HasId(const std::string* id) const;
  };
  /// What the last Check found on one page, with the files its links lead
  /// to: while the page's reading is the same and none of those files has
  /// come, gone or changed its anchors, the finding stands.
  struct Checked {
    std::vector<std::string> targets;  ///< Distinct files its links resolve to.
    std::vector<BrokenLink> broken;
  };
  /// A file's reading and, for a page with links, what the last Check found
  /// on it (lent with the reading by `previous_` when the bytes are the same).
  struct File {
    std::shared_ptr<const Page> page;
    std::shared_ptr<const Checked> checked;
  };
  /// Files whose presence or anchors differ from `previous_`'s.
  std::unordered_set<std::string> ChangedTargets() const;

  const LinkIndex* previous_;
  std::shared_ptr<Pool> pool_;
  mutable std::mutex mu_;
  /// Every file; pages have links and ids.
  std::unordered_map<std::string, File> files_;
  /// Noted as files are added: those that came or changed their anchors
  /// since `previous_`, and how many paths `previous_` did not have.
  std::unordered_set<std::string> changed_;
  size_t new_paths_ = 0;
  std::string checked_base_path_;
  int rechecked_ = 0;

 public:
  /// Pages whose links the last Check examined (the rest kept their result).
  int rechecked() const { return rechecked_; }
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
