#include "linkcheck/external_links.h"

#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "base/fs.h"
#include "linkcheck/address.h"

namespace commonplace {

namespace {

using Clock = std::chrono::steady_clock;

std::string HostOf(const std::string& url) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t end = url.find_first_of("/?#", start);
  std::string host = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  size_t at = host.rfind('@');
  return at == std::string::npos ? host : host.substr(at + 1);
}

struct Job {
  size_t index;  // into the results
  std::string url;
  const ExternalCheckOptions* options = nullptr;
  std::string blocked;  // why an address was refused during this attempt
  bool use_get = false;
  int attempts = 0;
  Clock::time_point not_before{};
  long body_bytes = 0;
  long max_body = 0;
  bool body_cut = false;
  CURL* easy = nullptr;
  char error[CURL_ERROR_SIZE] = {0};
};

size_t OnBody(char*, size_t size, size_t n, void* user) {
  Job* job = static_cast<Job*>(user);
  job->body_bytes += static_cast<long>(size * n);
  if (job->body_bytes > job->max_body) {
    job->body_cut = true;
    return 0;  // stop: the status line is all we need
  }
  return size * n;
}

int PortOf(const sockaddr* addr, socklen_t len) {
  if (addr->sa_family == AF_INET && len >= static_cast<socklen_t>(sizeof(sockaddr_in))) {
    sockaddr_in in;
    std::memcpy(&in, addr, sizeof in);
    return ntohs(in.sin_port);
  }
  if (addr->sa_family == AF_INET6 && len >= static_cast<socklen_t>(sizeof(sockaddr_in6))) {
    sockaddr_in6 in6;
    std::memcpy(&in6, addr, sizeof in6);
    return ntohs(in6.sin6_port);
  }
  return 0;
}

// Why the checker must not connect to `ip`:`port`, or "" when it may.
std::string Refusal(const std::optional<IpAddress>& ip, int port, const ExternalCheckOptions& o) {
  if (o.allow_private) return "";
  std::string reason = ip ? NonPublicReason(*ip) : "not an internet address";
  if (reason.empty()) return "";
  if (ip && o.allow_address_for_tests && o.allow_address_for_tests(FormatIp(*ip), port)) return "";
  return (ip ? FormatIp(*ip) : std::string("the address")) + " is not a public address (" +
         reason + ")";
}

// libcurl calls this with each address it is about to connect to, after it
// has resolved the name, for the first request and for every redirect: the
// one place every connection passes, so a name cannot resolve to a public
// address when checked and to a private one when used (DNS rebinding), and
// a public page cannot redirect to an internal one. Refusing the socket
// makes curl try the name's next address, or fail with "couldn't connect".
curl_socket_t OpenSocket(void* user, curlsocktype, curl_sockaddr* address) {
  Job* j = static_cast<Job*>(user);
  std::string why = Refusal(IpFromSockaddr(&address->addr, address->addrlen),
                            PortOf(&address->addr, address->addrlen), *j->options);
  if (!why.empty()) {
    j->blocked = why;
    return CURL_SOCKET_BAD;
  }
  return ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

// Why a URL is refused before any request, from its host alone: an address
// literal in any form, or localhost. "" when only resolving it can tell.
std::string RefusalOfHost(const std::string& url, const ExternalCheckOptions& o) {
  if (o.allow_private) return "";
  CURLU* u = curl_url();
  char* host = nullptr;
  char* port = nullptr;
  std::string why;
  if (curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK) {
    std::string reason = NonPublicHostReason(host);
    auto ip = ParseIpLiteral(host);
    bool allowed = ip && o.allow_address_for_tests &&
                   o.allow_address_for_tests(FormatIp(*ip), std::atoi(port));
    if (!reason.empty() && !allowed) {
      why = std::string(host) + " is not a public address (" + reason + ")";
    }
  }
  curl_free(host);
  curl_free(port);
  curl_url_cleanup(u);
  return why;
}

const char* const kPrivateNote = ": not fetched (--allow-private fetches it)";

void Classify(CURLcode code, long status, LinkStatus* s) {
  s->http_status = status;
  switch (code) {
    case CURLE_OK:
      break;
    case CURLE_OPERATION_TIMEDOUT: s->result = "timeout"; return;
    case CURLE_COULDNT_CONNECT: s->result = "refused"; return;
    case CURLE_COULDNT_RESOLVE_HOST: s->result = "dns"; return;
    case CURLE_TOO_MANY_REDIRECTS: s->result = "redirect-loop"; return;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
      s->result = "tls";
      return;
    default:
      s->result = "error";
      return;
  }
  if (status >= 200 && status < 300) s->result = "ok";
  else if (status == 410) s->result = "gone";
  else if (status == 429) s->result = "rate-limited";
  else if (status >= 500) s->result = "server-error";
  else if (status >= 400) s->result = "broken";
  else if (status >= 300) s->result = "broken";  // a redirect with no Location to follow
  else s->result = "error";
}

int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

bool IsBrokenResult(const std::string& r) {
  return r == "broken" || r == "gone" || r == "redirect-loop" || r == "refused" || r == "dns" ||
         r == "tls" || r == "private" || r == "error";
}

std::string PublishableUrl(const std::string& url) {
  std::string u = url.substr(0, url.find_first_of("?#"));
  size_t scheme = u.find("://");
  if (scheme != std::string::npos) {
    size_t host = scheme + 3;
    size_t end = u.find('/', host);
    size_t at = u.rfind('@', end == std::string::npos ? std::string::npos : end);
    if (at != std::string::npos && at >= host && (end == std::string::npos || at < end)) {
      u.erase(host, at + 1 - host);
    }
  }
  return u;
}

std::vector<LinkStatus> CheckExternalUrls(const std::vector<std::string>& urls,
                                          const ExternalCheckOptions& o) {
  static const bool kInit = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  (void)kInit;
  std::vector<LinkStatus> results;
  std::deque<Job*> waiting;
  std::vector<std::unique_ptr<Job>> jobs;
  std::set<std::string> seen;
  for (const auto& u : urls) {
    if (!seen.insert(u).second) continue;
    LinkStatus s;
    s.url = u;
    s.private_allowed = o.allow_private;
    // An internal address written in the URL is refused without a request.
    if (std::string why = RefusalOfHost(u, o); !why.empty()) {
      s.result = "private";
      s.detail = why + kPrivateNote;
      s.checked_at = UnixNow();
      results.push_back(s);
      continue;
    }
    results.push_back(s);
    auto job = std::make_unique<Job>();
    job->index = results.size() - 1;
    job->url = u;
    job->options = &o;
    job->max_body = o.max_body_bytes;
    waiting.push_back(job.get());
    jobs.push_back(std::move(job));
  }
  CURLM* multi = curl_multi_init();
  std::map<std::string, int> per_host;
  int active = 0;

  auto start = [&](Job* j) {
    CURL* e = curl_easy_init();
    j->easy = e;
    j->body_bytes = 0;
    j->body_cut = false;
    j->error[0] = 0;
    j->blocked.clear();
    ++j->attempts;
    curl_easy_setopt(e, CURLOPT_URL, j->url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, j);
    curl_easy_setopt(e, CURLOPT_NOBODY, j->use_get ? 0L : 1L);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, o.max_redirects);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, o.connect_timeout_ms);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, o.total_timeout_ms);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, j);
    curl_easy_setopt(e, CURLOPT_USERAGENT, o.user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, j->error);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, OpenSocket);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, j);
    // A proxy would resolve and connect where OpenSocket cannot see.
    if (!o.allow_private) curl_easy_setopt(e, CURLOPT_PROXY, "");
    curl_multi_add_handle(multi, e);
    per_host[HostOf(j->url)]++;
    ++active;
  };

  auto finish = [&](Job* j, CURLcode code) {
    long status = 0, redirects = 0;
    char* final_url = nullptr;
    curl_off_t retry_after = 0;
    curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(j->easy, CURLINFO_REDIRECT_COUNT, &redirects);
    curl_easy_getinfo(j->easy, CURLINFO_EFFECTIVE_URL, &final_url);
    curl_easy_getinfo(j->easy, CURLINFO_RETRY_AFTER, &retry_after);
    LinkStatus& s = results[j->index];
    s.redirects = redirects;
    // Where redirects led may carry a token the content never held.
    s.final_url = redirects > 0 && final_url && j->url != final_url ? PublishableUrl(final_url) : "";
    s.attempts = j->attempts;
    s.method = j->use_get ? "GET" : "HEAD";
    // Stopping a GET after the first bytes is our choice, not a failure.
    if (code == CURLE_WRITE_ERROR && j->body_cut) code = CURLE_OK;
    Classify(code, status, &s);
    s.detail = code == CURLE_OK ? "" : (j->error[0] ? j->error : curl_easy_strerror(code));
    // Refused addresses fail as "couldn't connect" (or a time-out, when the
    // name had no other address): say why instead.
    if (code != CURLE_OK && !j->blocked.empty()) {
      s.result = "private";
      s.detail = j->blocked + kPrivateNote;
    }
    s.checked_at = UnixNow();
    curl_multi_remove_handle(multi, j->easy);
    curl_easy_cleanup(j->easy);
    j->easy = nullptr;
    per_host[HostOf(j->url)]--;
    --active;
    // Servers that refuse HEAD get a GET.
    if (!j->use_get && code == CURLE_OK &&
        (status == 405 || status == 501 || status == 403 || status == 400)) {
      j->use_get = true;
      waiting.push_front(j);
      --j->attempts;  // a change of method is not a retry
      return;
    }
    bool transient = s.result == "rate-limited" || s.result == "server-error";
    if (transient && j->attempts <= o.retries) {
      long wait = o.backoff_ms << (j->attempts - 1);
      if (s.result == "rate-limited" && retry_after > 0) {
        wait = std::min<long>(static_cast<long>(retry_after) * 1000, o.max_retry_after_ms);
      }
      j->not_before = Clock::now() + std::chrono::milliseconds(wait);
      waiting.push_back(j);
    }
  };

  while (!waiting.empty() || active > 0) {
    auto now = Clock::now();
    Clock::time_point next_wake = now + std::chrono::milliseconds(200);
    for (size_t i = 0; i < waiting.size() && active < o.concurrency;) {
      Job* j = waiting[i];
      if (j->not_before > now) {
        next_wake = std::min(next_wake, j->not_before);
        ++i;
        continue;
      }
      if (per_host[HostOf(j->url)] >= o.per_host) {
        ++i;
        continue;
      }
      waiting.erase(waiting.begin() + static_cast<long>(i));
      start(j);
    }
    int running = 0;
    curl_multi_perform(multi, &running);
    int left = 0;
    while (CURLMsg* m = curl_multi_info_read(multi, &left)) {
      if (m->msg != CURLMSG_DONE) continue;
      Job* j = nullptr;
      curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &j);
      finish(j, m->data.result);
    }
    if (active == 0 && waiting.empty()) break;
    long wait_ms = std::max<long>(
        1, std::chrono::duration_cast<std::chrono::milliseconds>(next_wake - Clock::now()).count());
    curl_multi_poll(multi, nullptr, 0, static_cast<int>(std::min<long>(wait_ms, 200)), nullptr);
  }
  curl_multi_cleanup(multi);
  return results;
}

