#include "cite/cite.h"

#include <array>
#include <cctype>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "i18n/messages.h"

namespace commonplace::cite {
namespace {

constexpr std::array<const char*, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<const char*, 12> kBibtexMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                       "jul", "aug", "sep", "oct", "nov", "dec"};

struct Date {
  int year = 0, month = 0, day = 0;  ///< 0: not known.
};

Date ParseDate(std::string_view s) {
  Date d;
  auto number = [&](size_t at, size_t len) {
    if (s.size() < at + len) return 0;
    int n = 0;
    for (size_t i = at; i < at + len; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return 0;
      n = n * 10 + (s[i] - '0');
    }
    return n;
  };
  d.year = number(0, 4);
  if (d.year && s.size() >= 10 && s[4] == '-' && s[7] == '-') {
    d.month = number(5, 2);
    d.day = number(8, 2);
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) d.month = d.day = 0;
  }
  return d;
}

std::string Pad2(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// One line of a value: formats that are line-based cannot hold a newline.
std::string OneLine(std::string_view s) { return CollapseWhitespace(s); }

std::string Written(const Name& n) {
  if (!n.literal.empty()) return n.literal;
  return n.given.empty() ? n.family : n.family + ", " + n.given;
}

// "A", "A, & B", "A, B, & C" (APA 7 lists up to 20 authors).
std::string ApaAuthors(const std::vector<Name>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? ", & " : ", ";
    out += Written(names[i]);
  }
  return out;
}

// "A", "A and B", "A, B and C", and "A et al." from four authors on.
std::string HarvardAuthors(const std::vector<Name>& names) {
  if (names.size() >= 4) return Written(names[0]) + " et al.";
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += Written(names[i]);
  }
  return out;
}

// Ends a sentence unless it already ends with . ? or !.
std::string Stop(const std::string& s) {
  if (!s.empty() && (s.back() == '.' || s.back() == '?' || s.back() == '!')) return s;
  return s + ".";
}

// A title in italics, closed with a full stop unless it ends with its own.
std::string ItalicTitle(const std::string& title, const std::string& lang) {
  std::string t = OneLine(title);
  bool own_stop = !t.empty() && (t.back() == '?' || t.back() == '!' || t.back() == '.');
  std::string open = lang.empty() ? "<i>" : "<i lang=\"" + HtmlEscape(lang) + "\">";
  return open + HtmlEscape(t) + "</i>" + (own_stop ? "" : ".");
}

bool SoleAuthorIs(const Record& r, const std::string& name) {
  return r.authors.size() == 1 && Written(r.authors[0]) == name;
}

// Escapes the characters BibTeX or LaTeX read as commands.
std::string BibtexEscape(std::string_view s) {
  std::string out;
  for (char c : OneLine(s)) {
    switch (c) {
      case '\\': out += "\\textbackslash{}"; break;
      case '{': out += "\\{"; break;
      case '}': out += "\\}"; break;
      case '&': out += "\\&"; break;
      case '%': out += "\\%"; break;
      case '$': out += "\\$"; break;
      case '#': out += "\\#"; break;
      case '_': out += "\\_"; break;
      case '~': out += "\\textasciitilde{}"; break;
      case '^': out += "\\textasciicircum{}"; break;
      default: out += c;
    }
  }
  return out;
}

std::string BibtexName(const Name& n) {
  // Braces keep an organisation's name whole: BibTeX would otherwise read
  // "Commonplace contributors" as a first and a last name.
  if (!n.literal.empty()) return "{" + BibtexEscape(n.literal) + "}";
  return BibtexEscape(Written(n));
}

std::string KeyFrom(std::string_view s) {
  std::string key;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) key += static_cast<char>(std::tolower(u));
    else if (!key.empty() && key.back() != '-') key += '-';
  }
  while (!key.empty() && key.back() == '-') key.pop_back();
  return key.empty() ? "item" : key;
}

}  // namespace

