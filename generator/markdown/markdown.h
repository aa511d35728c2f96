// markdown/: a RAII wrapper over cmark-gfm. Turns Markdown into safe HTML,
// plain text (for search and descriptions) and the list of headings.
// Knows nothing about the content model.
#ifndef COMMONPLACE_MARKDOWN_MARKDOWN_H_
#define COMMONPLACE_MARKDOWN_MARKDOWN_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace commonplace {

/// Prefix of every id that raw HTML in content sets, so none can repeat an id
/// of the page itself or of a heading ("x" becomes "user-content-x").
inline constexpr std::string_view kUserContentPrefix = "user-content-";

struct MarkdownOptions {
  /// Raw HTML in the Markdown is dropped unless this is set; even then it
  /// is sanitised (no scripts, event handlers or unsafe URLs).
  bool allow_raw_html = false;
  /// Headings are shifted so the highest one becomes this level (the page
  /// title is the only h1).
  int top_heading_level = 2;
};

/// Something in the Markdown its writer must fix: an unsafe link target, or
/// an image (or raw HTML `src`) that is not a file of this site. The part is
/// removed from the HTML either way; the caller decides whether it is an
/// error (the pipeline reports it at the content file's line).
struct MarkdownProblem {
  int line = 0;  ///< 1-based line in the Markdown text; 0 when unknown.
  int col = 0;   ///< 1-based byte column; 0 when unknown.
  std::string message;
  std::string hint;
};

struct MarkdownResult {
  std::string html;
  std::string text;  ///< Plain text, whitespace collapsed.
  std::vector<std::pair<std::string, std::string>> headings;  ///< (id, text), top level only.
  std::vector<MarkdownProblem> problems;  ///< In document order.
};

MarkdownResult RenderMarkdown(std::string_view markdown, const MarkdownOptions& options = {});

/// Refuses Markdown that cmark-gfm would take seconds or minutes to read
/// (inline marks whose cost grows with the square of a paragraph's length,
/// tables thousands of columns wide), positioned at the worst paragraph.
/// RenderMarkdown calls it first and renders nothing when it fails.
std::optional<MarkdownProblem> CheckMarkdownBudget(std::string_view markdown);

/// Renders a short piece of Markdown (one paragraph) without the <p> wrapper.
/// Problems (see MarkdownProblem) are appended to `problems` when given.
std::string RenderInlineMarkdown(std::string_view markdown, const MarkdownOptions& options = {},
                                 std::vector<MarkdownProblem>* problems = nullptr);

/// Lowercase, hyphen-separated anchor for a heading text ("What changed?" →
/// "what-changed").
std::string HeadingAnchor(std::string_view text);

/// Keeps a whitelist of harmless tags and attributes in a fragment of raw
/// HTML; anything else is escaped or dropped. A `src` must be local (see
/// IsLocalUrl) and an `href` or `cite` safe (see IsSafeUrl); each one
/// dropped for that reason is appended to `problems` when given, positioned
/// within `html`.
std::string SanitizeHtml(std::string_view html,
                         std::vector<MarkdownProblem>* problems = nullptr);

}  // namespace commonplace

#endif  // COMMONPLACE_MARKDOWN_MARKDOWN_H_