namespace {

// Calls f(url, line offset) for each http(s) URL in `text`: autolinks,
// [text](url) and bare addresses, without trailing punctuation.
template <typename F>
void ForEachUrl(const std::string& text, F f) {
  // Jump from one "http" to the next (most text has none), counting the
  // lines passed on the way.
  int line = 0;
  size_t counted = 0;
  for (size_t i = text.find("http"); i != std::string::npos; i = text.find("http", i + 1)) {
    if (text.compare(i, 7, "http://") != 0 && text.compare(i, 8, "https://") != 0) continue;
    line += static_cast<int>(std::count(text.begin() + counted, text.begin() + i, '\n'));
    counted = i;
    // An IPv6 host is bracketed ("http://[::1]:8000/"): its ']' does not end the URL.
    size_t host = text.find("://", i) + 3;
    size_t from = i;
    if (host < text.size() && text[host] == '[') {
      size_t close = text.find_first_of("] \t\r\n", host);
      if (close != std::string::npos && text[close] == ']') from = close + 1;
    }
    size_t end = text.find_first_of(" \t\r\n)>]\"'", from);
    std::string url = text.substr(i, end == std::string::npos ? std::string::npos : end - i);
    while (!url.empty() && (url.back() == '.' || url.back() == ',' || url.back() == ';')) url.pop_back();
    f(url, line);
    if (url.size() > 1) i += url.size() - 1;
  }
}

}  // namespace

