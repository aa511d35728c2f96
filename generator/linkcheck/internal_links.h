// linkcheck/: every internal link and anchor of a built site must resolve.
// Runs on the in-memory output before anything is written, so a broken
// link fails the build and leaves the previous site in place.
#ifndef COMMONPLACE_LINKCHECK_INTERNAL_LINKS_H_
#define COMMONPLACE_LINKCHECK_INTERNAL_LINKS_H_

#include <map>
#include <string>
#include <vector>

namespace commonplace {

struct BrokenLink {
  std::string page;    ///< Site-relative file holding the link.
  std::string href;    ///< The link as written.
  std::string reason;  ///< "no such page", "no anchor #x on …", …
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
