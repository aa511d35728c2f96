// A whitelist sanitiser for the raw HTML a host may allow in Markdown.
// Whatever is allowed, scripts, event handlers, styles, unsafe URLs and
// image sources on other hosts are never let through.
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "base/strings.h"
#include "markdown/markdown.h"

namespace commonplace {

namespace {

const std::set<std::string> kTags = {
    "a",     "abbr",  "b",    "blockquote", "br",  "caption", "cite",   "code", "dd",
    "del",   "details", "dfn", "div",       "dl",  "dt",      "em",     "figcaption",
    "figure", "h2",   "h3",   "h4",         "h5",  "h6",      "hr",     "i",    "img",
    "ins",   "kbd",   "li",   "mark",       "ol",  "p",       "pre",    "q",    "s",
    "small", "span",  "strong", "sub",      "summary", "sup", "table",  "tbody", "td",
    "tfoot", "th",    "thead", "tr",        "u",   "ul"};

const std::set<std::string> kAttributes = {"href",  "src",     "alt",      "title", "id",
                                           "lang",  "dir",     "colspan",  "rowspan",
                                           "width", "height",  "cite",     "datetime",
                                           "open",  "scope",   "abbr"};

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Shortens a URL for a message.
std::string Shown(const std::string& url) {
  return url.size() > 80 ? url.substr(0, 77) + "..." : url;
}

// Records a problem at byte `offset` of `html`.
void Report(std::string_view html, size_t offset, std::string message, std::string hint,
            std::vector<MarkdownProblem>* problems) {
  if (!problems) return;
  MarkdownProblem p;
  p.line = 1;
  p.col = 1;
  for (size_t k = 0; k < offset && k < html.size(); ++k) {
    if (html[k] == '\n') {
      ++p.line;
      p.col = 1;
    } else {
      ++p.col;
    }
  }
  p.message = std::move(message);
  p.hint = std::move(hint);
  problems->push_back(std::move(p));
}

// Parses one tag starting at html[i] == '<'. Returns the sanitised tag, or
// the escaped text when it is not an allowed tag. Advances i past it.
std::string SanitizeTag(std::string_view html, size_t* i,
                        std::vector<MarkdownProblem>* problems) {
  size_t start = *i;
  size_t end = start + 1;
  char quote = 0;
  while (end < html.size()) {
    char c = html[end];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      break;
    }
    ++end;
  }
  if (end >= html.size()) {  // no closing '>': treat as text
    *i = html.size();
    return HtmlEscape(html.substr(start));
  }
  *i = end + 1;
  std::string_view inner = html.substr(start + 1, end - start - 1);
  if (StartsWith(inner, "!--")) return "";  // comments are dropped
  bool closing = !inner.empty() && inner[0] == '/';
  size_t p = closing ? 1 : 0;
  size_t name_start = p;
  while (p < inner.size() && std::isalnum(static_cast<unsigned char>(inner[p]))) ++p;
  std::string name = Lower(std::string(inner.substr(name_start, p - name_start)));
  if (name.empty() || !kTags.count(name)) return HtmlEscape(html.substr(start, end - start + 1));
  if (closing) return "</" + name + ">";
  std::string out = "<" + name;
  // Attributes: name[=value]
  while (p < inner.size()) {
    while (p < inner.size() && (std::isspace(static_cast<unsigned char>(inner[p])) || inner[p] == '/')) ++p;
    size_t an = p;
    while (p < inner.size() && !std::isspace(static_cast<unsigned char>(inner[p])) &&
           inner[p] != '=' && inner[p] != '/') {
      ++p;
    }
    std::string attr = Lower(std::string(inner.substr(an, p - an)));
    std::string value;
    bool has_value = false;
    while (p < inner.size() && std::isspace(static_cast<unsigned char>(inner[p]))) ++p;
    if (p < inner.size() && inner[p] == '=') {
      has_value = true;
      ++p;
      while (p < inner.size() && std::isspace(static_cast<unsigned char>(inner[p]))) ++p;
      if (p < inner.size() && (inner[p] == '"' || inner[p] == '\'')) {
        char q = inner[p++];
        size_t vs = p;
        while (p < inner.size() && inner[p] != q) ++p;
        value = std::string(inner.substr(vs, p - vs));
        if (p < inner.size()) ++p;
      } else {
        size_t vs = p;
        while (p < inner.size() && !std::isspace(static_cast<unsigned char>(inner[p]))) ++p;
        value = std::string(inner.substr(vs, p - vs));
      }
    }
    if (attr.empty() || !kAttributes.count(attr)) continue;
    // An image source must be a file of this site: a page never makes the
    // reader's browser contact another host (and CSP default-src 'self'
    // would block it anyway).
    if (attr == "src" && !IsLocalUrl(value)) {
      Report(html, start + 1 + an,
             "image source '" + Shown(value) + "' in raw HTML is not a file of this site; it was "
             "removed",
             "pages load nothing from other hosts: put the image in the repository (the theme's "
             "static/ folder is published under assets/) and use a relative path, or link to it",
             problems);
      continue;
    }
    if ((attr == "href" || attr == "cite") && !IsSafeUrl(value)) {
      Report(html, start + 1 + an,
             "unsafe link '" + Shown(value) + "' in raw HTML was removed",
             "only http(s), mailto and relative links are allowed", problems);
      continue;
    }
    // Entity-encoded schemes ("&#106;avascript:") are refused outright.
    if ((attr == "href" || attr == "src") && value.find("&#") != std::string::npos) continue;
    // An id from raw HTML could repeat one of the page's own (a heading's,
    // the template's "main"): it is namespaced as GitHub namespaces them.
    if (attr == "id") {
      if (!has_value || value.empty()) continue;
      value = std::string(kUserContentPrefix) + value;
    }
    out += " " + attr;
    if (has_value) out += "=\"" + HtmlEscape(value) + "\"";
  }
  out += ">";
  return out;
}

}  // namespace

std::string SanitizeHtml(std::string_view html, std::vector<MarkdownProblem>* problems) {
  std::string out;
  size_t i = 0;
  while (i < html.size()) {
    if (html[i] == '<') {
      out += SanitizeTag(html, &i, problems);
    } else {
      // Text between tags is kept as it is (it may hold entities); a bare
      // '>' cannot start markup.
      out += html[i++];
    }
  }
  return out;
}

}  // namespace commonplace