std::vector<std::pair<std::string, int>> UrlsInText(const std::string& text) {
  std::vector<std::pair<std::string, int>> urls;
  ForEachUrl(text, [&](const std::string& url, int line) { urls.emplace_back(url, line); });
  return urls;
}

std::map<std::string, std::vector<UrlUse>> CollectExternalUrls(const Library& lib,
                                                              const std::string& root) {
  std::map<std::string, std::vector<UrlUse>> uses;
  auto add = [&](const std::string& url, const std::string& path, int line) {
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) return;
    auto& v = uses[url];
    for (const auto& u : v) {
      if (u.path == path && u.line == line) return;
    }
    v.push_back({path, line});
  };
  // Bodies: the line is the body's first line plus the offset. The markdown
  // pass keeps a rendered body's addresses and frees its source.
  auto scan_body = [&](const Document& d) {
    if (d.rendered) {
      for (const auto& [url, offset] : d.body_urls) add(url, d.path, d.body_line + offset);
      return;
    }
    ForEachUrl(d.body_md, [&](const std::string& url, int offset) { add(url, d.path, d.body_line + offset); });
  };

  // Front matter and YAML values: the model keeps where each field (or list
  // item) starts, not where inside it a URL is. With the repository root
  // the file is read and the URL's own line found, searching from where its
  // field starts; without, the field's line is reported.
  std::map<std::string, std::vector<std::string>> files;
  auto lines_of = [&](const std::string& path) -> const std::vector<std::string>& {
    auto it = files.find(path);
    if (it != files.end()) return it->second;
    std::vector<std::string> lines;
    if (!root.empty()) {
      if (auto text = ReadFile(root + "/" + path)) {
        std::istringstream in(*text);
        for (std::string l; std::getline(in, l);) lines.push_back(l);
      }
    }
    return files.emplace(path, std::move(lines)).first->second;
  };
  // `from` is the 1-based line where the value starts; `to` the first line
  // past the region to search (0: the end of the file).
  auto scan_value = [&](const std::string& text, const std::string& path, int from, int to) {
    ForEachUrl(text, [&](const std::string& url, int offset) {
      const auto& lines = lines_of(path);
      int line = from + offset;
      int last = to > 0 ? std::min<int>(to - 1, static_cast<int>(lines.size())) : static_cast<int>(lines.size());
      for (int l = std::max(from, 1); l <= last; ++l) {
        if (lines[static_cast<size_t>(l - 1)].find(url) != std::string::npos) {
          line = l;
          break;
        }
      }
      add(url, path, line);
    });
  };

  for (const auto& r : lib.resources) {
    add(r.url, r.path, r.pos.line);
    // Not url_printed or url_note: they record an address known to be wrong.
    scan_value(r.description, r.path, r.pos.line, 0);
  }
  for (const auto& s : lib.sources) {
    add(s.url, s.path, s.pos.line);
    scan_value(s.note, s.path, s.pos.line, 0);
  }
  for (const auto& cs : lib.case_studies) {
    // Every text value of the front matter, with the key it sits under.
    std::vector<std::pair<const char*, const std::string*>> values = {{"title", &cs.title},
                                                                      {"summary", &cs.summary}};
    for (const auto& p : cs.places) values.push_back({"places", &p.name});
    for (const auto& p : cs.partners) {
      values.push_back({"partners", &p.name});
      values.push_back({"partners", &p.role});
    }
    for (const auto& f : cs.funding) {
      values.push_back({"funding", &f.funder});
      values.push_back({"funding", &f.programme});
      values.push_back({"funding", &f.note});
    }
    for (const auto& i : cs.impacts) values.push_back({"impacts", &i.note});
    for (const auto& f : cs.figures) {
      values.push_back({"figures", &f.label});
      values.push_back({"figures", &f.unit});
      values.push_back({"figures", &f.locator});
    }
    for (const auto& s : cs.sources) values.push_back({"sources", &s.locator});
    for (const auto& [key, text] : values) {
      if (text->find("http") == std::string::npos) continue;  // most values: no address
      auto pos = cs.field_pos.find(key);
      int from = pos != cs.field_pos.end() && pos->second.line > 0 ? pos->second.line : 1;
      scan_value(*text, cs.path, from, cs.body_line);
    }
    scan_body(cs);
  }
  for (const auto& p : lib.principles) {
    scan_value(p.title, p.path, 1, p.body_line);
    scan_value(p.summary, p.path, 1, p.body_line);
    for (const auto& s : p.sources) scan_value(s.locator, p.path, s.pos.line > 0 ? s.pos.line : 1, p.body_line);
    scan_body(p);
  }
  for (const auto& p : lib.pages) {
    scan_value(p.title, p.path, 1, p.body_line);
    scan_value(p.summary, p.path, 1, p.body_line);
    scan_body(p);
  }
  return uses;
}

