// linkcheck/external_links.h: checks external URLs with libcurl's multi
// interface. Many transfers run at once (with a per-host limit); each tries
// HEAD, falls back to GET when HEAD is refused, follows redirects to a
// limit, retries 429 (honouring Retry-After) and 5xx with back-off, and
// never downloads more than a small part of a body.
#ifndef COMMONPLACE_LINKCHECK_EXTERNAL_LINKS_H_
#define COMMONPLACE_LINKCHECK_EXTERNAL_LINKS_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "model/model.h"

namespace commonplace {

/// What became of one URL. `result` is one of:
///   ok            2xx, directly or after redirects (final_url says where)
///   broken        4xx other than 410 and 429
///   gone          410
///   rate-limited  429 on every attempt
///   server-error  5xx on every attempt
///   redirect-loop more redirects than the limit
///   timeout       no complete answer in time
///   refused       nothing accepts connections there
///   dns           the host name does not resolve
///   tls           the secure connection failed (certificate or handshake)
///   private       the URL, or a redirect it made, leads to an address that
///                 is not public (loopback, a private network, …; see
///                 linkcheck/address.h): never connected to, unless
///                 ExternalCheckOptions::allow_private
///   error         anything else (detail says what)
struct LinkStatus {
  std::string url;
  std::string result;
  long http_status = 0;
  /// Where redirects led, without its query, fragment or user name (see
  /// PublishableUrl): it is published on the link health page.
  std::string final_url;
  long redirects = 0;
  int attempts = 0;
  std::string method;  ///< The method of the last attempt: HEAD or GET.
  std::string detail;
  int64_t checked_at = 0;  ///< Unix time.
  bool from_cache = false;
  bool private_allowed = false;  ///< Checked with allow_private (so not reused without it).
};

/// Whether a result is a fault in the content (as opposed to a passing
/// problem at the other end: timeout, rate-limited, server-error).
bool IsBrokenResult(const std::string& result);

struct ExternalCheckOptions {
  int concurrency = 8;
  int per_host = 2;
  long connect_timeout_ms = 5000;
  long total_timeout_ms = 15000;
  long max_redirects = 8;
  int retries = 2;                   ///< Extra attempts after a 429 or 5xx.
  long backoff_ms = 1000;            ///< First back-off; doubles each retry.
  long max_retry_after_ms = 30000;   ///< Longest Retry-After honoured.
  long max_body_bytes = 64 * 1024;   ///< A GET stops reading after this.
  std::string user_agent = "commonplace-link-checker/1";
  /// Also connect to addresses that are not public (loopback, private
  /// networks, link-local, …). Off, every address is checked after the name
  /// is resolved, for the first request and every redirect, just before
  /// connecting to it; and no proxy is used, since it would resolve names
  /// where they cannot be checked.
  bool allow_private = false;
  /// For tests: an address (as FormatIp writes it) and port allowed even
  /// when not public.
  std::function<bool(const std::string& ip, int port)> allow_address_for_tests;
};

/// `url` without its user name and password, query and fragment: what may be
/// shown of an address redirects led to (a redirect can carry a session
/// token or a signed query that was never in the content).
std::string PublishableUrl(const std::string& url);

/// Checks every URL (duplicates once) and returns one status per distinct
/// URL, in the order given.
std::vector<LinkStatus> CheckExternalUrls(const std::vector<std::string>& urls,
                                          const ExternalCheckOptions& options);

/// Where a URL appears in the content.
struct UrlUse {
  std::string path;
  int line = 0;
};
/// The http(s) addresses in `text` (autolinks, [text](url), bare ones),
/// each with its line in the text (0 for the first).
std::vector<std::pair<std::string, int>> UrlsInText(const std::string& text);

/// Every http(s) URL in resources, sources, case studies, principles and
/// pages (front matter and bodies), with the files and lines using it.
/// Front-matter and YAML values are placed at the line where their field
/// starts, or, given the repository `root` to read the files from, at the
/// line that holds the URL.
std::map<std::string, std::vector<UrlUse>> CollectExternalUrls(const Library& lib,
                                                              const std::string& root = "");

/// How long ago a result was checked, for people: "just now", "12 min ago",
/// "3 h ago", "4 d ago".
std::string FormatAge(int64_t seconds);

/// A cache of results, stored as JSON; entries older than `max_age_s` are
/// ignored. Load returns false only when the file exists and is unreadable.
struct LinkCache {
  std::map<std::string, LinkStatus> entries;
  bool Load(const std::string& path, std::string* error);
  bool Save(const std::string& path, std::string* error) const;
  /// Fresh entries for `urls`; the rest go to `stale`.
  std::vector<LinkStatus> Fresh(const std::vector<std::string>& urls, int64_t now, int64_t max_age_s,
                                std::vector<std::string>* stale) const;
};

/// Where check-links keeps its results: <root>/.commonplace-cache/links.json.
/// The site build reads it for the link health page.
std::string LinkCachePath(const std::string& root);

/// The statuses as a JSON array, each with the files and lines using it;
/// given `now` (Unix time), each also has its age in seconds ("age_s").
std::string LinkStatusesToJson(const std::vector<LinkStatus>& statuses,
                               const std::map<std::string, std::vector<UrlUse>>& uses,
                               int64_t now = 0);

}  // namespace commonplace

#endif  // COMMONPLACE_LINKCHECK_EXTERNAL_LINKS_H_