Name ParseName(std::string_view written) {
  std::string w = OneLine(written);
  Name n;
  size_t comma = w.find(',');
  if (comma == std::string::npos) {
    n.literal = w;
    return n;
  }
  n.family = Trim(std::string_view(w).substr(0, comma));
  n.given = Trim(std::string_view(w).substr(comma + 1));
  return n;
}

Record ForPage(const SiteConfig& c, std::string_view slug, std::string_view title,
               std::string_view date, std::string_view url) {
  Record r;
  r.kind = Kind::kWebPage;
  r.key = KeyFrom(c.title) + "-" + KeyFrom(slug);
  r.title = std::string(title);
  std::string author = !c.author.empty()              ? c.author
                       : !c.organisation_name.empty() ? c.organisation_name
                                                      : c.title;
  r.authors.push_back(ParseName(author));
  r.container = c.title;
  r.publisher = c.organisation_name;
  r.date = std::string(date);
  r.url = std::string(url);
  return r;
}

Record ForSource(const Source& s, std::string_view page_url) {
  Record r;
  r.kind = Kind::kReport;
  r.key = KeyFrom(s.id);
  r.title = s.title;
  for (const auto& a : s.authors) r.authors.push_back(ParseName(a));
  r.publisher = s.publisher;
  Date d = ParseDate(s.year);
  if (d.year && s.year.size() == 4) r.date = s.year;
  r.url = IsWebAddress(s.url) ? s.url : std::string(page_url);
  return r;
}

std::string Apa(const Record& r, const Words& w) {
  Date d = ParseDate(r.date);
  std::string month;
  if (d.month) month = w.months.size() == 12 ? w.months[d.month - 1] : kMonths[d.month - 1];
  std::string date = !d.year    ? w.no_date
                     : d.month ? FillPlaceholders(w.apa_date, {{"yyyy", std::to_string(d.year)},
                                                   {"month", month},
                                                   {"d", std::to_string(d.day)}})
                               : std::to_string(d.year);
  std::string out = HtmlEscape(ApaAuthors(r.authors)) + " (" + HtmlEscape(date) + "). " +
                    ItalicTitle(r.title, r.title_lang);
  // The site or publisher is left out when it is also the author (APA 7).
  const std::string& where = r.kind == Kind::kWebPage ? r.container : r.publisher;
  if (!where.empty() && !SoleAuthorIs(r, where)) out += " " + HtmlEscape(Stop(OneLine(where)));
  if (!r.url.empty()) out += " " + HtmlEscape(r.url);
  return out;
}

std::string Harvard(const Record& r, const Words& w) {
  Date d = ParseDate(r.date);
  std::string out = HtmlEscape(HarvardAuthors(r.authors)) + " (" +
                    HtmlEscape(d.year ? std::to_string(d.year) : w.no_date_harvard) + ") " +
                    ItalicTitle(r.title, r.title_lang);
  if (r.kind == Kind::kReport && !r.publisher.empty() && !SoleAuthorIs(r, r.publisher)) {
    out += " " + HtmlEscape(Stop(OneLine(r.publisher)));
  }
  if (!r.url.empty()) {
    out += " " + HtmlEscape(w.available_at) + " " + HtmlEscape(r.url) + ".";
  } else if (r.kind == Kind::kWebPage && !r.container.empty() && !SoleAuthorIs(r, r.container)) {
    out += " " + HtmlEscape(Stop(OneLine(r.container)));
  }
  return out;
}

std::string Ris(const Record& r) {
  std::string out;
  auto tag = [&](const char* name, const std::string& value) {
    if (!value.empty()) out += std::string(name) + "  - " + OneLine(value) + "\r\n";
  };
  tag("TY", r.kind == Kind::kReport ? "RPRT" : "ELEC");
  tag("ID", r.key);
  tag("TI", r.title);
  for (const auto& a : r.authors) tag("AU", Written(a));
  Date d = ParseDate(r.date);
  if (d.year) tag("PY", std::to_string(d.year));
  if (d.month) tag("DA", std::to_string(d.year) + "/" + Pad2(d.month) + "/" + Pad2(d.day) + "/");
  if (r.kind == Kind::kWebPage) tag("T2", r.container);
  tag("PB", r.publisher);
  tag("UR", r.url);
  out += "ER  - \r\n";
  return out;
}

