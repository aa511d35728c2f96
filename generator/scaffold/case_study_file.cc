#include "scaffold/case_study_file.h"

#include <cctype>
#include <charconv>

#include "base/strings.h"

namespace commonplace {

namespace {

// A YAML scalar for `s`: plain when that reads back as the same string,
// else double-quoted.
std::string Scalar(const std::string& s) {
  static const char* kWords[] = {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"};
  bool plain = !s.empty() && s == Trim(s);
  if (plain) {
    unsigned char first = static_cast<unsigned char>(s[0]);
    plain = std::isalpha(first) || first >= 0x80;
    std::string lower = s;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* w : kWords) plain = plain && lower != w;
    for (size_t i = 0; plain && i < s.size(); ++i) {
      char c = s[i];
      if (c == '\n' || c == '"' || c == '\\' || c == '\t' || c == '{' || c == '}' || c == '[' ||
          c == ']' || c == ',' || c == '&' || c == '*' || c == '!' || c == '|' || c == '>' ||
          c == '%' || c == '@' || c == '`') {
        plain = false;
      }
      if (c == ':' && (i + 1 == s.size() || s[i + 1] == ' ')) plain = false;
      if (c == '#' && i > 0 && s[i - 1] == ' ') plain = false;
    }
  }
  if (plain) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') { out += "\\n"; continue; }
    if (c == '\t') { out += "\\t"; continue; }
    out += c;
  }
  return out + "\"";
}

std::string IdList(const std::vector<std::string>& ids) { return "[" + Join(ids, ", ") + "]"; }

std::string Number(double v) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

}  // namespace

std::string CaseStudyFile(const CaseStudy& cs, const std::vector<std::string>& comments) {
  std::string y = "---\n";
  for (const auto& c : comments) {
    for (const auto& line : Split(c, '\n')) y += "# " + line + "\n";
  }
  auto field = [&](const char* key, const std::string& value) {
    if (!value.empty()) y += std::string(key) + ": " + Scalar(value) + "\n";
  };
  auto list = [&](const char* key, const std::vector<std::string>& ids) {
    if (!ids.empty()) y += std::string(key) + ": " + IdList(ids) + "\n";
  };
  auto item = [&](bool& first, const char* key, const std::string& value) {
    if (value.empty()) return;
    y += std::string(first ? "  - " : "    ") + key + ": " + Scalar(value) + "\n";
    first = false;
  };
  field("title", cs.title);
  field("summary", cs.summary);
  field("partnership_type", cs.partnership_type);
  field("status", cs.status);
  if (cs.year_start || cs.year_end) {
    std::vector<std::string> parts;
    if (cs.year_start) parts.push_back("start: " + std::to_string(*cs.year_start));
    if (cs.year_end) parts.push_back("end: " + std::to_string(*cs.year_end));
    y += "years: {" + Join(parts, ", ") + "}\n";
  }
  if (!cs.places.empty()) y += "places:\n";
  for (const auto& p : cs.places) {
    bool first = true;
    item(first, "name", p.name);
    item(first, "region", p.region);
  }
  if (!cs.partners.empty()) y += "partners:\n";
  for (const auto& p : cs.partners) {
    bool first = true;
    item(first, "name", p.name);
    item(first, "kind", p.kind);
    item(first, "ci_category", p.ci_category);
    item(first, "role", p.role);
  }
  list("activities", cs.activities);
  if (!cs.funding.empty()) y += "funding:\n";
  for (const auto& f : cs.funding) {
    bool first = true;
    item(first, "funder", f.funder);
    item(first, "programme", f.programme);
    if (f.amount_gbp) {
      y += std::string(first ? "  - " : "    ") + "amount_gbp: " + Number(*f.amount_gbp) + "\n";
      first = false;
    }
    item(first, "note", f.note);
  }
  field("formality", cs.formality);
  field("partnership_model", cs.partnership_model);
  list("emergence", cs.emergence);
  list("drivers", cs.drivers);
  list("barriers", cs.barriers);
  list("enablers", cs.enablers);
  list("strategies", cs.strategies);
  list("learning", cs.learning);
  if (!cs.impacts.empty()) y += "impacts:\n";
  for (const auto& im : cs.impacts) {
    bool first = true;
    item(first, "area", im.area);
    item(first, "level", im.level);
    item(first, "note", im.note);
  }
  list("principles", cs.principles);
  if (!cs.figures.empty()) y += "figures:\n";
  for (const auto& f : cs.figures) {
    bool first = true;
    item(first, "label", f.label);
    if (!f.value.empty()) {
      y += std::string(first ? "  - " : "    ") + "value: " + f.value + "\n";  // digits, as written
      first = false;
    }
    item(first, "unit", f.unit);
    item(first, "printed", f.printed);
    item(first, "source", f.source);
    item(first, "locator", f.locator);
  }
  if (!cs.sources.empty()) y += "sources:\n";
  for (const auto& s : cs.sources) {
    bool first = true;
    item(first, "source", s.source);
    item(first, "locator", s.locator);
  }
  y += std::string("anonymised: ") + (cs.anonymised ? "true" : "false") + "\n";
  field("updated", cs.updated);
  field("editor_note", cs.editor_note);
  y += "---\n";
  return y + cs.body_md;
}

std::string SlugForTitle(const std::string& title) {
  std::string slug;
  for (unsigned char c : title) {
    if (std::isalnum(c)) {
      slug += static_cast<char>(std::tolower(c));
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  if (slug.size() > 60) {
    size_t cut = slug.rfind('-', 60);
    slug = slug.substr(0, cut == std::string::npos || cut < 20 ? 60 : cut);
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
  }
  return slug;
}

}  // namespace commonplace
