// Links to sections a host turns off in site.yaml (`sections:`): generated
// links are filtered with Linkable; links written in content are unlinked.
#include <vector>

#include "base/strings.h"
#include "render/site_renderer.h"

namespace commonplace {

namespace {

std::string FirstSegment(const std::string& path) {
  return path.substr(0, path.find_first_of("/#?"));
}

// The site-relative path `href` points at from a page at `page_url`, or
// "" when it is not a link into this site (another scheme, an anchor).
std::string Resolve(const std::string& href, const std::string& page_url,
                    const std::string& base_path) {
  if (href.empty() || href[0] == '#' || StartsWith(href, "//") ||
      href.find(':') < href.find_first_of("/?#")) {
    return "";
  }
  std::vector<std::string> parts;
  std::string rest = href;
  if (href[0] == '/') {
    if (!StartsWith(href, base_path)) return "";
    rest = href.substr(base_path.size());
  } else {
    std::string dir = page_url.substr(0, page_url.rfind('/') + 1);
    size_t start = 0;
    for (size_t i = 0; i < dir.size(); ++i) {
      if (dir[i] == '/') {
        parts.push_back(dir.substr(start, i - start));
        start = i + 1;
      }
    }
  }
  size_t cut = rest.find_first_of("?#");
  std::string tail = cut == std::string::npos ? "" : rest.substr(cut);
  std::string path = rest.substr(0, cut);
  size_t start = 0;
  for (;;) {
    size_t slash = path.find('/', start);
    std::string seg = path.substr(start, slash == std::string::npos ? std::string::npos
                                                                    : slash - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += p + "/";
  return out + tail;
}

}  // namespace

bool SiteRenderer::Linkable(const std::string& url) const {
  std::string first = FirstSegment(url);
  if (first.empty()) return true;
  if (!lib_.config.ShowSection(first)) return false;
  if ((first == "worksheets" || first == "statistics") && !HasSection(first)) return false;
  return true;
}

std::string SiteRenderer::UnlinkOffSections(const std::string& html, const std::string& page_url,
                                            const std::string& file) {
  if (lib_.config.sections.empty()) return html;
  std::vector<Diagnostic> found;
  std::string out = UnlinkOffSections(html, page_url, file, &found);
  if (!found.empty()) {
    std::lock_guard<std::mutex> lock(warnings_mu_);
    for (auto& w : found) warnings_.push_back(std::move(w));
  }
  return out;
}

std::string SiteRenderer::UnlinkOffSections(const std::string& html, const std::string& page_url,
                                            const std::string& file,
                                            std::vector<Diagnostic>* warnings) const {
  if (lib_.config.sections.empty()) return html;
  std::string out;
  size_t pos = 0;
  for (;;) {
    size_t open = html.find("<a ", pos);
    if (open == std::string::npos) break;
    size_t close = html.find('>', open);
    size_t end = close == std::string::npos ? std::string::npos : html.find("</a>", close);
    if (end == std::string::npos) break;
    std::string tag = html.substr(open, close - open);
    size_t h = tag.find("href=\"");
    std::string href;
    if (h != std::string::npos) {
      size_t q = tag.find('"', h + 6);
      href = tag.substr(h + 6, q == std::string::npos ? std::string::npos : q - h - 6);
    }
    std::string target = Resolve(href, page_url, lib_.config.BasePath());
    std::string section = FirstSegment(target);
    if (target.empty() || section.empty() || lib_.config.ShowSection(section)) {
      out.append(html, pos, end + 4 - pos);
      pos = end + 4;
      continue;
    }
    // Keep the words, drop the link.
    out.append(html, pos, open - pos);
    out.append(html, close + 1, end - close - 1);
    pos = end + 4;
    warnings->push_back({Severity::kWarning, file, {}, "",
                         "link to '" + href + "' points into the " + section +
                             " section, which site.yaml turns off (sections: " + section +
                             ": false); it is shown as plain text",
                         "remove the link from the content, or turn the section back on"});
  }
  out.append(html, pos, std::string::npos);
  return out;
}

std::vector<Diagnostic> SiteRenderer::TakeWarnings() {
  std::lock_guard<std::mutex> lock(warnings_mu_);
  std::vector<Diagnostic> w;
  w.swap(warnings_);
  // The same link on one page is reported once.
  std::vector<Diagnostic> unique;
  for (auto& d : w) {
    bool seen = false;
    for (const auto& u : unique) seen = seen || (u.path == d.path && u.message == d.message);
    if (!seen) unique.push_back(std::move(d));
  }
  return unique;
}

}  // namespace commonplace
