// pipeline/link_health_page.h: the maintainers' link health page, from the
// results `commonplace check-links --external` stored (no network here).
#ifndef COMMONPLACE_PIPELINE_LINK_HEALTH_PAGE_H_
#define COMMONPLACE_PIPELINE_LINK_HEALTH_PAGE_H_

#include <string>

#include "render/site_renderer.h"

namespace commonplace {

/// Adds maintainers/links/ to the site. Returns false (and adds nothing)
/// when the cache exists but cannot be read; `error` says why.
bool RenderLinkHealthPage(const std::string& root, SiteRenderer* renderer, std::string* error);

}  // namespace commonplace

#endif  // COMMONPLACE_PIPELINE_LINK_HEALTH_PAGE_H_
