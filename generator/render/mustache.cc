#include "render/mustache.h"

#include <sstream>

namespace commonplace::mustache {

enum class Kind { kText, kEscaped, kRaw, kSection, kInverted, kPartial };

struct Element {
  Kind kind = Kind::kText;
  std::string text;  // kText: the text; kPartial: the partial's name
  /// A tag's name as mstch resolves it: the first part is looked up through
  /// the context stack, each further part inside the node found so far.
  std::vector<std::string> path;
  std::vector<Element> children;  // kSection, kInverted
  std::string prefix;             // kPartial: indentation for its lines
  const Template* partial = nullptr;
};

struct Template {
  std::vector<Element> elements;
  /// A section opened here and not closed. In mstch such a section stays
  /// open after a partial returns and takes in the rest of the template that
  /// included it; only mstch itself renders that faithfully.
  bool unclosed = false;
};

namespace {

// ---------------------------------------------------------------------------
// Reading a template: mstch's tokens and its rules for standalone lines.

enum class TokenType { kText, kEscaped, kRaw, kOpen, kInverted, kClose, kComment, kPartial,
                       kDelimiters };

struct Token {
  TokenType type = TokenType::kText;
  std::string raw;   // the token as written
  std::string name;  // tags: the trimmed name
  std::string prefix;
  bool eol = false;      // text ending a line (or the end of a template ending in a tag)
  bool ws_only = false;  // text of spaces, tabs and newlines only
};

Token TextToken(std::string text) {
  Token t;
  t.eol = !text.empty() && text.back() == '\n';
  t.ws_only = text.find_first_not_of(" \n\t") == std::string::npos;
  t.raw = std::move(text);
  return t;
}

// mstch trims names of spaces only (not tabs).
size_t FirstNonSpace(const std::string& s, size_t from, size_t to) {
  while (from < to && s[from] == ' ') ++from;
  return from;
}
// One past the last non-space in [low, high), or `low` when there is none.
size_t EndNonSpace(const std::string& s, size_t low, size_t high) {
  while (high > low && s[high - 1] == ' ') --high;
  return high;
}

// A tag written with delimiters of `left` and `right` characters.
Token TagToken(std::string raw, size_t left, size_t right) {
  Token t;
  size_t inner_end = raw.size() - right;
  auto name = [&](size_t from, size_t to) {
    t.name = from < to ? raw.substr(from, to - from) : std::string();
  };
  if (raw[left] == '=' && raw[inner_end - 1] == '=') {
    t.type = TokenType::kDelimiters;
  } else if (raw[left] == '{' && raw[inner_end - 1] == '}') {
    t.type = TokenType::kRaw;
    name(FirstNonSpace(raw, left + 1, inner_end), EndNonSpace(raw, left, inner_end - 1));
  } else {
    size_t c = FirstNonSpace(raw, left, inner_end);
    switch (raw[c]) {
      case '>': t.type = TokenType::kPartial; break;
      case '^': t.type = TokenType::kInverted; break;
      case '/': t.type = TokenType::kClose; break;
      case '&': t.type = TokenType::kRaw; break;
      case '#': t.type = TokenType::kOpen; break;
      case '!': t.type = TokenType::kComment; break;
      default: t.type = TokenType::kEscaped;
    }
    if (t.type != TokenType::kEscaped) c = FirstNonSpace(raw, c + 1, inner_end);
    name(c, EndNonSpace(raw, left, inner_end));
  }
  t.raw = std::move(raw);
  return t;
}

// Text becomes one token per line (the last may lack its newline).
void AddText(const std::string& s, size_t begin, size_t end, std::vector<Token>* tokens) {
  size_t start = begin;
  for (size_t i = begin; i < end; ++i) {
    if (s[i] == '\n' || i == end - 1) {
      tokens->push_back(TextToken(s.substr(start, i + 1 - start)));
      start = i + 1;
    }
  }
}

std::vector<Token> Tokenize(const std::string& s) {
  std::vector<Token> tokens;
  std::string open = "{{", close = "}}";
  auto at = [&](size_t i) { return i < s.size() ? s[i] : '\0'; };
  size_t cur = 0;
  while (cur < s.size()) {
    size_t open_pos = s.find(open, cur);
    size_t close_pos = open_pos == std::string::npos ? std::string::npos
                                                     : s.find(close, open_pos + 1);
    if (open_pos == std::string::npos || close_pos == std::string::npos) {
      AddText(s, cur, s.size(), &tokens);
      break;
    }
    // {{{name}}}: the third brace belongs to the tag.
    if (at(open_pos + open.size()) == '{' && at(close_pos + close.size()) == '}') ++close_pos;
    AddText(s, cur, open_pos, &tokens);
    cur = close_pos + close.size();
    tokens.push_back(TagToken(s.substr(open_pos, cur - open_pos), open.size(), close.size()));
    if (cur == s.size()) {
      // A template ending in a tag ends a line there, so that line can be
      // standalone.
      Token end = TextToken("");
      end.eol = true;
      tokens.push_back(end);
    }
    if (at(open_pos + open.size()) == '=' && at(close_pos - 1) == '=') {
      // {{=<% %>=}}: the new delimiters are separated by a space.
      size_t first = FirstNonSpace(s, open_pos + open.size() + 1, close_pos - 1);
      size_t last = EndNonSpace(s, open_pos + open.size() + 1, close_pos - 1);
      size_t space = s.find(' ', first);
      size_t rspace = last == 0 ? std::string::npos : s.rfind(' ', last - 1);
      if (space == std::string::npos || rspace == std::string::npos || space >= last ||
          rspace + 1 < first) {
        // mstch's behaviour is undefined here; keep the old delimiters.
        continue;
      }
      open = s.substr(first, space - first);
      close = s.substr(rspace + 1, last - rspace - 1);
      if (open.empty() || close.empty()) {
        open = "{{";
        close = "}}";
      }
    }
  }
  return tokens;
}

bool IsInterpolationOrText(TokenType t) {
  return t == TokenType::kText || t == TokenType::kEscaped || t == TokenType::kRaw;
}

// A line holding at least one tag other than an interpolation, and otherwise
// only whitespace, is standalone: its whitespace (newline included) goes,
// and a partial on it is indented by the whitespace before it.
std::vector<Token> StripStandaloneLines(std::vector<Token> tokens) {
  std::vector<Token> out;
  out.reserve(tokens.size());
  size_t line = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!tokens[i].eol) continue;
    bool has_tag = false, non_space = false;
    for (size_t j = line; j <= i; ++j) {
      if (!IsInterpolationOrText(tokens[j].type)) {
        has_tag = true;
      } else if (!tokens[j].ws_only) {
        non_space = true;
      }
    }
    if (has_tag && !non_space) {
      for (size_t j = line + 1; j < i; ++j) {
        if (tokens[j].type == TokenType::kPartial && tokens[j - 1].ws_only) {
          tokens[j].prefix = tokens[j - 1].raw;
        }
      }
      for (size_t j = line; j <= i; ++j) {
        if (!tokens[j].ws_only) out.push_back(std::move(tokens[j]));
      }
    } else {
      for (size_t j = line; j <= i; ++j) out.push_back(std::move(tokens[j]));
    }
    line = i + 1;
  }
  for (size_t j = line; j < tokens.size(); ++j) out.push_back(std::move(tokens[j]));
  return out;
}

