#include "pipeline/link_health_page.h"

#include <ctime>

#include "linkcheck/external_links.h"

namespace commonplace {

namespace {

std::string Date(int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", std::gmtime(&tt));
  return buf;
}

}  // namespace

bool RenderLinkHealthPage(const std::string& root, SiteRenderer* renderer, std::string* error) {
  LinkCache cache;
  if (!cache.Load(LinkCachePath(root), error)) return false;
  auto uses = CollectExternalUrls(renderer->library());
  mstch::array problems, redirects;
  int ok = 0, checked = 0, unchecked = 0;
  int64_t newest = 0, oldest = 0;
  for (const auto& [url, where] : uses) {
    auto it = cache.entries.find(url);
    if (it == cache.entries.end()) {
      ++unchecked;
      continue;
    }
    const LinkStatus& s = it->second;
    ++checked;
    newest = std::max(newest, s.checked_at);
    oldest = oldest == 0 ? s.checked_at : std::min(oldest, s.checked_at);
    mstch::array files;
    for (const auto& u : where) {
      files.push_back(mstch::map{{"path", u.path}, {"line", u.line}});
    }
    mstch::map row{{"url", url},
                   {"result", s.result},
                   {"status", s.http_status ? std::to_string(s.http_status) : std::string("–")},
                   {"final_url", s.final_url},
                   {"detail", s.detail},
                   {"checked", Date(s.checked_at)},
                   {"files", files},
                   {"broken", IsBrokenResult(s.result)}};
    if (s.result != "ok") {
      problems.push_back(row);
    } else {
      ++ok;
      if (!s.final_url.empty()) redirects.push_back(row);
    }
  }
  PageMeta meta;
  meta.url = "maintainers/links/";
  meta.title = renderer->T("link_health_page.title");
  meta.description = renderer->T("link_health_page.description");
  meta.noindex = true;
  renderer->AddPage("link_health",
                    mstch::map{{"title", meta.title},
                               {"total", static_cast<int>(uses.size())},
                               {"checked", checked},
                               {"unchecked", unchecked},
                               {"ok", ok},
                               {"has_run", checked > 0},
                               {"newest", newest ? Date(newest) : std::string()},
                               {"oldest", oldest ? Date(oldest) : std::string()},
                               {"problems", problems},
                               {"has_problems", !problems.empty()},
                               {"redirects", redirects},
                               {"has_redirects", !redirects.empty()}},
                    meta);
  return true;
}

}  // namespace commonplace
