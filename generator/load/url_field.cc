#include "load/url_field.h"

#include "base/fs.h"
#include "base/strings.h"

namespace commonplace {

namespace {

// A URL as quoted in a message: long ones are cut.
std::string Shown(const std::string& url) {
  return url.size() > 80 ? TruncateWords(url.substr(0, 80), 77) : url;
}

}  // namespace

bool FollowsUrlRule(const std::string& url, UrlRule rule) {
  switch (rule) {
    case UrlRule::kLink:
      return IsSafeUrl(url);
    case UrlRule::kWeb:
      return IsWebAddress(url);
    case UrlRule::kSiteFile:
      // Pages put the site's root before it ("{{root}}{{logo}}"): a leading
      // slash would make "//host/…", another host, so only a plain relative
      // path inside the site is a file of it.
      return IsLocalUrl(url) && IsSafeRelativePath(url.substr(0, url.find_first_of("?#")));
  }
  return false;
}

std::string ReadUrl(YamlReader& r, const YamlNode& map, const std::string& key,
                    const std::string& prefix, bool required, UrlRule rule,
                    const std::string& hint) {
  std::string url = r.String(map, key, prefix, required);
  if (url.empty() || FollowsUrlRule(url, rule)) return url;
  std::string field = prefix.empty() ? key : prefix + "." + key;
  std::string message, default_hint;
  switch (rule) {
    case UrlRule::kLink:
      message = "unsafe URL '" + Shown(url) + "' in field '" + field +
                "' (only http(s), mailto and relative links are allowed)";
      default_hint = "link to an http(s) address or to a page of this site, e.g. about/";
      break;
    case UrlRule::kWeb:
      message = "'" + field + "' must start with http:// or https://";
      if (!IsSafeUrl(url)) message += ", not '" + Shown(url) + "' (an unsafe URL)";
      default_hint = "write the full address, e.g. https://example.org/…";
      break;
    case UrlRule::kSiteFile:
      message = "'" + field + "' must be a file of the site, not '" + Shown(url) + "'";
      default_hint = "give a path relative to the site's root, such as assets/logo.svg (a file "
                     "in the theme's static folder), never an address on another host";
      break;
  }
  r.Error(YamlReader::Get(map, key), field, message, hint.empty() ? default_hint : hint);
  return "";
}

}  // namespace commonplace
