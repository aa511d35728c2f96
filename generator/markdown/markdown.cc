#include "markdown/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>

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

namespace {

// cmark-gfm 0.29 reads some inline patterns in time that grows with the
// square of their length: 100,000 `'"` pairs or `![[]()` in one paragraph
// take minutes, as does a table row of 20,000 cells. Measured on this
// version, a paragraph costs about 2.5e-10 s per squared "mark" (the
// characters that open or close inline constructs), so the sum of squares
// over a file's paragraphs is capped at a quarter of a second's worth.
// Real paragraphs hold a few hundred marks at most (1e5 each).
constexpr double kMaxMarkSquares = 1e9;
constexpr size_t kMaxTableCells = 1000;  // '|' on one line

bool IsInlineMark(char c) {
  switch (c) {
    case '[': case ']': case '!': case '<': case '*': case '_':
    case '\'': case '"': case '~': case '`': case '&':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::optional<MarkdownProblem> CheckMarkdownBudget(std::string_view markdown) {
  double squares = 0;
  size_t marks = 0;       // in the current paragraph
  int para_line = 1;      // where it starts
  int line = 1, worst_line = 1;
  size_t worst = 0;
  bool in_fence = false;  // fenced code is not parsed for inlines
  size_t pos = 0;
  auto end_paragraph = [&] {
    squares += static_cast<double>(marks) * static_cast<double>(marks);
    if (marks > worst) {
      worst = marks;
      worst_line = para_line;
    }
    marks = 0;
  };
  while (pos <= markdown.size()) {
    size_t eol = markdown.find('\n', pos);
    if (eol == std::string_view::npos) eol = markdown.size();
    std::string_view text = markdown.substr(pos, eol - pos);
    size_t first = text.find_first_not_of(" \t\r");
    bool blank = first == std::string_view::npos;
    if (!blank && (text.compare(first, 3, "```") == 0 || text.compare(first, 3, "~~~") == 0)) {
      end_paragraph();
      in_fence = !in_fence;
    } else if (blank) {
      end_paragraph();
      para_line = line + 1;
    } else if (!in_fence) {
      if (marks == 0) para_line = line;
      size_t pipes = 0;
      for (char c : text) {
        marks += IsInlineMark(c);
        pipes += c == '|';
      }
      if (pipes > kMaxTableCells) {
        return MarkdownProblem{line, 1,
                               "this line has " + std::to_string(pipes) +
                                   " '|' characters: a table this wide would take minutes to read",
                               "split the table: at most " + std::to_string(kMaxTableCells) +
                                   " columns, and a page is easier to read with far fewer"};
      }
    }
    if (eol == markdown.size()) break;
    pos = eol + 1;
    ++line;
  }
  end_paragraph();
  if (squares <= kMaxMarkSquares) return std::nullopt;
  return MarkdownProblem{
      worst_line, 1,
      "the Markdown is too dense to read safely: the paragraph here has " + std::to_string(worst) +
          " emphasis, quote, bracket and tag characters",
      "split long paragraphs, or put text that is not prose (data, code) in a fenced code block "
      "(```); real prose has a few hundred such characters per paragraph"};
}

MarkdownResult RenderMarkdown(std::string_view markdown, const MarkdownOptions& options) {
  MarkdownResult result;
  if (auto problem = CheckMarkdownBudget(markdown)) {
    result.problems.push_back(std::move(*problem));
    return result;  // refused before cmark sees it
  }
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
  // Each id is unique in the document: a heading whose anchor is taken
  // (by an earlier heading, or as "a-2" by "## A" after "## A 2") gets the
  // next free number. Ids starting "user-content-" belong to raw HTML (see
  // SanitizeHtml), so a heading never takes one.
  std::set<std::string> used;
  std::map<std::string, int> next_number;
  cmark_llist* extensions = cmark_parser_get_syntax_extensions(parser.get());
  std::vector<std::pair<cmark_node*, cmark_node*>> replace;  // heading → its custom block
  int shift = min_level <= 6 ? options.top_heading_level - min_level : 0;
  for (cmark_node* h : headings) {
    int level = std::clamp(cmark_node_get_heading_level(h) + shift, 1, 6);
    std::string text = PlainText(h);
    std::string base = HeadingAnchor(text);
    if (StartsWith(base, kUserContentPrefix)) base = "section-" + base;
    std::string id = base;
    if (!used.insert(id).second) {
      int& n = next_number[base];  // where the search for a free number resumes
      if (n < 2) n = 2;
      do {
        id = base + "-" + std::to_string(n++);
      } while (!used.insert(id).second);
    }
    if (level == options.top_heading_level) result.headings.emplace_back(id, text);
    // cmark-gfm's heading has no attributes: the heading, rendered on its
    // own, becomes a custom block that prints it with its id, so the ids go
    // in as cmark renders the page (no search of the HTML, which raw HTML
    // headings could mislead).
    cmark_node_set_heading_level(h, level);
    std::string tag = "h" + std::to_string(level);
    std::string rendered = Take(cmark_render_html(h, opts, extensions));
    size_t open_end = rendered.find('>');
    size_t close = rendered.rfind("</" + tag + ">");
    std::string inner = open_end != std::string::npos && close != std::string::npos && close > open_end
                            ? rendered.substr(open_end + 1, close - open_end - 1)
                            : HtmlEscape(text);
    cmark_node* block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
    cmark_node_set_on_enter(block,
                            ("<" + tag + " id=\"" + HtmlEscape(id) + "\">" + inner + "</" + tag + ">").c_str());
    cmark_node_set_on_exit(block, "");
    replace.emplace_back(h, block);
  }
  // The plain text is read while the headings still hold their words.
  result.text = PlainText(doc.get());
  for (auto [heading, block] : replace) {
    cmark_node_replace(heading, block);
    cmark_node_free(heading);
  }
  std::string html = Take(cmark_render_html(doc.get(), opts,
                                            cmark_parser_get_syntax_extensions(parser.get())));
  result.html = std::move(html);
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
