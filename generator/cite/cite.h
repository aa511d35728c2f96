// cite/: how to cite an item of the site, in the formats readers paste into
// a paper (APA 7, Harvard) or import into a reference manager (RIS, BibTeX,
// CSL-JSON), and the Highwire Press `citation_*` meta tags that Zotero and
// Google Scholar read from a page. Every format is a pure function of one
// Record, so each can be tested by parsing it back.
#ifndef COMMONPLACE_CITE_CITE_H_
#define COMMONPLACE_CITE_CITE_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/model.h"

namespace commonplace::cite {

/// An author: a person ("Baines", "N.") or an organisation (literal only).
struct Name {
  std::string family;
  std::string given;
  std::string literal;  ///< Set for an organisation; family and given are then empty.
  bool operator==(const Name&) const = default;
};

/// "Baines, N." is a person; anything without a comma ("Commonplace
/// contributors", "NCIA") is an organisation, kept whole.
Name ParseName(std::string_view written);

enum class Kind {
  kWebPage,  ///< A page of this site.
  kReport,   ///< A published report (a source).
};

/// Everything a citation says about an item.
struct Record {
  Kind kind = Kind::kWebPage;
  std::string key;    ///< BibTeX key and CSL id: ASCII letters, digits and '-'.
  std::string title;
  std::vector<Name> authors;
  std::string container;  ///< The website's name, for a web page.
  std::string publisher;  ///< The publisher or institution, for a report.
  /// "YYYY-MM-DD", "YYYY" or "" (no date: "n.d.").
  std::string date;
  std::string url;  ///< Absolute address, or "" when none is known.
  /// The title's language when it is not the language of the words around
  /// it (an English title cited on a Welsh page): the HTML forms mark it.
  std::string title_lang;
};

/// The words a citation writes in the reader's language; English by default.
struct Words {
  std::string no_date = "n.d.";               ///< APA, with no date.
  std::string no_date_harvard = "no date";    ///< Harvard, with no date.
  std::string available_at = "Available at:"; ///< Harvard, before the address.
  /// APA's full date: {yyyy}, {month} (a name) and {d}.
  std::string apa_date = "{yyyy}, {month} {d}";
  /// January … December in the language; empty for English.
  std::vector<std::string> months;
};

/// The record of a page of the site at absolute address `url` ("" when the
/// site has no base_url), last changed on `date`: its author is site.yaml's
/// `author`, else the organisation, else the site's title.
Record ForPage(const SiteConfig& c, std::string_view slug, std::string_view title,
               std::string_view date, std::string_view url);
/// The record of a report on the sources page: its own authors, publisher,
/// year (only a four-digit year counts; "n.d. (c. 2014)" is no date) and
/// address, falling back to `page_url` when the report gives none.
Record ForSource(const Source& s, std::string_view page_url);

/// APA 7th edition, as HTML (the title in <i>), its own words from `w`.
std::string Apa(const Record& r, const Words& w = {});
/// Harvard (Cite Them Right), as HTML (the title in <i>), its own words from `w`.
std::string Harvard(const Record& r, const Words& w = {});
/// RIS, lines ending CRLF as the format specifies.
std::string Ris(const Record& r);
/// One BibTeX entry: @misc for a web page, @techreport for a report.
std::string Bibtex(const Record& r);
/// A CSL-JSON array holding the one item.
std::string CslJson(const Record& r);
/// Highwire Press meta tags, name → content, in the order they are written.
std::vector<std::pair<std::string, std::string>> HighwireTags(const Record& r);

/// A `data:` URL holding `text` as `mime` (UTF-8), percent-encoded so it is
/// a valid attribute value and URL: the downloads need no extra files.
std::string DataUrl(std::string_view mime, std::string_view text);

}  // namespace commonplace::cite

#endif  // COMMONPLACE_CITE_CITE_H_