std::string FormatAge(int64_t seconds) {
  if (seconds < 60) return "just now";
  if (seconds < 3600) return std::to_string(seconds / 60) + " min ago";
  if (seconds < 2 * 86400) return std::to_string(seconds / 3600) + " h ago";
  return std::to_string(seconds / 86400) + " d ago";
}

namespace {

nlohmann::json StatusJson(const LinkStatus& s) {
  return {{"url", s.url},       {"result", s.result},       {"http_status", s.http_status},
          {"final_url", s.final_url}, {"redirects", s.redirects}, {"attempts", s.attempts},
          {"method", s.method}, {"detail", s.detail},       {"checked_at", s.checked_at},
          {"private_allowed", s.private_allowed}};
}

LinkStatus StatusFromJson(const nlohmann::json& j) {
  LinkStatus s;
  s.url = j.value("url", "");
  s.result = j.value("result", "");
  s.http_status = j.value("http_status", 0L);
  // Stripped again: a cache written before final URLs were stripped must
  // not reach the link health page with a query string.
  s.final_url = PublishableUrl(j.value("final_url", ""));
  s.redirects = j.value("redirects", 0L);
  s.attempts = j.value("attempts", 0);
  s.method = j.value("method", "");
  s.detail = j.value("detail", "");
  s.checked_at = j.value("checked_at", int64_t{0});
  s.private_allowed = j.value("private_allowed", false);
  return s;
}

}  // namespace

