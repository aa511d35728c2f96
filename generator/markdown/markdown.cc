#include "markdown/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>

#include "base/strings.h"

namespace commonplace {

namespace {

struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct IterDeleter {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};
struct CharDeleter {
  void operator()(char* s) const { std::free(s); }
};

std::string Take(char* s) { return std::unique_ptr<char, CharDeleter>(s).get(); }

void EnsureExtensions() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

// The words of a node (a document for the search index, a heading for its
// anchor), with a space wherever cmark's plain-text renderer would start a
// new line (block ends, line breaks) and list items marked as it marks them
// ("-", "1.", "2)").
// cmark_render_plaintext did this one code point at a time, which made it a
// large part of the Markdown step; the words and their order are the same.
std::string PlainText(cmark_node* doc) {
  std::string out;
  std::unique_ptr<cmark_iter, IterDeleter> it(cmark_iter_new(doc));
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
    cmark_node* n = cmark_iter_get_node(it.get());
    auto type = cmark_node_get_type(n);
    if (ev == CMARK_EVENT_EXIT) {
      // Leaving a block (table rows and cells are blocks too); inline
      // containers such as emphasis join their neighbours.
      if ((type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK) out += ' ';
      continue;
    }
    switch (type) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        if (const char* lit = cmark_node_get_literal(n)) out += lit;
        break;
      case CMARK_NODE_CODE_BLOCK:
        out += ' ';
        if (const char* lit = cmark_node_get_literal(n)) out += lit;
        out += ' ';
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out += ' ';
        break;
      case CMARK_NODE_ITEM: {
        cmark_node* list = cmark_node_parent(n);
        if (cmark_node_get_list_type(list) == CMARK_BULLET_LIST) {
          out += " - ";
        } else {
          int number = cmark_node_get_list_start(list);
          for (cmark_node* p = cmark_node_previous(n); p; p = cmark_node_previous(p)) ++number;
          out += ' ' + std::to_string(number) +
                 (cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ") " : ". ");
        }
        break;
      }
      default:
        break;
    }
  }
  return CollapseWhitespace(out);
}

// Shortens a URL for a message.
std::string ShownUrl(const char* url) {
  std::string u = url ? url : "";
  return u.size() > 80 ? u.substr(0, 77) + "..." : u;
}

// Replaces a link or image node by its children (the link text, the image's
// alt text), so nothing of its target reaches the HTML.
void Unwrap(cmark_node* n) {
  while (cmark_node* child = cmark_node_first_child(n)) {
    if (!cmark_node_insert_before(n, child)) break;  // not allowed there: dropped with n
  }
  cmark_node_free(n);  // unlinks it, and frees what is left inside
}

}  // namespace

std::string HeadingAnchor(std::string_view text) {
  std::string out;
  bool hyphen = false;
  for (unsigned char c : text) {
    if (std::isalnum(c)) {
      if (hyphen && !out.empty()) out += '-';
      hyphen = false;
      out += static_cast<char>(std::tolower(c));
    } else if (c >= 0x80) {
      if (hyphen && !out.empty()) out += '-';
      hyphen = false;
      out += static_cast<char>(c);  // keep non-ASCII letters as they are
    } else {
      hyphen = true;
    }
  }
  return out.empty() ? "section" : out;
}

