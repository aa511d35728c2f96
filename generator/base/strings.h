// Small string utilities shared by every module.
#ifndef COMMONPLACE_BASE_STRINGS_H_
#define COMMONPLACE_BASE_STRINGS_H_

#include <string>
#include <string_view>
#include <vector>

namespace commonplace {

/// True for `[a-z0-9]+(-[a-z0-9]+)*` of at most 80 characters, other than a
/// reserved device name: the form of every slug and id, which also keeps
/// them from escaping the output tree.
bool IsValidSlug(std::string_view s);

/// True for the names Windows reserves for devices (`con`, `prn`, `aux`,
/// `nul`, `com1`–`com9`, `lpt1`–`lpt9`, in any case): a file or folder of
/// that name cannot be created or read there, so a site that uses one as a
/// slug cannot be checked out, built or served from Windows.
bool IsReservedDeviceName(std::string_view s);

/// Escapes `& < > " '` for HTML text and attribute values.
std::string HtmlEscape(std::string_view s);

/// Escapes for an XML 1.0 text node or attribute value: `& < > " '` become
/// entities, and every character XML 1.0 cannot hold at all (C0 controls
/// other than tab, line feed and carriage return, U+FFFE, U+FFFF, and bytes
/// that are not UTF-8) becomes U+FFFD, so the document stays well-formed
/// whatever the text holds. DEL and C1 controls (which XML 1.0 allows but
/// readers choke on) are replaced too.
std::string XmlEscape(std::string_view s);

/// Where the first character is that no text of the site may hold: a C0
/// control other than tab, line feed and carriage return, DEL, a C1 control
/// (U+0080–U+009F), U+FFFE or U+FFFF, or a byte that is not UTF-8 (which
/// includes an encoded surrogate). Returns std::string_view::npos when there
/// is none; otherwise `cp` (when given) receives the code point, or
/// kNotUtf8 for a byte that is not UTF-8.
constexpr char32_t kNotUtf8 = 0x110000;
size_t FindForbiddenChar(std::string_view s, char32_t* cp = nullptr, size_t* length = nullptr);

/// "U+0001" for a code point (kNotUtf8: "a byte that is not UTF-8"), for messages.
std::string DescribeCodePoint(char32_t cp);

/// Levenshtein distance, for "did you mean" suggestions.
int EditDistance(std::string_view a, std::string_view b);

/// The candidate nearest to `word`, or "" when none is close enough to help.
std::string NearestMatch(std::string_view word, const std::vector<std::string>& candidates);

/// Appends code point `cp` to `out` as UTF-8.
void AppendUtf8(char32_t cp, std::string* out);

/// True when `s` is well-formed UTF-8. `bad_offset` receives the first bad byte.
bool IsValidUtf8(std::string_view s, size_t* bad_offset = nullptr);

std::string Trim(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);
std::vector<std::string> Split(std::string_view s, char sep);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
/// `s` ended as a sentence: a full stop added unless it already ends with
/// one (an initial, "Rossi, F.") or with ? or !. Empty stays empty.
std::string EndSentence(std::string_view s);

/// One plain email address (local@domain.tld): no spaces, quotes, angle
/// brackets, commas or second @, so it is safe after "mailto:".
bool IsEmailAddress(std::string_view s);

/// A URL is safe to put in an href when it is relative, or http(s)/mailto.
/// `javascript:`, `data:`, `vbscript:` and any other scheme are refused.
bool IsSafeUrl(std::string_view url);

/// An absolute http(s) address with a host (`https://example.org/…`): what
/// base_url, a resource and the repository must be. Safe by IsSafeUrl, and
/// with the scheme fixed, nothing appended to it (an edit path) can change it.
bool IsWebAddress(std::string_view url);

/// A URL is local when it names a file of this site: a relative or
/// root-relative path, query or fragment, with no scheme (`https:`, `data:`,
/// …) and no host (`//host/…`, which browsers also read from `\\host` and
/// `/\host`). Only local URLs may be image or media sources, so a page never
/// makes the reader's browser contact another host.
bool IsLocalUrl(std::string_view url);

/// Collapses runs of whitespace to one space and trims.
std::string CollapseWhitespace(std::string_view s);

/// Truncates at a word boundary to at most `max_chars` bytes, adding "…".
std::string TruncateWords(std::string_view s, size_t max_chars);

}  // namespace commonplace

#endif  // COMMONPLACE_BASE_STRINGS_H_