bool LinkCache::Load(const std::string& path, std::string* error) {
  entries.clear();
  auto text = ReadFile(path);
  if (!text) return true;  // no cache yet
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("links") || !j["links"].is_array()) {
    *error = path + ": the link cache is not valid JSON; delete it to start afresh";
    return false;
  }
  for (const auto& e : j["links"]) {
    LinkStatus s = StatusFromJson(e);
    if (!s.url.empty()) entries[s.url] = s;
  }
  return true;
}

bool LinkCache::Save(const std::string& path, std::string* error) const {
  nlohmann::json links = nlohmann::json::array();
  for (const auto& [url, s] : entries) links.push_back(StatusJson(s));
  nlohmann::json j = {{"version", 1}, {"links", links}};
  return WriteFileAtomic(path, j.dump(1) + "\n", error);
}

std::vector<LinkStatus> LinkCache::Fresh(const std::vector<std::string>& urls, int64_t now,
                                         int64_t max_age_s, std::vector<std::string>* stale) const {
  std::vector<LinkStatus> fresh;
  for (const auto& u : urls) {
    auto it = entries.find(u);
    if (it != entries.end() && now - it->second.checked_at <= max_age_s && now >= it->second.checked_at) {
      LinkStatus s = it->second;
      s.from_cache = true;
      fresh.push_back(s);
    } else {
      stale->push_back(u);
    }
  }
  return fresh;
}

std::string LinkCachePath(const std::string& root) {
  return root + "/.commonplace-cache/links.json";
}

std::string LinkStatusesToJson(const std::vector<LinkStatus>& statuses,
                               const std::map<std::string, std::vector<UrlUse>>& uses, int64_t now) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : statuses) {
    nlohmann::json j = StatusJson(s);
    j["from_cache"] = s.from_cache;
    if (now > 0) j["age_s"] = std::max<int64_t>(0, now - s.checked_at);
    nlohmann::json where = nlohmann::json::array();
    auto it = uses.find(s.url);
    if (it != uses.end()) {
      for (const auto& u : it->second) where.push_back({{"path", u.path}, {"line", u.line}});
    }
    j["used_in"] = where;
    out.push_back(j);
  }
  return out.dump(1) + "\n";
}

}  // namespace commonplace
