// load/url_field.h: the one reader for every URL field of site.yaml and the
// content (navigation, licence, repository, base_url, logo, sources and
// resources), so no field is left out of the safe-link rule (IsSafeUrl, the
// rule Markdown links follow): a `javascript:` licence link would otherwise
// land in the footer of every page.
#ifndef COMMONPLACE_LOAD_URL_FIELD_H_
#define COMMONPLACE_LOAD_URL_FIELD_H_

#include <string>

#include "load/yaml_reader.h"

namespace commonplace {

enum class UrlRule {
  kLink,      ///< A link a reader may follow: relative, http(s) or mailto (IsSafeUrl).
  kWeb,       ///< An absolute http(s) address with a host (IsWebAddress).
  kSiteFile,  ///< A file of the site, as a path relative to the site's root.
};

/// Reads `map[key]` as a URL (as YamlReader::String does) and checks it by
/// `rule`. One that breaks the rule is an error at the field's own line and
/// column, with a hint (`hint` replaces the default one), and "" is
/// returned, so it can never reach a page.
std::string ReadUrl(YamlReader& r, const YamlNode& map, const std::string& key,
                    const std::string& prefix, bool required, UrlRule rule,
                    const std::string& hint = "");

/// Whether `url` follows `rule`.
bool FollowsUrlRule(const std::string& url, UrlRule rule);

}  // namespace commonplace

#endif  // COMMONPLACE_LOAD_URL_FIELD_H_
