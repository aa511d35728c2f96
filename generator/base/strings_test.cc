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

TEST_CASE("Windows device names are no slugs") {
  for (const char* name : {"con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt9", "CON", "Nul"}) {
    CHECK_MESSAGE(IsReservedDeviceName(name), name);
  }
  for (const char* name : {"con", "nul", "aux", "prn", "com3", "lpt7"}) CHECK_FALSE(IsValidSlug(name));
  for (const char* name : {"com0", "lpt0", "com10", "cons", "nul-project", "icon", "auxiliary", "co"}) {
    CHECK_MESSAGE(!IsReservedDeviceName(name), name);
  }
  CHECK(IsValidSlug("con-project"));
  CHECK(IsValidSlug("com10"));
}

TEST_CASE("XML escaping keeps any text well-formed") {
  CHECK(XmlEscape("<a href=\"x\">'&'</a>") ==
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  // Characters XML 1.0 cannot hold become U+FFFD; tab, LF, CR and ordinary
  // non-ASCII text pass through.
  CHECK(XmlEscape(std::string("T\x01") + "x") == "T\xEF\xBF\xBDx");
  CHECK(XmlEscape(std::string("a\0b", 3)) == "a\xEF\xBF\xBD" "b");
  CHECK(XmlEscape("a\tb\nc\rd") == "a\tb\nc\rd");
  CHECK(XmlEscape("\x7f") == "\xEF\xBF\xBD");
  CHECK(XmlEscape("\xC2\x85") == "\xEF\xBF\xBD");          // C1 NEL
  CHECK(XmlEscape("\xEF\xBF\xBE\xEF\xBF\xBF") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // U+FFFE, U+FFFF
  CHECK(XmlEscape("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  CHECK(XmlEscape("\xff") == "\xEF\xBF\xBD");
  CHECK(XmlEscape("caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80") == "caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80");
  CHECK(XmlEscape("\xC3") == "\xEF\xBF\xBD");  // cut short at the end
}

TEST_CASE("forbidden characters are found with their code point") {
  char32_t cp = 0;
  size_t len = 0;
  CHECK(FindForbiddenChar("plain caf\xC3\xA9\ttext\n") == std::string_view::npos);
  CHECK(FindForbiddenChar("T\x01", &cp, &len) == 1);
  CHECK(cp == 1);
  CHECK(len == 1);
  CHECK(FindForbiddenChar("ab\x7f", &cp) == 2);
  CHECK(cp == 0x7F);
  CHECK(FindForbiddenChar("\xC3\xA9\xC2\x9B", &cp, &len) == 2);
  CHECK(cp == 0x9B);
  CHECK(len == 2);
  CHECK(FindForbiddenChar("x\xEF\xBF\xBF", &cp) == 1);
  CHECK(cp == 0xFFFF);
  CHECK(FindForbiddenChar("x\xED\xB0\x80", &cp) == 1);
  CHECK(cp == kNotUtf8);
  CHECK(DescribeCodePoint(1) == "U+0001");
  CHECK(DescribeCodePoint(0xFFFE) == "U+FFFE");
  CHECK(DescribeCodePoint(kNotUtf8) == "a byte that is not UTF-8");
}

TEST_CASE("a sentence ends with one full stop") {
  CHECK(EndSentence("Baines, N.; Rossi, F.") == "Baines, N.; Rossi, F.");
  CHECK(EndSentence("Church, A.; Hart, A") == "Church, A.; Hart, A.");
  CHECK(EndSentence("What works?") == "What works?");
  CHECK(EndSentence("  ") == "");
}

TEST_CASE("email addresses for contact are one plain address") {
  CHECK(IsEmailAddress("evidence@uni.ac.uk"));
  CHECK(IsEmailAddress("a.b+c@x.org"));
  CHECK_FALSE(IsEmailAddress("mailto:a@x.org"));
  CHECK_FALSE(IsEmailAddress("Ann <a@x.org>"));
  CHECK_FALSE(IsEmailAddress("a@x"));
  CHECK_FALSE(IsEmailAddress("a@b@x.org"));
  CHECK_FALSE(IsEmailAddress("a@x.org?subject=hi"));
  CHECK_FALSE(IsEmailAddress("@x.org"));
  CHECK_FALSE(IsEmailAddress("a b@x.org"));
}

#include "base/json_string.h"

TEST_CASE("JsonString: valid JSON that cannot close a script element") {
  using commonplace::JsonString;
  CHECK(JsonString("a\"b\\c\n\r\t") == "\"a\\\"b\\\\c\\n\\r\\t\"");
  CHECK(JsonString("</script><!--&") == "\"\\u003c/script\\u003e\\u003c!--\\u0026\"");
  CHECK(JsonString(std::string("\x01", 1)) == "\"\\u0001\"");
  CHECK(JsonString("Cymraeg ŵ") == "\"Cymraeg ŵ\"");
}
