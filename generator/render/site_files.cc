// Files every site has besides its pages: assets, sitemap.xml, feed.xml,
// robots.txt and 404.html.
#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "base/fs.h"
#include "base/strings.h"
#include "render/site_renderer.h"

namespace commonplace {

namespace {

// Debian's libjs-lunr; copied into the output, never into the repository.
constexpr const char* kLunrPath = "/usr/share/javascript/lunr/lunr.min.js";

}  // namespace

void SiteRenderer::RenderAssets() {
  for (const auto& [path, data] : theme_.static_files()) out_->Add(path, data);
  // Host colours become CSS custom properties in their own stylesheet, so
  // no page needs an inline style (which a strict CSP would block).
  std::string css = "/* Generated from site.yaml colours. */\n";
  std::string light, dark;
  for (const auto& [name, value] : lib_.config.colours) {
    if (StartsWith(name, "dark-")) {
      dark += "    --" + name.substr(5) + ": " + value + ";\n";
    } else {
      light += "  --" + name + ": " + value + ";\n";
    }
  }
  if (!light.empty()) css += ":root {\n" + light + "}\n";
  if (!dark.empty()) css += "@media (prefers-color-scheme: dark) {\n  :root {\n" + dark + "  }\n}\n";
  out_->Add("assets/colours.css", css);
  if (lib_.config.ShowSection("search")) {
    if (auto lunr = ReadFile(kLunrPath)) out_->Add("assets/lunr.min.js", *lunr);
  }
}

void SiteRenderer::RenderSiteFiles() {
  const SiteConfig& c = lib_.config;
  // 404 first, so it is not in the sitemap.
  {
    mstch::map view{{"title", T("not_found_page.title")},
                    {"show_search", lib_.config.ShowSection("search")},
                    {"show_casestudies", lib_.config.ShowSection("casestudies")}};
    PageMeta meta;
    meta.url = "404";
    meta.title = T("not_found_page.title");
    meta.noindex = true;
    AddPage("not_found", view, meta);
  }
  // A sitemap, a feed and robots.txt's pointer to the sitemap need the
  // site's absolute address; without base_url there are none (Build notes
  // which setting would add them).
  // robots.txt is the site's, so only the language at the root writes it.
  const bool at_root = languages_.empty() || languages_[current_language_].prefix.empty();
  if (!c.HasBaseUrl()) {
    if (at_root) out_->Add("robots.txt", "User-agent: *\nAllow: /\n");
    return;
  }
  const bool multilingual = languages_.size() > 1;
  std::string sitemap =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"" +
      std::string(multilingual ? " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"" : "") + ">\n";
  // By address; a later record of one address wins, as it always has.
  std::unordered_map<std::string_view, std::string_view> lastmod;
  lastmod.reserve(records_.size());
  for (const auto& r : records_) {
    if (!r->lastmod.empty()) lastmod[r->url] = r->lastmod;
  }
  // Escaped a piece at a time (each base URL ends in '/', between
  // characters), the pieces with nothing to escape as they are: 10,000
  // addresses at 10,000 case studies.
  auto append = [&sitemap](std::string_view s) {
    for (unsigned char ch : s) {
      if (ch >= 0x80 || ch < 0x20 || ch == '&' || ch == '<' || ch == '>' || ch == '"' ||
          ch == '\'') {
        sitemap += XmlEscape(s);
        return;
      }
    }
    sitemap += s;
  };
  const std::string base = XmlEscape(c.base_url);
  std::vector<std::string> alternate_bases;
  for (const auto& l : languages_) {
    alternate_bases.push_back("<xhtml:link rel=\"alternate\" hreflang=\"" + XmlEscape(l.code) +
                              "\" href=\"" + XmlEscape(l.base_url));
  }
  for (const auto& path : out_->Paths("index.html")) {
    if (noindex_.count(path)) continue;
    // Another language's pages, under its prefix, are in its own sitemap.
    bool other = false;
    for (size_t i = 0; i < languages_.size(); ++i) {
      other |= i != current_language_ && !languages_[i].prefix.empty() &&
               StartsWith(path, languages_[i].prefix);
    }
    if (other) continue;
    const std::string_view url =
        std::string_view(path).substr(0, path.size() - std::string_view("index.html").size());
    sitemap += "  <url><loc>";
    sitemap += base;
    append(url);
    sitemap += "</loc>";
    if (auto it = lastmod.find(url); it != lastmod.end()) {
      sitemap += "<lastmod>";
      append(it->second);
      sitemap += "</lastmod>";
    }
    if (multilingual) {
      for (const auto& alternate : alternate_bases) {
        sitemap += alternate;
        append(url);
        sitemap += "\"/>";
      }
    }
    sitemap += "</url>\n";
  }
  sitemap += "</urlset>\n";
  out_->Add("sitemap.xml", sitemap);

  // Atom feed of case studies, newest first; timestamps come from the
  // content (never the clock) so builds stay byte-identical.
  std::vector<const CaseStudy*> cases;
  for (const auto& cs : lib_.case_studies) cases.push_back(&cs);
  // Only the newest feed_limit are shown, so only they are put in order.
  // (At least the first: the feed's date is the newest.)
  const size_t ordered = std::min(cases.size(), static_cast<size_t>(std::max(1, c.feed_limit)));
  std::partial_sort(cases.begin(), cases.begin() + static_cast<std::ptrdiff_t>(ordered), cases.end(),
                    [](const CaseStudy* a, const CaseStudy* b) {
                      return a->updated != b->updated ? a->updated > b->updated : a->slug < b->slug;
                    });
  std::string newest = cases.empty() ? "2000-01-01" : cases.front()->updated;
  std::string feed =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" + XmlEscape(PageLanguage()) + "\">\n"
      "  <title>" + XmlEscape(T("feed.title", {{"site", c.title}})) + "</title>\n"
      "  <link href=\"" + XmlEscape(c.base_url) + "\"/>\n"
      "  <link rel=\"self\" href=\"" + XmlEscape(c.base_url + "feed.xml") + "\"/>\n"
      "  <id>" + XmlEscape(c.base_url) + "</id>\n"
      "  <updated>" + XmlEscape(newest) + "T00:00:00Z</updated>\n"
      "  <author><name>" + XmlEscape(c.author.empty() ? c.title : c.author) + "</name></author>\n";
  for (size_t i = 0; i < cases.size() && static_cast<int>(i) < c.feed_limit; ++i) {
    const CaseStudy& cs = *cases[i];
    std::string url = c.base_url + "casestudies/" + cs.slug + "/";
    feed += "  <entry>\n"
            "    <title>" + XmlEscape(cs.title) + "</title>\n"
            "    <link href=\"" + XmlEscape(url) + "\"/>\n"
            "    <id>" + XmlEscape(url) + "</id>\n"
            "    <updated>" + XmlEscape(cs.updated) + "T00:00:00Z</updated>\n"
            "    <summary>" + XmlEscape(cs.summary) + "</summary>\n"
            "  </entry>\n";
  }
  feed += "</feed>\n";
  out_->Add("feed.xml", feed);
  if (at_root) {
    std::string robots = "User-agent: *\nAllow: /\nSitemap: " + c.base_url + "sitemap.xml\n";
    for (const auto& l : languages_) {
      if (!l.prefix.empty()) robots += "Sitemap: " + l.base_url + "sitemap.xml\n";
    }
    out_->Add("robots.txt", robots);
  }
}

}  // namespace commonplace
