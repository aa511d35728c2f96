// `commonplace check --publish`: the settings and pages a reader sees must
// not still hold a placeholder (an example.* address, github.com/example,
// "Your organisation"), since the site goes out under the host's name.
#include <algorithm>
#include <cctype>

#include "base/strings.h"
#include "validate/validate.h"

namespace commonplace {

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// The host of an http(s) address or the domain of an email address.
std::string HostOf(const std::string& value) {
  std::string v = Lower(value);
  if (StartsWith(v, "mailto:")) v.erase(0, 7);
  size_t scheme = v.find("://");
  if (scheme != std::string::npos) {
    v.erase(0, scheme + 3);
    v = v.substr(0, v.find_first_of("/?#"));
    if (size_t at = v.rfind('@'); at != std::string::npos) v.erase(0, at + 1);
    v = v.substr(0, v.find(':'));
    return v;
  }
  size_t at = v.rfind('@');
  return at == std::string::npos ? "" : v.substr(at + 1);
}

// Names and addresses reserved for examples (RFC 2606, RFC 6761), and the
// owner names the shipped comments suggest.
bool IsPlaceholderHost(const std::string& host) {
  if (host.empty()) return false;
  for (const char* name : {"example.com", "example.net", "example.org", "localhost"}) {
    if (host == name || EndsWith(host, std::string(".") + name)) return true;
  }
  for (const char* tld : {".example", ".test", ".invalid", ".localhost"}) {
    if (EndsWith(host, tld)) return true;
  }
  return host.find("your-organisation") != std::string::npos ||
         host.find("your-org.") != std::string::npos;
}

bool IsPlaceholderRepository(const std::string& url) {
  std::string host = HostOf(url);
  if (host != "github.com" && host != "gitlab.com" && host != "codeberg.org" &&
      host != "bitbucket.org") {
    return false;
  }
  std::string path = Lower(url).substr(Lower(url).find(host) + host.size());
  std::vector<std::string> parts = Split(path, '/');
  std::string owner = parts.size() > 1 ? parts[1] : "";
  for (const char* name : {"example", "your-org", "your-organisation", "org", "owner", "user",
                           "username", "you"}) {
    if (owner == name) return true;
  }
  return false;
}

}  // namespace

bool IsPlaceholderValue(const std::string& value) {
  std::string v = Lower(Trim(value));
  if (StartsWith(v, "your ") || v == "todo" || v == "tbc" || v == "changeme") return true;
  return IsPlaceholderHost(HostOf(v)) || IsPlaceholderRepository(v);
}

bool CheckPublishable(const Library& lib, Diagnostics& diags) {
  int before = diags.ErrorCount();
  const SiteConfig& c = lib.config;
  auto pos = [&](const std::string& key) {
    auto it = c.positions.find(key);
    return it == c.positions.end() ? SourcePos{} : it->second;
  };
  struct Setting {
    std::string key, value, what;
  };
  std::vector<Setting> settings = {
      {"base_url", c.base_url, "the site's address in canonical links, the sitemap and the feed"},
      {"repository.url", c.repository_url, "the \"Suggest a change\" link on every page"},
      {"repository.edit_url", c.repository_edit_url, "the \"Suggest a change\" link on every page"},
      {"licence.url", c.licence_url, "the licence link in every footer"},
      {"organisation.name", c.organisation_name, "every footer and the accessibility statement"},
      {"organisation.url", c.organisation_url, "every footer and the accessibility statement"},
      {"contact.email", c.contact_email, "the accessibility statement and the contribute page"},
      {"contact.url", c.contact_url, "the accessibility statement and the contribute page"},
  };
  for (size_t i = 0; i < c.navigation.size(); ++i) {
    settings.push_back({"navigation[" + std::to_string(i) + "].url", c.navigation[i].url, "the menu"});
  }
  for (const auto& s : settings) {
    if (s.value.empty() || !IsPlaceholderValue(s.value)) continue;
    diags.Error("site.yaml", pos(s.key), s.key,
                "'" + s.key + "' is still a placeholder (" + s.value + "), shown in " + s.what,
                "set it to your own, or remove it: what it feeds is then left out");
  }
  // Links written in the footer and in the pages.
  auto scan = [&](const std::string& path, const std::string& text, SourcePos start,
                  const std::string& field) {
    int line = 0;
    for (const std::string& row : Split(text, '\n')) {
      for (size_t at = row.find("http"); at != std::string::npos; at = row.find("http", at + 1)) {
        size_t end = row.find_first_of(" )>\"'<`", at);
        std::string url = row.substr(at, end == std::string::npos ? std::string::npos : end - at);
        if (url.find("://") == std::string::npos || !IsPlaceholderValue(url)) continue;
        // A page's body line by line; the footer (one folded YAML value) at its key.
        SourcePos p = field == "footer" ? start : SourcePos{start.line + line, static_cast<int>(at) + 1};
        diags.Error(path, p, field, "a link to a placeholder address: " + url,
                    "link to a real page, or leave the link out");
      }
      ++line;
    }
  };
  scan("site.yaml", c.footer_md, pos("footer"), "footer");
  for (const auto& page : lib.pages) scan(page.path, page.body_md, {page.body_line, 1}, "");
  return diags.ErrorCount() == before;
}

}  // namespace commonplace