MarkdownResult RenderMarkdown(std::string_view markdown, const MarkdownOptions& options) {
  EnsureExtensions();
  int opts = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SMART;
  if (options.allow_raw_html) opts |= CMARK_OPT_UNSAFE;
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(opts));
  for (const char* name : {"table", "strikethrough", "autolink", "tagfilter"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser.get()));

  // One walk: find the highest heading level, refuse unsafe link targets and
  // images from other hosts, and sanitise raw HTML.
  MarkdownResult result;
  int min_level = 7;
  std::vector<cmark_node*> headings;
  std::vector<cmark_node*> unwrap;  // changed after the walk, not during it
  {
    std::unique_ptr<cmark_iter, IterDeleter> it(cmark_iter_new(doc.get()));
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
      if (ev != CMARK_EVENT_ENTER) continue;
      cmark_node* n = cmark_iter_get_node(it.get());
      switch (cmark_node_get_type(n)) {
        case CMARK_NODE_HEADING:
          headings.push_back(n);
          min_level = std::min(min_level, cmark_node_get_heading_level(n));
          break;
        case CMARK_NODE_LINK: {
          const char* url = cmark_node_get_url(n);
          if (url && !IsSafeUrl(url)) {
            result.problems.push_back(
                {cmark_node_get_start_line(n), cmark_node_get_start_column(n),
                 "unsafe link '" + ShownUrl(url) + "' was removed (only http(s), mailto and "
                 "relative links are allowed)",
                 "link to an http(s) address or to a page of this site"});
            unwrap.push_back(n);
          }
          break;
        }
        case CMARK_NODE_IMAGE: {
          // An image is fetched by the reader's browser as the page loads:
          // only files of this site, never another host or a data: URL.
          const char* url = cmark_node_get_url(n);
          if (url && !IsLocalUrl(url)) {
            result.problems.push_back(
                {cmark_node_get_start_line(n), cmark_node_get_start_column(n),
                 "image '" + ShownUrl(url) + "' is not a file of this site; it was removed",
                 "pages load nothing from other hosts: put the image in the repository (the "
                 "theme's static/ folder is published under assets/) and use a relative path, or "
                 "link to it with [text](url)"});
            unwrap.push_back(n);
          }
          break;
        }
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_HTML_INLINE:
          if (options.allow_raw_html) {
            const char* lit = cmark_node_get_literal(n);
            std::vector<MarkdownProblem> found;
            cmark_node_set_literal(n, SanitizeHtml(lit ? lit : "", &found).c_str());
            // Positions within the fragment → positions in the Markdown.
            int line = cmark_node_get_start_line(n), col = cmark_node_get_start_column(n);
            for (auto& p : found) {
              p.col = p.line == 1 ? col + p.col - 1 : p.col;
              p.line = line + p.line - 1;
              result.problems.push_back(std::move(p));
            }
          }
          break;
        default:
          break;
      }
    }
  }
  for (cmark_node* n : unwrap) Unwrap(n);
  std::vector<std::pair<int, std::string>> anchors;  // (level, id) in document order
  std::map<std::string, int> used;
  int shift = min_level <= 6 ? options.top_heading_level - min_level : 0;
  for (cmark_node* h : headings) {
    int level = std::clamp(cmark_node_get_heading_level(h) + shift, 1, 6);
    cmark_node_set_heading_level(h, level);
    std::string text = PlainText(h);
    std::string id = HeadingAnchor(text);
    if (int n = used[id]++; n > 0) id += "-" + std::to_string(n + 1);
    anchors.emplace_back(level, id);
    if (level == options.top_heading_level) result.headings.emplace_back(id, text);
  }
  std::string html = Take(cmark_render_html(doc.get(), opts,
                                            cmark_parser_get_syntax_extensions(parser.get())));
  // cmark-gfm has no heading ids: add them to the rendered tags in order.
  size_t pos = 0;
  for (const auto& [level, id] : anchors) {
    std::string tag = "<h" + std::to_string(level) + ">";
    size_t at = html.find(tag, pos);
    if (at == std::string::npos) break;
    std::string with_id = "<h" + std::to_string(level) + " id=\"" + HtmlEscape(id) + "\">";
    html.replace(at, tag.size(), with_id);
    pos = at + with_id.size();
  }
  result.html = std::move(html);
  result.text = PlainText(doc.get());
  return result;
}

std::string RenderInlineMarkdown(std::string_view markdown, const MarkdownOptions& options,
                                 std::vector<MarkdownProblem>* problems) {
  MarkdownResult r = RenderMarkdown(markdown, options);
  if (problems) problems->insert(problems->end(), r.problems.begin(), r.problems.end());
  std::string html = std::move(r.html);
  while (!html.empty() && html.back() == '\n') html.pop_back();
  if (StartsWith(html, "<p>") && EndsWith(html, "</p>") &&
      html.find("<p>", 3) == std::string::npos) {
    html = html.substr(3, html.size() - 7);
  }
  return html;
}

}  // namespace commonplace
