// cli/check_links.h: `commonplace check-links`.
#ifndef COMMONPLACE_CLI_CHECK_LINKS_H_
#define COMMONPLACE_CLI_CHECK_LINKS_H_

#include <ostream>
#include <string>

#include "linkcheck/external_links.h"

namespace commonplace {

struct CheckLinksOptions {
  std::string root = ".";
  bool external = false;
  std::string format = "text";  ///< text or json
  double cache_hours = 24;      ///< Results younger than this are reused.
  bool no_cache = false;
  ExternalCheckOptions curl;
};

/// Checks the built site's internal links and, with `external`, every
/// external URL in the content. Returns an exit code.
int RunCheckLinks(const CheckLinksOptions& options, std::ostream& out, std::ostream& err);

}  // namespace commonplace

#endif  // COMMONPLACE_CLI_CHECK_LINKS_H_