std::string Bibtex(const Record& r) {
  std::string out = std::string(r.kind == Kind::kReport ? "@techreport{" : "@misc{") + r.key + ",\n";
  auto field = [&](const char* name, const std::string& value) {
    if (!value.empty()) out += "  " + std::string(name) + " = {" + value + "},\n";
  };
  std::vector<std::string> names;
  for (const auto& a : r.authors) names.push_back(BibtexName(a));
  field("author", Join(names, " and "));
  // Double braces keep the title's capitals as written.
  field("title", "{" + BibtexEscape(r.title) + "}");
  if (r.kind == Kind::kReport) {
    field("institution", BibtexEscape(r.publisher));
  } else {
    field("howpublished", BibtexEscape(r.container));
    field("publisher", BibtexEscape(r.publisher));
  }
  Date d = ParseDate(r.date);
  if (d.year) field("year", std::to_string(d.year));
  if (d.month) out += "  month = " + std::string(kBibtexMonths[d.month - 1]) + ",\n";
  // A URL is written as it is (the url package reads %, # and _ literally);
  // only braces, which would unbalance the entry, are percent-encoded.
  std::string url;
  for (char c : r.url) url += c == '{' ? "%7B" : c == '}' ? "%7D" : std::string(1, c);
  field("url", url);
  out += "}\n";
  return out;
}

std::string CslJson(const Record& r) {
  nlohmann::ordered_json item;
  item["id"] = r.key;
  item["type"] = r.kind == Kind::kReport ? "report" : "webpage";
  item["title"] = OneLine(r.title);
  nlohmann::ordered_json authors = nlohmann::ordered_json::array();
  for (const auto& a : r.authors) {
    nlohmann::ordered_json n;
    if (!a.literal.empty()) {
      n["literal"] = a.literal;
    } else {
      n["family"] = a.family;
      if (!a.given.empty()) n["given"] = a.given;
    }
    authors.push_back(n);
  }
  item["author"] = authors;
  if (r.kind == Kind::kWebPage && !r.container.empty()) item["container-title"] = r.container;
  if (!r.publisher.empty()) item["publisher"] = r.publisher;
  Date d = ParseDate(r.date);
  if (d.year) {
    nlohmann::ordered_json parts = nlohmann::ordered_json::array({d.year});
    if (d.month) {
      parts.push_back(d.month);
      parts.push_back(d.day);
    }
    item["issued"]["date-parts"] = nlohmann::ordered_json::array({parts});
  }
  if (!r.url.empty()) item["URL"] = r.url;
  // One line: the file is read by tools, and travels percent-encoded in a
  // data: URL where every indenting space would cost three bytes.
  return nlohmann::ordered_json::array({item}).dump() + "\n";
}

std::vector<std::pair<std::string, std::string>> HighwireTags(const Record& r) {
  std::vector<std::pair<std::string, std::string>> tags;
  tags.emplace_back("citation_title", OneLine(r.title));
  for (const auto& a : r.authors) tags.emplace_back("citation_author", Written(a));
  Date d = ParseDate(r.date);
  if (d.year) {
    tags.emplace_back("citation_publication_date",
                      d.month ? std::to_string(d.year) + "/" + Pad2(d.month) + "/" + Pad2(d.day)
                              : std::to_string(d.year));
  }
  if (r.kind == Kind::kReport && !r.publisher.empty()) {
    tags.emplace_back("citation_technical_report_institution", r.publisher);
  }
  if (!r.publisher.empty()) tags.emplace_back("citation_publisher", r.publisher);
  if (!r.url.empty()) tags.emplace_back("citation_public_url", r.url);
  return tags;
}

std::string DataUrl(std::string_view mime, std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "data:" + std::string(mime) + ";charset=utf-8,";
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || std::string_view("-._~,:/@!*+=;()").find(c) != std::string_view::npos) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

}  // namespace commonplace::cite