// An indented partial gets its indentation before every line of its own.
std::vector<Token> Indent(const std::vector<Token>& tokens, const std::string& prefix) {
  std::vector<Token> out;
  bool line_start = true;
  for (const auto& t : tokens) {
    if (line_start) out.push_back(TextToken(prefix));
    out.push_back(t);
    line_start = t.eol;
  }
  return out;
}

// "a.b.c" as mstch looks it up: "a" through the stack, then "b" in it, then
// "c". "." alone is the current item.
std::vector<std::string> NamePath(const std::string& name) {
  size_t dot = name.rfind('.');
  if (name == "." || dot == std::string::npos) return {name};
  std::vector<std::string> path = NamePath(name.substr(0, dot));
  path.push_back(name.substr(dot + 1));
  return path;
}

// Tokens [begin, end) as a tree. A section closes at the first closing tag
// of its name while no other section is open in it; mstch counts every
// other closing tag as closing one of those, so its count can go below zero
// and the section never closes. An unclosed section renders nothing, and
// neither does anything after it.
std::vector<Element> Build(const std::vector<Token>& tokens, size_t begin, size_t end,
                           bool* unclosed) {
  std::vector<Element> out;
  auto add_text = [&](const std::string& text) {
    if (text.empty()) return;
    if (!out.empty() && out.back().kind == Kind::kText) {
      out.back().text += text;
    } else {
      Element e;
      e.text = text;
      out.push_back(std::move(e));
    }
  };
  for (size_t i = begin; i < end; ++i) {
    const Token& t = tokens[i];
    switch (t.type) {
      case TokenType::kText: add_text(t.raw); break;
      case TokenType::kEscaped:
      case TokenType::kRaw: {
        Element e;
        e.kind = t.type == TokenType::kEscaped ? Kind::kEscaped : Kind::kRaw;
        e.path = NamePath(t.name);
        out.push_back(std::move(e));
        break;
      }
      case TokenType::kPartial: {
        Element e;
        e.kind = Kind::kPartial;
        e.text = t.name;
        e.prefix = t.prefix;
        out.push_back(std::move(e));
        break;
      }
      case TokenType::kOpen:
      case TokenType::kInverted: {
        int skipped = 0;
        size_t close = end;
        for (size_t k = i + 1; k < end; ++k) {
          if (tokens[k].type == TokenType::kClose) {
            if (tokens[k].name == t.name && skipped == 0) {
              close = k;
              break;
            }
            --skipped;
          } else if (tokens[k].type == TokenType::kOpen || tokens[k].type == TokenType::kInverted) {
            ++skipped;
          }
        }
        if (close == end) {
          *unclosed = true;
          return out;
        }
        Element e;
        e.kind = t.type == TokenType::kOpen ? Kind::kSection : Kind::kInverted;
        e.path = NamePath(t.name);
        e.children = Build(tokens, i + 1, close, unclosed);
        out.push_back(std::move(e));
        i = close;
        break;
      }
      default: break;  // comments, delimiter changes, stray closing tags
    }
  }
  return out;
}

