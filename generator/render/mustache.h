// Mustache templates compiled once and rendered many times.
//
// mstch parses a template and every partial it is given on each render,
// and copies each context it pushes; on a site of ten thousand pages that was
// the largest single cost of a build. This renderer reads the templates once
// into a tree and walks the same mstch::node views by pointer.
//
// Its output is mstch's, byte for byte, including mstch's own rules for
// standalone lines, partial indentation and unclosed sections: a theme
// written against mstch renders the same here. mustache_test.cc checks that
// against mstch on hand-written cases and on thousands of generated ones.
// Lambdas are not supported: Render reports them and the caller falls back to
// mstch.
#ifndef COMMONPLACE_RENDER_MUSTACHE_H_
#define COMMONPLACE_RENDER_MUSTACHE_H_

#include <map>
#include <memory>
#include <mstch/mstch.hpp>
#include <string>
#include <vector>

namespace commonplace::mustache {

/// A compiled template and its parts (defined in mustache.cc).
struct Template;
struct Element;

/// A set of named templates and partials, compiled together so that a
/// partial tag points straight at the compiled partial.
class TemplateSet {
 public:
  using Escape = std::string (*)(std::string_view);

  /// `escape` is applied to {{name}} values (mstch::config::escape's role).
  TemplateSet(const std::map<std::string, std::string>& templates,
              const std::map<std::string, std::string>& partials, Escape escape);
  ~TemplateSet();
  TemplateSet(const TemplateSet&) = delete;
  TemplateSet& operator=(const TemplateSet&) = delete;

  bool Has(const std::string& name) const { return templates_.count(name) > 0; }

  /// Appends template `name` rendered with `context` to `out`. Returns false
  /// (with `out` unspecified) when the view holds a lambda, which only mstch
  /// can call; an unknown name renders nothing, as in mstch.
  bool Render(const std::string& name, const mstch::node& context, std::string* out) const;

 private:
  const Template* Partial(const std::string& name, const std::string& prefix);
  void Link(std::vector<Element>& elements);

  std::map<std::string, std::string> partial_text_;
  Escape escape_;
  std::map<std::string, std::unique_ptr<Template>> templates_;
  /// Partials by name and indentation (mstch indents a standalone partial's
  /// lines with the whitespace before its tag, so each indentation is its
  /// own compiled copy).
  std::map<std::pair<std::string, std::string>, std::unique_ptr<Template>> partials_;
};

}  // namespace commonplace::mustache

#endif  // COMMONPLACE_RENDER_MUSTACHE_H_
