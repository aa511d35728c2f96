#include "base/strings.h"
#include "base/fs.h"

#include <doctest/doctest.h>

using namespace commonplace;

TEST_CASE("slugs") {
  CHECK(IsValidSlug("barton-hill"));
  CHECK(IsValidSlug("p01"));
  CHECK_FALSE(IsValidSlug(""));
  CHECK_FALSE(IsValidSlug("-a"));
  CHECK_FALSE(IsValidSlug("a-"));
  CHECK_FALSE(IsValidSlug("a--b"));
  CHECK_FALSE(IsValidSlug("A"));
  CHECK_FALSE(IsValidSlug("../etc"));
  CHECK_FALSE(IsValidSlug("a/b"));
  CHECK_FALSE(IsValidSlug(std::string(81, 'a')));
}

TEST_CASE("html escaping covers every special character") {
  CHECK(HtmlEscape("<a href=\"x\">'&'</a>") ==
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST_CASE("nearest match suggests close terms only") {
  std::vector<std::string> terms = {"active", "ended", "unknown"};
  CHECK(NearestMatch("activ", terms) == "active");
  CHECK(NearestMatch("zzzzzzzzzzzz", terms) == "");
  CHECK(EditDistance("kitten", "sitting") == 3);
}

TEST_CASE("utf-8 validation") {
  size_t off = 0;
  CHECK(IsValidUtf8("Glyndŵr café"));
  CHECK_FALSE(IsValidUtf8("ab\xff", &off));
  CHECK(off == 2);
  CHECK_FALSE(IsValidUtf8("\xc3"));           // truncated
  CHECK_FALSE(IsValidUtf8("\xc0\xaf"));       // overlong
  CHECK_FALSE(IsValidUtf8("\xed\xa0\x80"));   // surrogate
}

TEST_CASE("unsafe URL schemes are refused") {
  CHECK(IsSafeUrl("https://example.org/"));
  CHECK(IsSafeUrl("mailto:a@b.org"));
  CHECK(IsSafeUrl("../x/"));
  CHECK(IsSafeUrl("#top"));
  CHECK_FALSE(IsSafeUrl("javascript:alert(1)"));
  CHECK_FALSE(IsSafeUrl(" JaVa\tScript:alert(1)"));
  CHECK_FALSE(IsSafeUrl("data:text/html,x"));
  CHECK_FALSE(IsSafeUrl("vbscript:x"));
}

TEST_CASE("only local URLs may be image sources") {
  CHECK(IsLocalUrl("assets/logo.png"));
  CHECK(IsLocalUrl("../x.png"));
  CHECK(IsLocalUrl("/evidence/assets/x.png"));
  CHECK(IsLocalUrl("x.png?v=1#a:b"));
  CHECK_FALSE(IsLocalUrl("https://evil.example/p.png"));
  CHECK_FALSE(IsLocalUrl("HTTP://evil.example/p.png"));
  CHECK_FALSE(IsLocalUrl("//evil.example/p.png"));
  CHECK_FALSE(IsLocalUrl(" /\\evil.example/p.png"));
  CHECK_FALSE(IsLocalUrl("\\\\evil.example/p.png"));
  CHECK_FALSE(IsLocalUrl("/\t/evil.example/p.png"));
  CHECK_FALSE(IsLocalUrl("data:image/png;base64,AAAA"));
  CHECK_FALSE(IsLocalUrl("ftp://evil.example/p.png"));
}

TEST_CASE("relative paths cannot escape") {
  CHECK(IsSafeRelativePath("a/b/index.html"));
  CHECK_FALSE(IsSafeRelativePath("../a"));
  CHECK_FALSE(IsSafeRelativePath("a/../../b"));
  CHECK_FALSE(IsSafeRelativePath("/etc/passwd"));
  CHECK_FALSE(IsSafeRelativePath("a//b"));
}

TEST_CASE("truncation keeps whole words") {
  CHECK(TruncateWords("one two three four", 9) == "one two…");
  CHECK(TruncateWords("short", 10) == "short");
}