std::vector<Token> Read(const std::string& text) {
  return StripStandaloneLines(Tokenize(text));
}

// ---------------------------------------------------------------------------
// Rendering.

const mstch::node kNull;

// `name` inside one node, as mstch's has_token/get_token see it.
const mstch::node* Child(const mstch::node& node, const std::string& name) {
  if (const auto* m = boost::get<mstch::map>(&node)) {
    auto it = m->find(name);
    return it == m->end() ? nullptr : &it->second;
  }
  if (const auto* o = boost::get<std::shared_ptr<mstch::object>>(&node)) {
    if (*o && (*o)->has(name)) return &(*o)->at(name);
    return nullptr;
  }
  return name == "." ? &node : nullptr;
}

bool IsEmpty(const mstch::node& n) {
  if (boost::get<std::nullptr_t>(&n)) return true;
  if (const auto* i = boost::get<int>(&n)) return *i == 0;
  if (const auto* d = boost::get<double>(&n)) return *d == 0;
  if (const auto* b = boost::get<bool>(&n)) return !*b;
  if (const auto* s = boost::get<std::string>(&n)) return s->empty();
  if (const auto* a = boost::get<mstch::array>(&n)) return a->empty();
  return false;
}

bool IsLambda(const mstch::node& n) { return boost::get<mstch::lambda>(&n) != nullptr; }

class Renderer {
 public:
  Renderer(TemplateSet::Escape escape, std::string* out) : escape_(escape), out_(out) {}

