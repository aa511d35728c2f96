#include "linkcheck/internal_links.h"

#include <set>
#include <unordered_map>

namespace commonplace {

namespace {

std::string Decode(std::string s) {
  size_t p;
  while ((p = s.find("&amp;")) != std::string::npos) s.replace(p, 5, "&");
  return s;
}

// Resolves `href` (relative to the directory of `page`) to a site path;
// returns false when it leaves the site.
bool Resolve(const std::string& page, const std::string& href, std::string* out) {
  std::vector<std::string> parts;
  std::string path = href;
  if (path.empty() || path[0] != '/') {
    size_t slash = page.rfind('/');
    std::string dir = slash == std::string::npos ? "" : page.substr(0, slash + 1);
    path = dir + path;
  } else {
    path = path.substr(1);
  }
  bool trailing = path.empty() || path.back() == '/';
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    std::string seg = path.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (seg == "..") {
      if (parts.empty()) return false;
      parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  std::string r;
  for (size_t i = 0; i < parts.size(); ++i) r += (i ? "/" : "") + parts[i];
  if (trailing || r.empty()) r += (r.empty() ? "" : "/") + std::string("index.html");
  *out = r;
  return true;
}

}  // namespace

std::vector<std::string> AttributeValues(const std::string& html, const std::string& attr) {
  std::vector<std::string> out;
  const std::string needle = " " + attr + "=";
  for (size_t p = html.find(needle); p != std::string::npos; p = html.find(needle, p + 1)) {
    size_t v = p + needle.size();
    if (v >= html.size()) break;
    char q = html[v];
    if (q == '"' || q == '\'') {
      size_t end = html.find(q, v + 1);
      if (end == std::string::npos) break;
      out.push_back(Decode(html.substr(v + 1, end - v - 1)));
    } else {
      size_t end = html.find_first_of(" >\t\n", v);
      out.push_back(Decode(html.substr(v, end == std::string::npos ? std::string::npos : end - v)));
    }
  }
  return out;
}

std::vector<BrokenLink> CheckInternalLinks(const std::map<std::string, std::string>& files,
                                           const std::string& base_path) {
  std::vector<BrokenLink> broken;
  std::unordered_map<std::string, std::set<std::string>> ids;
  auto ids_of = [&](const std::string& page) -> const std::set<std::string>& {
    auto it = ids.find(page);
    if (it != ids.end()) return it->second;
    std::set<std::string> s;
    auto f = files.find(page);
    if (f != files.end()) {
      for (auto& v : AttributeValues(f->second, "id")) s.insert(v);
      for (auto& v : AttributeValues(f->second, "name")) s.insert(v);
    }
    return ids.emplace(page, std::move(s)).first->second;
  };
  for (const auto& [page, html] : files) {
    if (page.size() < 5 || page.compare(page.size() - 5, 5, ".html") != 0) continue;
    std::vector<std::string> links = AttributeValues(html, "href");
    for (auto& s : AttributeValues(html, "src")) links.push_back(s);
    for (const auto& href : links) {
      if (href.empty()) {
        broken.push_back({page, href, "empty link"});
        continue;
      }
      size_t colon = href.find(':');
      size_t delim = href.find_first_of("/?#");
      if (colon != std::string::npos && (delim == std::string::npos || colon < delim)) continue;
      if (href.rfind("//", 0) == 0) continue;  // another host
      std::string path = href.substr(0, href.find_first_of("?#"));
      std::string fragment;
      if (size_t hash = href.find('#'); hash != std::string::npos) fragment = href.substr(hash + 1);
      std::string target;
      if (path.empty()) {
        target = page;
      } else if (path[0] == '/') {
        if (path.rfind(base_path, 0) != 0) {
          broken.push_back({page, href, "outside the site's path prefix " + base_path});
          continue;
        }
        if (!Resolve("", "/" + path.substr(base_path.size()), &target)) {
          broken.push_back({page, href, "leaves the site"});
          continue;
        }
      } else if (!Resolve(page, path, &target)) {
        broken.push_back({page, href, "leaves the site"});
        continue;
      }
      if (!files.count(target)) {
        broken.push_back({page, href, "no such file: " + target});
        continue;
      }
      if (!fragment.empty() && target.size() > 5 &&
          target.compare(target.size() - 5, 5, ".html") == 0 && !ids_of(target).count(fragment)) {
        broken.push_back({page, href, "no anchor #" + fragment + " in " + target});
      }
    }
  }
  return broken;
}

}  // namespace commonplace
