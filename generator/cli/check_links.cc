#include "cli/check_links.h"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "cli/commands.h"
#include "cli/report.h"
#include "pipeline/pipeline.h"

namespace commonplace {

int RunCheckLinks(const CheckLinksOptions& o, std::ostream& out, std::ostream& err) {
  // Internal links: build in memory; the build fails on any broken one.
  BuildOptions bo;
  bo.root = o.root;
  bo.write = false;
  BuildResult built;
  Build(bo, &built);
  PrintDiagnostics(built.diags, ReportFormat::kText, o.root, err);
  if (!built.ok) {
    err << "failed: the site does not build, so its links cannot be checked\n";
    return kExitContentError;
  }
  if (o.format == "text") err << "ok: internal links and anchors of " << built.output.size() << " files\n";
  if (!o.external) {
    if (o.format == "json") out << "[]\n";
    return kExitOk;
  }

  auto uses = CollectExternalUrls(built.library, o.root);
  std::vector<std::string> urls;
  for (const auto& [url, where] : uses) urls.push_back(url);
  int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::system_clock::now().time_since_epoch()).count();
  LinkCache cache;
  std::string error;
  std::string cache_path = LinkCachePath(o.root);
  if (!o.no_cache && !cache.Load(cache_path, &error)) {
    err << "warning: " << error << "\n";
    cache.entries.clear();
  }
  // A result fetched with --allow-private is not reused without it (the
  // address would now be refused), nor a refusal with it (it may be fetched).
  std::erase_if(cache.entries, [&o](const auto& kv) {
    return o.curl.allow_private ? kv.second.result == "private" : kv.second.private_allowed;
  });
  std::vector<std::string> stale;
  std::vector<LinkStatus> results =
      o.no_cache ? std::vector<LinkStatus>{}
                 : cache.Fresh(urls, now, static_cast<int64_t>(o.cache_hours * 3600), &stale);
  if (o.no_cache) stale = urls;
  if (o.format == "text") {
    err << "checking " << stale.size() << " external URL(s)";
    if (urls.size() > stale.size()) err << " (" << urls.size() - stale.size() << " more from the cache)";
    err << "\n";
  }
  for (auto& s : CheckExternalUrls(stale, o.curl)) {
    cache.entries[s.url] = s;
    results.push_back(std::move(s));
  }
  std::sort(results.begin(), results.end(),
            [](const LinkStatus& a, const LinkStatus& b) { return a.url < b.url; });
  std::filesystem::create_directories(std::filesystem::path(cache_path).parent_path());
  if (!cache.Save(cache_path, &error)) err << "warning: could not save the link cache: " << error << "\n";

  size_t broken = 0, transient = 0, cached = 0;
  int64_t oldest = now;
  for (const auto& s : results) {
    if (IsBrokenResult(s.result)) ++broken;
    else if (s.result != "ok") ++transient;
    if (s.from_cache) {
      ++cached;
      oldest = std::min(oldest, s.checked_at);
    }
  }
  if (o.format == "json") {
    out << LinkStatusesToJson(results, uses, now);
  } else {
    for (const auto& s : results) {
      if (s.result == "ok" && s.final_url.empty()) continue;
      std::string what = s.result == "ok" ? "redirected" : s.result;
      std::string severity = IsBrokenResult(s.result) ? "error" : "warning";
      if (s.result == "ok") severity = "note";
      for (const auto& u : uses[s.url]) {
        err << u.path << ":" << u.line << ": " << severity << ": " << what << ": " << s.url;
        if (s.http_status) err << " (HTTP " << s.http_status << ")";
        if (!s.final_url.empty()) err << " → " << s.final_url;
        if (!s.detail.empty()) err << " [" << s.detail << "]";
        // A result from the cache says how old it is; a fresh one is new.
        if (s.from_cache) err << " (cached " << FormatAge(std::max<int64_t>(0, now - s.checked_at)) << ")";
        err << "\n";
      }
    }
    err << (broken ? "failed: " : "ok: ") << results.size() << " external URL(s): " << broken
        << " broken, " << transient << " passing problem(s) (timeouts, rate limits, server errors)";
    if (cached) {
      err << "; " << cached << " result(s) from the cache, the oldest checked "
          << FormatAge(std::max<int64_t>(0, now - oldest));
    }
    err << "\n";
  }
  return broken ? kExitContentError : kExitOk;
}

}  // namespace commonplace