  bool Render(const std::vector<Element>& elements, std::vector<const mstch::node*>& stack) {
    for (const auto& e : elements) {
      switch (e.kind) {
        case Kind::kText: *out_ += e.text; break;
        case Kind::kEscaped:
        case Kind::kRaw:
          if (!Append(Find(e.path, stack), e.kind == Kind::kEscaped)) return false;
          break;
        case Kind::kSection: {
          const mstch::node& n = Find(e.path, stack);
          if (IsEmpty(n)) break;
          if (IsLambda(n)) return false;
          if (const auto* items = boost::get<mstch::array>(&n)) {
            for (const auto& item : *items) {
              if (IsLambda(item) || !RenderIn(item, e.children, stack)) return false;
            }
          } else if (!RenderIn(n, e.children, stack)) {
            return false;
          }
          break;
        }
        case Kind::kInverted:
          if (IsEmpty(Find(e.path, stack)) && !RenderIn(kNull, e.children, stack)) return false;
          break;
        case Kind::kPartial:
          if (!e.partial) break;
          if (e.partial->unclosed || !Render(e.partial->elements, stack)) return false;
          break;
      }
    }
    return true;
  }

 private:
  bool RenderIn(const mstch::node& context, const std::vector<Element>& elements,
                std::vector<const mstch::node*>& stack) {
    stack.push_back(&context);
    bool ok = Render(elements, stack);
    stack.pop_back();
    return ok;
  }

  static const mstch::node& Find(const std::vector<std::string>& path,
                                 const std::vector<const mstch::node*>& stack) {
    const mstch::node* found = nullptr;
    for (auto it = stack.rbegin(); it != stack.rend() && !found; ++it) {
      found = Child(**it, path[0]);
    }
    for (size_t i = 1; found && i < path.size(); ++i) found = Child(*found, path[i]);
    return found ? *found : kNull;
  }

  bool Append(const mstch::node& n, bool escaped) {
    if (const auto* s = boost::get<std::string>(&n)) {
      *out_ += escaped ? escape_(*s) : *s;
    } else if (const auto* i = boost::get<int>(&n)) {
      *out_ += std::to_string(*i);
    } else if (const auto* d = boost::get<double>(&n)) {
      std::ostringstream ss;
      ss << *d;
      *out_ += ss.str();
    } else if (const auto* b = boost::get<bool>(&n)) {
      *out_ += *b ? "true" : "false";
    } else if (IsLambda(n)) {
      return false;
    }
    return true;
  }

  TemplateSet::Escape escape_;
  std::string* out_;
};

}  // namespace

TemplateSet::TemplateSet(const std::map<std::string, std::string>& templates,
                         const std::map<std::string, std::string>& partials, Escape escape)
    : partial_text_(partials), escape_(escape) {
  for (const auto& [name, text] : templates) {
    auto t = std::make_unique<Template>();
    auto tokens = Read(text);
    t->elements = Build(tokens, 0, tokens.size(), &t->unclosed);
    Link(t->elements);
    templates_[name] = std::move(t);
  }
}

TemplateSet::~TemplateSet() = default;

// Points every partial tag at its compiled partial, compiling each
// (partial, indentation) pair once; a partial that includes itself points
// at the copy being compiled.
void TemplateSet::Link(std::vector<Element>& elements) {
  for (auto& e : elements) {
    if (e.kind == Kind::kPartial) e.partial = Partial(e.text, e.prefix);
    Link(e.children);
  }
}

const Template* TemplateSet::Partial(const std::string& name, const std::string& prefix) {
  auto text = partial_text_.find(name);
  if (text == partial_text_.end()) return nullptr;
  auto key = std::make_pair(name, prefix);
  auto found = partials_.find(key);
  if (found != partials_.end()) return found->second.get();
  Template* t = (partials_[key] = std::make_unique<Template>()).get();
  auto tokens = Read(text->second);
  if (!prefix.empty()) tokens = Indent(tokens, prefix);
  t->elements = Build(tokens, 0, tokens.size(), &t->unclosed);
  Link(t->elements);
  return t;
}

bool TemplateSet::Render(const std::string& name, const mstch::node& context,
                         std::string* out) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) return true;
  std::vector<const mstch::node*> stack{&context};
  return Renderer(escape_, out).Render(it->second->elements, stack);
}

}  // namespace commonplace::mustache
