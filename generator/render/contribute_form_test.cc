#include "render/contribute_form.h"

#include <doctest/doctest.h>

using namespace commonplace;

namespace {

NewFileLink For(const std::string& url, const std::string& edit_url = "",
                const std::string& branch = "main") {
  SiteConfig c;
  c.repository_url = url;
  c.repository_edit_url = edit_url;
  c.repository_branch = branch;
  return NewFileLinkFor(c);
}

}  // namespace

TEST_CASE("the new-file page of a GitHub repository") {
  NewFileLink l = For("https://github.com/example/commonplace");
  CHECK(l.host == "GitHub");
  CHECK(l.base == "https://github.com/example/commonplace/new/main");
  // A trailing slash or .git, and another branch.
  CHECK(For("https://github.com/o/r.git/", "", "trunk").base == "https://github.com/o/r/new/trunk");
}

TEST_CASE("the new-file page of a GitLab repository") {
  CHECK(For("https://gitlab.com/org/repo").base == "https://gitlab.com/org/repo/-/new/main");
  CHECK(For("https://gitlab.com/org/repo").host == "GitLab");
  CHECK(For("https://gitlab.example.ac.uk/g/r").host == "GitLab");
  // A self-hosted GitLab known only by its edit_url pattern.
  NewFileLink l = For("https://code.example.org/g/r", "https://code.example.org/g/r/-/edit/main/{path}");
  CHECK(l.host == "GitLab");
  CHECK(l.base == "https://code.example.org/g/r/-/new/main");
}

TEST_CASE("no new-file page without a repository on a known host") {
  CHECK(For("").host.empty());
  CHECK(For("https://codeberg.org/o/r").host.empty());
  CHECK(For("https://notgithub.com/o/r").host.empty());
  CHECK(For("https://github.com/o/r", "", "").host.empty());
}
