#include "docx/case_study_form.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>

#include "base/strings.h"

namespace commonplace {

namespace {

// Each checklist section of the form and the vocabulary its items name.
struct TermSection {
  const char* section;
  const char* vocab;
};
constexpr TermSection kSingleChoice[] = {{"partnership-type", "partnership-types"},
                                         {"formality", "formality"},
                                         {"partnership-model", "partnership-models"}};
constexpr TermSection kManyChoice[] = {{"activities", "activities"}, {"emergence", "emergence"},
                                       {"drivers", "drivers"},       {"barriers", "barriers"},
                                       {"enablers", "enablers"},     {"strategies", "strategies"},
                                       {"learning", "learning-types"}};

// A label as matched: lower case, bracketed notes dropped, dashes and
// spaces made alike ("Service users and the wider community (…)" and
// "service users and the wider community" match).
std::string Key(std::string_view s) {
  std::string out;
  int depth = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '(') { ++depth; continue; }
    if (c == ')') { depth = std::max(0, depth - 1); continue; }
    if (depth) continue;
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0x93 || static_cast<unsigned char>(s[i + 2]) == 0x94)) {
      out += '-';  // en and em dashes
      i += 2;
      continue;
    }
    if (std::isspace(c) || c == 0xA0) {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    out += static_cast<char>(std::tolower(c));
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Whitespace collapsed, trimmed.
std::string Clean(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return Trim(out);
}

const Term* TermByText(const Vocabulary* v, const std::string& text) {
  if (!v) return nullptr;
  std::string key = Key(text);
  for (const auto& t : v->terms) {
    if (Key(t.label) == key || t.id == key) return &t;
  }
  return nullptr;
}

// The form's item for a term: the one whose label is the term's label.
std::string ItemFor(const WorksheetSection* s, const Vocabulary* v, const std::string& term) {
  if (!s || !v) return "";
  const Term* t = v->Find(term);
  if (!t) return "";
  for (const auto& item : s->items) {
    if (Key(item) == Key(t->label)) return item;
  }
  return "";
}

const WorksheetSection* SectionOf(const Worksheet& form, const std::string& id) {
  for (const auto& s : form.sections) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

std::string Number(double v) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

// Each status and the message that words it on the form.
const char* kStatusText[][2] = {{"active", "casestudy_status.active"},
                                {"ended", "casestudy_status.ended"},
                                {"unknown", "casestudy_status.not_known"}};

}  // namespace

FormAnswers CaseStudyAnswers(const Library& lib, const Worksheet& form, const Messages& words,
                             const CaseStudy& cs) {
  FormAnswers a;
  auto tick = [&](const char* section, const char* vocab, const std::string& term,
                  const std::string& after = "") {
    std::string item = ItemFor(SectionOf(form, section), lib.FindVocabulary(vocab), term);
    if (item.empty()) return;
    auto& ticked = a.sections[section].ticked;
    for (auto& [label, text] : ticked) {
      if (label == item) {  // a second partner of the same cultural-institution kind
        text += "; " + after;
        return;
      }
    }
    ticked.push_back({item, after});
  };
  const WorksheetSection* basics = SectionOf(form, "basics");
  if (basics && basics->rows.size() >= 5) {
    std::string status = cs.status;
    for (const auto& s : kStatusText) {
      if (cs.status == s[0]) status = words.Get(s[1]);
    }
    std::string years;
    if (cs.year_start) years = std::to_string(*cs.year_start);
    if (cs.year_end) years += "\u2013" + std::to_string(*cs.year_end);
    std::vector<std::string> places;
    const Vocabulary* regions = lib.FindVocabulary("regions");
    for (const auto& p : cs.places) {
      const Term* r = regions ? regions->Find(p.region) : nullptr;
      places.push_back(p.name + (r ? " (" + r->label + ")" : ""));
      if (r) tick("regions", "regions", p.region);
    }
    std::vector<std::string> values = {cs.title, cs.summary, status, years, Join(places, "; ")};
    for (size_t i = 0; i < values.size(); ++i) {
      if (!values[i].empty()) a.sections["basics"].rows.push_back({basics->rows[i], values[i]});
    }
  }
  tick("partnership-type", "partnership-types", cs.partnership_type);
  tick("formality", "formality", cs.formality);
  tick("partnership-model", "partnership-models", cs.partnership_model);
  const Vocabulary* kinds = lib.FindVocabulary("partner-kinds");
  for (const auto& p : cs.partners) {
    const Term* k = kinds ? kinds->Find(p.kind) : nullptr;
    a.sections["partners"].rows.push_back({p.name, k ? k->label : p.kind, p.role});
    if (!p.ci_category.empty()) tick("cultural-institutions", "ci-categories", p.ci_category, p.name);
  }
  const std::vector<std::string>* lists[] = {&cs.activities, &cs.emergence, &cs.drivers, &cs.barriers,
                                             &cs.enablers,   &cs.strategies, &cs.learning};
  for (size_t i = 0; i < std::size(kManyChoice); ++i) {
    for (const auto& term : *lists[i]) tick(kManyChoice[i].section, kManyChoice[i].vocab, term);
  }
  for (const auto& f : cs.funding) {
    a.sections["funding"].rows.push_back(
        {f.funder, f.programme, f.amount_gbp ? Number(*f.amount_gbp) : "", f.note});
  }
  if (!cs.body_md.empty()) {
    // One paragraph of the form per Markdown block; the lines of a block
    // (a list, a wrapped paragraph) stay lines.
    std::string block;
    for (const auto& line : Split(cs.body_md, '\n')) {
      if (Trim(line).empty()) {
        if (!block.empty()) a.sections["story"].paragraphs.push_back(block);
        block.clear();
      } else {
        block += (block.empty() ? "" : "\n") + line;
      }
    }
    if (!block.empty()) a.sections["story"].paragraphs.push_back(block);
  }
  const Vocabulary* areas = lib.FindVocabulary("impact-areas");
  const Vocabulary* levels = lib.FindVocabulary("impact-levels");
  for (const auto& im : cs.impacts) {
    const Term* area = areas ? areas->Find(im.area) : nullptr;
    const Term* level = levels ? levels->Find(im.level) : nullptr;
    a.sections["impacts"].rows.push_back(
        {area ? area->label : im.area, level ? level->label : im.level, im.note});
  }
  for (const auto& id : cs.principles) {
    const Principle* p = lib.FindPrinciple(id);
    a.sections["principles"].rows.push_back({p ? p->title : id, ""});
  }
  for (const auto& f : cs.figures) {
    std::string value = f.value;
    if (!f.printed.empty()) value += " (printed as \"" + f.printed + "\")";
    a.sections["figures"].rows.push_back({f.label, value, f.unit, f.locator});
  }
  for (const auto& s : cs.sources) {
    const Source* src = lib.FindSource(s.source);
    a.sections["sources"].rows.push_back({src ? src->title : s.source, s.locator});
  }
  const WorksheetSection* anonymity = SectionOf(form, "anonymity");
  if (anonymity && anonymity->items.size() >= 2) {
    a.sections["anonymity"].ticked.push_back({anonymity->items[cs.anonymised ? 1 : 0], ""});
  }
  const WorksheetSection* contact = SectionOf(form, "contact");
  if (contact && contact->rows.size() >= 4 && !cs.updated.empty()) {
    a.sections["contact"].rows.push_back({contact->rows[3], cs.updated});
  }
  return a;
}

namespace {

// Builds a case study from the answers, collecting what does not fit.
class Importer {
 public:
  Importer(const Library& lib, const Worksheet& form, const FormLanguages& languages,
           const FormAnswers& answers)
      : lib_(lib), form_(form), languages_(languages), answers_(answers) {}

  ImportedCaseStudy Run() {
    Basics();
    Choices();
    Partners();
    Fundings();
    Story();
    Impacts();
    Principles();
    Figures();
    Sources();
    Anonymity();
    Contact();
    for (const auto& [id, section] : answers_.sections) {
      const WorksheetSection* s = SectionOf(form_, id);
      for (const auto& stray : section.stray) {
        out_.unplaced.push_back(Where(id) + ": " + stray);
      }
      (void)s;
    }
    return std::move(out_);
  }

 private:
  const FormAnswers::Section& Answer(const std::string& id) const {
    static const FormAnswers::Section kNone;
    auto it = answers_.sections.find(id);
    return it == answers_.sections.end() ? kNone : it->second;
  }

  std::string Where(const std::string& id, size_t row = 0) const {
    const WorksheetSection* s = SectionOf(form_, id);
    std::string where = "section \"" + (s ? s->heading : id) + "\"";
    if (row) where += ", row " + std::to_string(row);
    return where;
  }

  void Problem(const std::string& where, const std::string& message, const std::string& keep = "") {
    out_.problems.push_back({where, message});
    if (!keep.empty()) out_.unplaced.push_back(where + ": " + keep);
  }

  // A vocabulary term from what someone wrote; a problem (with the nearest
  // label) when it is none.
  std::string TermOf(const char* vocab, const std::string& text, const std::string& where,
                     const std::string& what) {
    const Vocabulary* v = lib_.FindVocabulary(vocab);
    if (Clean(text).empty()) return "";
    if (const Term* t = TermByText(v, text)) return t->id;
    std::vector<std::string> candidates;
    std::map<std::string, std::string> label_of;
    if (v) {
      for (const auto& t : v->terms) {
        candidates.push_back(t.id);
        candidates.push_back(Key(t.label));
        label_of[t.id] = t.id;
        label_of[Key(t.label)] = t.id;
      }
    }
    std::string near = NearestMatch(Key(text), candidates);
    std::string hint = near.empty() ? "" : " (did you mean \"" + label_of[near] + "\"?)";
    Problem(where, "unknown " + what + " \"" + Clean(text) + "\"" + hint, what + ": " + Clean(text));
    return "";
  }

  // The labelled row `index` of a table with row labels, or "".
  std::string LabelledRow(const std::string& id, size_t index) const {
    const WorksheetSection* s = SectionOf(form_, id);
    if (!s || index >= s->rows.size()) return "";
    for (const auto& row : Answer(id).rows) {
      if (row.size() >= 2 && Key(row[0]) == Key(s->rows[index])) return Trim(row[1]);
    }
    return "";
  }

  void Basics() {
    CaseStudy& cs = out_.cs;
    cs.title = Clean(LabelledRow("basics", 0));
    cs.summary = Clean(LabelledRow("basics", 1));
    std::string status = Key(LabelledRow("basics", 2));
    // The form's own words for a status in any language the theme ships
    // first ("not known" before the others, as a person may add "ended?"),
    // then the English a person may write instead.
    std::string named;
    for (const auto& st : {kStatusText[2], kStatusText[0], kStatusText[1]}) {
      for (const Messages* m : languages_) {
        std::string word = Key(m->Raw(st[1]));
        if (named.empty() && !word.empty() && status.find(word) != std::string::npos) named = st[0];
      }
    }
    if (!named.empty()) {
      cs.status = named;
    } else if (status.find("not known") != std::string::npos || status.find("unknown") != std::string::npos ||
               status.find("don't know") != std::string::npos) {
      cs.status = "unknown";
    } else if (status.find("active") != std::string::npos) {
      cs.status = "active";
    } else if (status.find("end") != std::string::npos) {
      cs.status = "ended";
    } else if (!status.empty()) {
      Problem(Where("basics", 3), "the status \"" + status + "\" is none of active, ended or not known",
              "status: " + status);
    }
    std::string years = LabelledRow("basics", 3);
    std::vector<int> found;
    for (size_t i = 0; i < years.size();) {
      if (std::isdigit(static_cast<unsigned char>(years[i]))) {
        size_t j = i;
        while (j < years.size() && std::isdigit(static_cast<unsigned char>(years[j]))) ++j;
        if (j - i == 4) found.push_back(std::stoi(years.substr(i, 4)));
        i = j;
      } else {
        ++i;
      }
    }
    std::string lowered = Key(years);
    bool only_end = !found.empty() && (StartsWith(Trim(years), "\u2013") || StartsWith(Trim(years), "-") ||
                                       StartsWith(lowered, "until") || StartsWith(lowered, "to "));
    if (found.size() == 1 && only_end) {
      cs.year_end = found[0];
    } else if (found.size() == 1) {
      cs.year_start = found[0];
    } else if (found.size() == 2) {
      cs.year_start = found[0];
      cs.year_end = found[1];
    } else if (!Clean(years).empty()) {
      Problem(Where("basics", 4), "the years \"" + Clean(years) + "\" are not a year or two years",
              "years: " + Clean(years));
    }
    // Places: "Name (Region)", separated by semicolons or lines.
    std::string places = LabelledRow("basics", 4);
    for (char& c : places) {
      if (c == '\n') c = ';';
    }
    const Vocabulary* regions = lib_.FindVocabulary("regions");
    std::vector<std::string> ticked;
    for (const auto& [label, after] : Answer("regions").ticked) {
      if (const Term* t = TermByText(regions, label)) ticked.push_back(t->id);
    }
    for (const auto& part : Split(places, ';')) {
      std::string text = Clean(part);
      if (text.empty()) continue;
      Place p{text, ""};
      size_t open = text.rfind('(');
      if (open != std::string::npos && text.back() == ')') {
        if (const Term* t = TermByText(regions, text.substr(open + 1, text.size() - open - 2))) {
          p.name = Trim(text.substr(0, open));
          p.region = t->id;
        }
      }
      cs.places.push_back(p);
    }
    // A region ticked with one place named is that place's region.
    if (cs.places.size() == 1 && cs.places[0].region.empty() && ticked.size() == 1) {
      cs.places[0].region = ticked[0];
    }
    for (const auto& region : ticked) {
      bool used = false;
      for (const auto& p : cs.places) used = used || p.region == region;
      if (!used) out_.unplaced.push_back(Where("regions") + ": ticked " + region + ", with no place in it named");
    }
  }

  void Choices() {
    CaseStudy& cs = out_.cs;
    std::string* singles[] = {&cs.partnership_type, &cs.formality, &cs.partnership_model};
    for (size_t i = 0; i < std::size(kSingleChoice); ++i) {
      const auto& ticked = Answer(kSingleChoice[i].section).ticked;
      for (size_t k = 0; k < ticked.size(); ++k) {
        std::string term = TermOf(kSingleChoice[i].vocab, ticked[k].first, Where(kSingleChoice[i].section), "answer");
        if (k == 0) {
          *singles[i] = term;
        } else {
          Problem(Where(kSingleChoice[i].section),
                  "more than one box is ticked where the form asks for one; kept \"" +
                      ticked[0].first + "\"",
                  "also ticked: " + ticked[k].first);
        }
      }
    }
    std::vector<std::string>* lists[] = {&cs.activities, &cs.emergence, &cs.drivers, &cs.barriers,
                                         &cs.enablers,   &cs.strategies, &cs.learning};
    for (size_t i = 0; i < std::size(kManyChoice); ++i) {
      for (const auto& [label, after] : Answer(kManyChoice[i].section).ticked) {
        std::string term = TermOf(kManyChoice[i].vocab, label, Where(kManyChoice[i].section), "answer");
        if (!term.empty()) lists[i]->push_back(term);
        if (!after.empty()) out_.unplaced.push_back(Where(kManyChoice[i].section) + ": " + label + ": " + after);
      }
    }
  }

  void Partners() {
    CaseStudy& cs = out_.cs;
    const auto& rows = Answer("partners").rows;
    for (size_t r = 0; r < rows.size(); ++r) {
      const auto& row = rows[r];
      Partner p;
      p.name = Clean(row.size() > 0 ? row[0] : "");
      std::string kind = row.size() > 1 ? row[1] : "";
      p.role = Clean(row.size() > 2 ? row[2] : "");
      if (p.name.empty()) {
        Problem(Where("partners", r + 1), "the row has no partner name", Join(row, " | "));
        continue;
      }
      p.kind = TermOf("partner-kinds", kind, Where("partners", r + 1), "partner kind");
      cs.partners.push_back(p);
    }
    for (const auto& [label, names] : Answer("cultural-institutions").ticked) {
      std::string category = TermOf("ci-categories", label, Where("cultural-institutions"), "answer");
      if (category.empty()) continue;
      if (Clean(names).empty()) {
        Problem(Where("cultural-institutions"),
                "\"" + label + "\" is ticked without the partner's name beside it",
                "ticked: " + label);
        continue;
      }
      for (const auto& name : Split(names, ';')) {
        bool found = false;
        for (auto& p : cs.partners) {
          if (Key(p.name) == Key(name)) {
            p.ci_category = category;
            if (p.kind.empty()) p.kind = "cultural-institution";
            found = true;
          }
        }
        if (!found) {
          Problem(Where("cultural-institutions"),
                  "\"" + Clean(name) + "\" is not one of the partners in the Partners table",
                  label + ": " + Clean(name));
        }
      }
    }
  }

  void Fundings() {
    const auto& rows = Answer("funding").rows;
    for (size_t r = 0; r < rows.size(); ++r) {
      const auto& row = rows[r];
      commonplace::Funding f;
      f.funder = Clean(row.size() > 0 ? row[0] : "");
      f.programme = Clean(row.size() > 1 ? row[1] : "");
      std::string amount = Clean(row.size() > 2 ? row[2] : "");
      f.note = Clean(row.size() > 3 ? row[3] : "");
      if (f.funder.empty()) {
        Problem(Where("funding", r + 1), "the row names no funder", Join(row, " | "));
        continue;
      }
      if (!amount.empty()) {
        std::string digits;
        for (char c : amount) {
          if (c != ',' && c != ' ') digits += c;
        }
        if (StartsWith(digits, "\u00a3")) digits.erase(0, 2);
        double v = 0;
        auto res = std::from_chars(digits.data(), digits.data() + digits.size(), v);
        if (res.ec == std::errc() && res.ptr == digits.data() + digits.size() && v >= 0) {
          f.amount_gbp = v;
        } else {
          Problem(Where("funding", r + 1),
                  "the amount \"" + amount + "\" is not a number of pounds (write 3000, not £3k)",
                  "amount: " + amount);
        }
      }
      out_.cs.funding.push_back(f);
    }
  }

  void Story() {
    std::string body;
    for (const auto& p : Answer("story").paragraphs) body += (body.empty() ? "" : "\n\n") + p;
    if (!body.empty()) body += "\n";
    out_.cs.body_md = body;
  }

  void Impacts() {
    const auto& rows = Answer("impacts").rows;
    for (size_t r = 0; r < rows.size(); ++r) {
      const auto& row = rows[r];
      Impact im;
      std::string where = Where("impacts", r + 1);
      im.area = TermOf("impact-areas", row.size() > 0 ? row[0] : "", where, "area");
      im.level = TermOf("impact-levels", row.size() > 1 ? row[1] : "", where, "\"for whom\"");
      im.note = Clean(row.size() > 2 ? row[2] : "");
      if (im.area.empty()) {
        if (row.empty() || Clean(row[0]).empty()) Problem(where, "the row gives no area", Join(row, " | "));
        continue;
      }
      out_.cs.impacts.push_back(im);
    }
  }

  void Principles() {
    const auto& rows = Answer("principles").rows;
    for (size_t r = 0; r < rows.size(); ++r) {
      const auto& row = rows[r];
      std::string text = Clean(row.empty() ? "" : row[0]);
      std::string where = Where("principles", r + 1);
      if (row.size() > 1 && !Clean(row[1]).empty()) out_.unplaced.push_back(where + ": " + Clean(row[1]));
      if (text.empty()) continue;
      std::string id;
      std::vector<std::string> titles;
      for (const auto& p : lib_.principles) {
        titles.push_back(p.title);
        if (Key(p.title) == Key(text) || p.id == text) {
          if (!id.empty() && id != p.id) {
            Problem(where, "\"" + text + "\" is the title of more than one principle; write its id (" +
                               id + " or " + p.id + ")", text);
            id.clear();
            break;
          }
          id = p.id;
        }
      }
      if (id.empty()) {
        std::string near = NearestMatch(text, titles);
        Problem(where, "\"" + text + "\" is not one of the site's principles" +
                           (near.empty() ? "" : " (did you mean \"" + near + "\"?)"),
                text);
        continue;
      }
      out_.cs.principles.push_back(id);
    }
  }

  void Figures() {
    const auto& rows = Answer("figures").rows;
    for (size_t r = 0; r < rows.size(); ++r) {
      const auto& row = rows[r];
      std::string where = Where("figures", r + 1);
      Figure f;
      f.label = Clean(row.size() > 0 ? row[0] : "");
      std::string value = Clean(row.size() > 1 ? row[1] : "");
      f.unit = Clean(row.size() > 2 ? row[2] : "");
      f.locator = Clean(row.size() > 3 ? row[3] : "");
      const std::string kPrinted = " (printed as \"";
      size_t printed = value.find(kPrinted);
      if (printed != std::string::npos && EndsWith(value, "\")")) {
        f.printed = value.substr(printed + kPrinted.size(),
                                 value.size() - printed - kPrinted.size() - 2);
        value = value.substr(0, printed);
      }
      bool number = !value.empty();
      for (size_t i = 0; i < value.size(); ++i) {
        char c = value[i];
        number = number && (std::isdigit(static_cast<unsigned char>(c)) || c == '.' || (c == '-' && i == 0));
      }
      if (f.label.empty() || !number) {
        Problem(where,
                f.label.empty() ? "the row says what the number counts nowhere"
                                : "\"" + value + "\" is not a number: write the digits, and how the source "
                                  "prints it after them, e.g. 12 (printed as \"twelve\")",
                Join(row, " | "));
        continue;
      }
      f.value = value;
      out_.cs.figures.push_back(f);
    }
  }

  void Sources() {
    const auto& rows = Answer("sources").rows;
    for (size_t r = 0; r < rows.size(); ++r) {
      const auto& row = rows[r];
      std::string text = Clean(row.empty() ? "" : row[0]);
      std::string where = Where("sources", r + 1);
      if (text.empty()) continue;
      const Source* found = nullptr;
      std::vector<std::string> titles;
      for (const auto& s : lib_.sources) {
        titles.push_back(s.title);
        if (s.id == text || Key(s.title) == Key(text)) found = &s;
      }
      if (!found) {
        std::string near = NearestMatch(text, titles);
        Problem(where, "\"" + text + "\" is not a source this site lists yet: add it to "
                           "content/sources.yaml, then cite its id" +
                           (near.empty() ? "" : " (or did you mean \"" + near + "\"?)"),
                Join(row, " | "));
        continue;
      }
      out_.cs.sources.push_back({found->id, Clean(row.size() > 1 ? row[1] : ""), {}});
    }
  }

  void Anonymity() {
    const WorksheetSection* s = SectionOf(form_, "anonymity");
    if (!s || s->items.size() < 2) return;
    bool named = false, anonymous = false;
    for (const auto& [label, after] : Answer("anonymity").ticked) {
      named = named || label == s->items[0];
      anonymous = anonymous || label == s->items[1];
      if (s->items.size() > 2 && label == s->items[2]) out_.notes.push_back("the form says: " + label);
    }
    if (named && anonymous) {
      Problem(Where("anonymity"), "both \"named\" and \"without names\" are ticked; the file says anonymised: true until someone checks");
    }
    out_.cs.anonymised = anonymous;
  }

  void Contact() {
    std::string date = Clean(LabelledRow("contact", 3));
    out_.cs.updated = date;
    bool contact = false;
    for (size_t i = 0; i < 3; ++i) contact = contact || !LabelledRow("contact", i).empty();
    if (contact) {
      out_.notes.push_back("the contributor's name, organisation and email are not copied into the "
                           "file (the form promises they are not published)");
    }
  }

  const Library& lib_;
  const Worksheet& form_;
  const FormLanguages& languages_;
  const FormAnswers& answers_;
  ImportedCaseStudy out_;
};

}  // namespace

ImportedCaseStudy CaseStudyFromAnswers(const Library& lib, const Worksheet& form,
                                       const FormLanguages& languages, const FormAnswers& answers) {
  return Importer(lib, form, languages, answers).Run();
}

}  // namespace commonplace
