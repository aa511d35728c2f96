// Loaders for everything in content/ other than case studies.
#include <algorithm>

#include "base/fs.h"
#include "base/strings.h"
#include "load/front_matter.h"
#include "load/loader.h"
#include "load/parse_document.h"
#include "load/url_field.h"
#include "load/yaml_reader.h"

namespace commonplace {

namespace {

// Parses a whole YAML file (not front matter).
bool ParseFile(const std::string& rel, const std::string& text, YamlDocument* out,
               Diagnostics& diags) {
  if (Trim(text).empty()) {
    diags.Error(rel, {1, 1}, "", "the file is empty");
    return false;
  }
  return ParseYaml(rel, text, 1, out, diags);
}

}  // namespace

bool ParseDocument(const std::string& rel, const std::string& text, Document* doc,
                   YamlDocument* fm, int* first_line, Diagnostics& diags, const std::string& hint) {
  FrontMatter fmt;
  doc->path = rel;
  if (!SplitFrontMatter(rel, text, &fmt, diags)) return false;
  if (!ParseYaml(rel, fmt.yaml, fmt.yaml_line, fm, diags)) return false;
  if (!fm->root().IsMap()) {
    diags.Error(rel, {fmt.yaml_line, 1}, "", "front matter must be a set of 'key: value' fields",
                hint);
    return false;
  }
  doc->body_md = fmt.body;
  doc->body_line = fmt.body_line;
  *first_line = fmt.yaml_line;
  return true;
}

std::string SlugOf(const std::string& rel) {
  size_t slash = rel.rfind('/');
  std::string name = rel.substr(slash == std::string::npos ? 0 : slash + 1);
  size_t dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(0, dot);
}

bool LoadSiteConfig(const std::string& rel, const std::string& text, SiteConfig* c,
                    Diagnostics& diags) {
  int before = diags.ErrorCount();
  YamlDocument root_doc;
  if (!ParseFile(rel, text, &root_doc, diags)) return false;
  YamlNode root = root_doc.root();
  YamlReader r(rel, 1, diags);
  if (!r.ExpectMap(root, "",
                   {"title", "tagline", "description", "base_url", "language", "languages",
                    "content_language", "author", "licence",
                    "repository", "organisation", "contact", "logo", "colours", "navigation",
                    "footer", "markdown", "theme", "sections", "search", "feed", "home",
                    "evidence_map", "translations"})) {
    return false;
  }
  c->title = r.String(root, "title", "", true);
  c->tagline = r.String(root, "tagline", "", false);
  c->description = r.String(root, "description", "", false);
  std::string base = ReadUrl(r, root, "base_url", "", false, UrlRule::kWeb,
                             "write the full address the site is served from, e.g. "
                             "https://example.org/evidence/");
  if (!base.empty()) {
    if (base.back() != '/') base += '/';
    c->base_url = base;
  }
  if (auto v = r.String(root, "language", "", false); !v.empty()) c->language = v;
  if (auto v = r.String(root, "content_language", "", false); !v.empty()) c->content_language = v;
  std::vector<SourcePos> lang_pos;
  c->languages = r.StringList(root, "languages", "", false, &lang_pos);
  for (size_t i = 0; i < c->languages.size(); ++i) {
    const std::string& l = c->languages[i];
    bool code = l.size() >= 2 && l.size() <= 3 &&
                std::all_of(l.begin(), l.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
    if (!code) {
      diags.Error(rel, i < lang_pos.size() ? lang_pos[i] : SourcePos{}, "languages",
                  "'" + l + "' is not a language code",
                  "write two- or three-letter lower-case codes, e.g. languages: [cy, en]");
    }
    if (std::find(c->languages.begin(), c->languages.begin() + i, l) != c->languages.begin() + i) {
      diags.Error(rel, i < lang_pos.size() ? lang_pos[i] : SourcePos{}, "languages",
                  "language '" + l + "' is listed twice", "list each language once");
    }
  }
  YamlNode t = r.Get(root, "translations");
  if (t && c->languages.empty()) {
    r.Error(t, "translations", "'translations' gives the site's words in its other languages, but site.yaml lists none",
            "name the languages first, e.g. languages: [cy, en]");
  } else if (t && r.ExpectMap(t, "translations", c->languages)) {
    for (const auto& [key, words] : t.pairs()) {
      std::string field = "translations." + key.Scalar();
      if (!r.ExpectMap(words, field, {"title", "tagline", "description"})) continue;
      SiteConfig::Words& w = c->translations[key.Scalar()];
      w.title = r.String(words, "title", field, false);
      w.tagline = r.String(words, "tagline", field, false);
      w.description = r.String(words, "description", field, false);
    }
  }
  c->author = r.String(root, "author", "", false);
  if (YamlNode l = r.Get(root, "licence")) {
    if (r.ExpectMap(l, "licence", {"name", "url"})) {
      c->licence_name = r.String(l, "name", "licence", true);
      c->licence_url = ReadUrl(r, l, "url", "licence", false, UrlRule::kLink);
    }
  }
  if (YamlNode repo = r.Get(root, "repository")) {
    if (r.ExpectMap(repo, "repository", {"url", "branch", "edit_url"})) {
      // Absolute http(s): {path} and {branch} are filled in, and text put
      // before the first colon could otherwise make any scheme.
      c->repository_edit_url = ReadUrl(r, repo, "edit_url", "repository", false, UrlRule::kWeb,
                                       "e.g. https://gitlab.com/org/repo/-/edit/main/{path}");
      if (!c->repository_edit_url.empty() &&
          c->repository_edit_url.find("{path}") == std::string::npos) {
        r.Error(r.Get(repo, "edit_url"), "repository.edit_url",
                "the edit_url pattern has no {path}",
                "e.g. https://gitlab.com/org/repo/-/edit/main/{path}");
      }
      c->repository_url = ReadUrl(r, repo, "url", "repository",
                                  c->repository_edit_url.empty() && !r.Get(repo, "edit_url"),
                                  UrlRule::kWeb, "e.g. https://github.com/org/repo");
      if (auto b = r.String(repo, "branch", "repository", false); !b.empty()) {
        c->repository_branch = b;
      }
    }
  }
  if (YamlNode org = r.Get(root, "organisation")) {
    if (r.ExpectMap(org, "organisation", {"name", "url"})) {
      c->organisation_name = Trim(r.String(org, "name", "organisation", true));
      c->organisation_url = ReadUrl(r, org, "url", "organisation", false, UrlRule::kWeb,
                                    "e.g. https://www.your-organisation.ac.uk/");
    }
  }
  if (YamlNode contact = r.Get(root, "contact")) {
    if (r.ExpectMap(contact, "contact", {"email", "url"})) {
      std::string email = Trim(r.String(contact, "email", "contact", false));
      if (!email.empty() && !IsEmailAddress(email)) {
        r.Error(r.Get(contact, "email"), "contact.email",
                "'contact.email' must be one email address, not '" + email + "'",
                "e.g. email: evidence@your-organisation.ac.uk (no name, no mailto:)");
        email.clear();
      }
      c->contact_email = email;
      c->contact_url = ReadUrl(r, contact, "url", "contact", false, UrlRule::kWeb,
                               "an issue tracker or contact form, e.g. "
                               "https://github.com/your-org/your-repo/issues");
    }
  }
  c->logo = ReadUrl(r, root, "logo", "", false, UrlRule::kSiteFile);
  if (YamlNode colours = r.Get(root, "colours")) {
    if (r.ExpectMap(colours, "colours",
                    {"accent", "accent-contrast", "text", "background", "muted", "surface",
                     "border", "link", "dark-accent", "dark-text", "dark-background",
                     "dark-surface", "dark-link"})) {
      for (const auto& kv : colours.pairs()) {
        std::string v = kv.second.IsScalar() ? kv.second.Scalar() : "";
        // Colours go into CSS: allow only characters a colour value needs.
        bool safe = !v.empty();
        for (char ch : v) {
          safe = safe && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '#' ||
                          ch == '(' || ch == ')' || ch == ',' || ch == '.' || ch == ' ' ||
                          ch == '%');
        }
        if (!safe) {
          r.Error(kv.second, "colours." + kv.first.Scalar(),
                  "colour must be a CSS colour such as #0b5cad or rgb(11, 92, 173)");
          continue;
        }
        c->colours[kv.first.Scalar()] = v;
      }
    }
  }
  r.MapList(root, "navigation", "", false, [&](const YamlNode& item, const std::string& field) {
    r.ExpectMap(item, field, {"title", "titles", "url"});
    NavItem n;
    n.title = r.String(item, "title", field, true);
    if (YamlNode t = r.Get(item, "titles"); t && t.IsMap()) {
      for (const auto& kv : t.pairs()) {
        if (kv.second.IsScalar()) n.titles[kv.first.Scalar()] = kv.second.Scalar();
      }
    }
    n.url = ReadUrl(r, item, "url", field, true, UrlRule::kLink,
                    "use a site-relative path such as casestudies/ or an http(s) address");
    if (!n.url.empty()) c->navigation.push_back(n);
  });
  c->footer_md = r.String(root, "footer", "", false);
  c->footer_pos = r.Pos(r.Get(root, "footer"));
  if (YamlNode md = r.Get(root, "markdown")) {
    if (r.ExpectMap(md, "markdown", {"allow_raw_html"})) {
      c->allow_raw_html = r.Bool(md, "allow_raw_html", "markdown", false).value_or(false);
    }
  }
  c->theme_dir = r.String(root, "theme", "", false);
  if (!c->theme_dir.empty() && !IsSafeRelativePath(c->theme_dir)) {
    r.Error(r.Get(root, "theme"), "theme",
            "'theme' must be a folder inside the repository", "e.g. theme: themes/ours");
    c->theme_dir.clear();
  }
  if (YamlNode s = r.Get(root, "sections")) {
    if (r.ExpectMap(s, "sections",
                    {"recommendations", "resources", "worksheets", "statistics", "search"})) {
      for (const auto& kv : s.pairs()) {
        c->sections[kv.first.Scalar()] =
            r.Bool(s, kv.first.Scalar(), "sections", false).value_or(true);
      }
    }
  }
  if (YamlNode s = r.Get(root, "search")) {
    if (r.ExpectMap(s, "search", {"fields", "synonyms"})) {
      if (YamlNode syn = r.Get(s, "synonyms")) {
        // `typed: [used, …]`: each key a word or phrase readers type.
        if (!syn.IsMap()) {
          r.Error(syn, "search.synonyms",
                  "field 'search.synonyms' must map a word readers type to the words pages use",
                  "e.g. synonyms: {welsh: [wales], council: [local government]}");
        } else {
          for (const auto& [key, value] : syn.pairs()) {
            std::string typed = key.IsScalar() ? Trim(key.Scalar()) : "";
            bool plain = !typed.empty();
            for (char ch : typed) {
              plain = plain && ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == ' ');
            }
            if (!plain) {
              r.Error(key, "search.synonyms", "a synonym must be lowercase words, not '" + typed + "'",
                      "write it as readers would type it, e.g. 'welsh' or 'northern irish'");
              continue;
            }
            std::vector<std::string> used =
                r.StringList(syn, key.Scalar(), "search.synonyms", true);
            for (auto& u : used) u = Trim(u);
            c->search_synonyms.emplace_back(typed, used);
          }
        }
      }
      r.MapList(s, "fields", "search", false, [&](const YamlNode& item, const std::string& f) {
        r.ExpectMap(item, f, {"name", "boost"});
        std::string name = r.String(item, "name", f, true);
        double boost = r.Number(item, "boost", f, false).value_or(1.0);
        static const std::vector<std::string> kFields = {"title", "summary", "body", "themes",
                                                          "places", "partners"};
        bool known = false;
        for (const auto& k : kFields) known = known || k == name;
        if (!known) {
          r.Error(r.Get(item, "name"), f + ".name", "unknown search field '" + name + "'",
                  "known fields are: " + Join(kFields, ", "));
          return;
        }
        c->search_fields.emplace_back(name, boost);
      });
    }
  }
  if (YamlNode f = r.Get(root, "feed")) {
    if (r.ExpectMap(f, "feed", {"limit"})) c->feed_limit = r.Int(f, "limit", "feed", false).value_or(20);
  }
  if (YamlNode h = r.Get(root, "home")) {
    if (r.ExpectMap(h, "home", {"recent"})) c->recent_limit = r.Int(h, "recent", "home", false).value_or(6);
  }
  if (YamlNode m = r.Get(root, "evidence_map")) {
    if (r.ExpectMap(m, "evidence_map", {"rows", "columns"})) {
      if (auto v = r.String(m, "rows", "evidence_map", false); !v.empty()) c->evidence_map_rows = v;
      if (auto v = r.String(m, "columns", "evidence_map", false); !v.empty()) {
        c->evidence_map_columns = v;
      }
    }
  }
  // Where each value a reader sees is, for `check --publish`.
  auto mark = [&](const std::string& name, const YamlNode& node) {
    if (node) c->positions[name] = r.Pos(node);
  };
  for (const char* key : {"title", "base_url", "author", "footer", "logo"}) mark(key, r.Get(root, key));
  for (const char* group : {"licence", "repository", "organisation", "contact"}) {
    YamlNode g = r.Get(root, group);
    if (!g || !g.IsMap()) continue;
    for (const auto& kv : g.pairs()) {
      if (kv.first.IsScalar()) mark(std::string(group) + "." + kv.first.Scalar(), kv.second);
    }
  }
  if (YamlNode nav = r.Get(root, "navigation"); nav && nav.IsSequence()) {
    size_t i = 0;
    for (const auto& item : nav.items()) {
      if (item.IsMap()) mark("navigation[" + std::to_string(i) + "].url", r.Get(item, "url"));
      ++i;
    }
  }
  if (c->search_fields.empty()) {
    c->search_fields = {{"title", 10}, {"summary", 5}, {"themes", 3}, {"places", 2},
                        {"partners", 2}, {"body", 1}};
  }
  return diags.ErrorCount() == before;
}

bool LoadPrinciple(const std::string& rel, const std::string& text, Principle* p,
                   Diagnostics& diags) {
  int before = diags.ErrorCount();
  YamlDocument fm_doc;
  int first_line = 2;
  if (!ParseDocument(rel, text, p, &fm_doc, &first_line, diags)) return false;
  YamlNode fm = fm_doc.root();
  YamlReader r(rel, first_line, diags);
  r.ExpectMap(fm, "", {"title", "group", "order", "summary", "topics", "sources", "editor_note"});
  p->id = SlugOf(rel);
  p->title = r.String(fm, "title", "", true);
  p->group = r.String(fm, "group", "", true);
  p->term_uses.push_back({"principle-groups", "group", p->group, r.Pos(r.Get(fm, "group"))});
  {
    std::vector<SourcePos> pos;
    auto topics = r.StringList(fm, "topics", "", false, &pos);
    for (size_t i = 0; i < topics.size(); ++i) {
      p->term_uses.push_back({"topics", "topics[" + std::to_string(i) + "]", topics[i], pos[i]});
    }
  }
  p->order = r.Int(fm, "order", "", false).value_or(0);
  p->summary = r.String(fm, "summary", "", true);
  p->sources = r.SourceRefs(fm, "sources", "", true);
  p->editor_note = Trim(r.String(fm, "editor_note", "", false));
  return diags.ErrorCount() == before;
}

bool LoadPage(const std::string& rel, const std::string& text, Page* p, Diagnostics& diags) {
  int before = diags.ErrorCount();
  YamlDocument fm_doc;
  int first_line = 2;
  if (!ParseDocument(rel, text, p, &fm_doc, &first_line, diags)) return false;
  YamlNode fm = fm_doc.root();
  YamlReader r(rel, first_line, diags);
  r.ExpectMap(fm, "", {"title", "summary", "order", "contact"});
  p->slug = SlugOf(rel);
  p->title = r.String(fm, "title", "", true);
  p->summary = r.String(fm, "summary", "", false);
  p->contact_heading = Trim(r.String(fm, "contact", "", false));
  p->order = r.Int(fm, "order", "", false).value_or(100);
  return diags.ErrorCount() == before;
}

bool LoadVocabulary(const std::string& rel, const std::string& text, Vocabulary* v,
                    Diagnostics& diags) {
  int before = diags.ErrorCount();
  YamlDocument root_doc;
  if (!ParseFile(rel, text, &root_doc, diags)) return false;
  YamlNode root = root_doc.root();
  YamlReader r(rel, 1, diags);
  if (!r.ExpectMap(root, "", {"id", "title", "description", "sources", "terms"})) return false;
  v->path = rel;
  v->id = r.String(root, "id", "", true);
  if (!v->id.empty() && v->id != SlugOf(rel)) {
    r.Error(r.Get(root, "id"), "id",
            "vocabulary id '" + v->id + "' does not match the file name '" + SlugOf(rel) + "'",
            "rename the file or change the id so they agree");
  }
  v->title = r.String(root, "title", "", true);
  v->description = r.String(root, "description", "", false);
  v->sources = r.SourceRefs(root, "sources", "", false);
  r.MapList(root, "terms", "", true, [&](const YamlNode& item, const std::string& field) {
    r.ExpectMap(item, field, {"id", "label", "description", "parent", "sources", "editor_note"});
    Term t;
    t.id = r.String(item, "id", field, true);
    t.label = r.String(item, "label", field, true);
    t.description = r.String(item, "description", field, false);
    t.parent = r.String(item, "parent", field, false);
    t.sources = r.SourceRefs(item, "sources", field, false);
    t.editor_note = Trim(r.String(item, "editor_note", field, false));
    t.pos = r.Pos(r.Get(item, "id"));
    v->terms.push_back(std::move(t));
  });
  return diags.ErrorCount() == before;
}

bool LoadSources(const std::string& rel, const std::string& text, std::vector<Source>* out,
                 Diagnostics& diags) {
  int before = diags.ErrorCount();
  YamlDocument root_doc;
  if (!ParseFile(rel, text, &root_doc, diags)) return false;
  YamlNode root = root_doc.root();
  YamlReader r(rel, 1, diags);
  if (!root.IsSequence()) {
    diags.Error(rel, {1, 1}, "", "the sources file must be a list of sources",
                "start each source with '- id: …'");
    return false;
  }
  for (size_t i = 0; i < root.size(); ++i) {
    std::string field = "[" + std::to_string(i) + "]";
    const YamlNode& item = root[i];
    if (!r.ExpectMap(item, field,
                     {"id", "kind", "authors", "title", "publisher", "year", "url", "licence",
                      "note", "editor_note"})) {
      continue;
    }
    Source s;
    s.path = rel;
    s.pos = r.Pos(item);
    s.id = r.String(item, "id", field, true);
    s.kind = r.String(item, "kind", field, true);
    s.authors = r.StringList(item, "authors", field, false);
    s.title = r.String(item, "title", field, true);
    s.publisher = r.String(item, "publisher", field, false);
    s.year = r.String(item, "year", field, false);
    s.url = ReadUrl(r, item, "url", field, false, UrlRule::kLink);
    s.licence = r.String(item, "licence", field, false);
    s.note = r.String(item, "note", field, false);
    s.editor_note = Trim(r.String(item, "editor_note", field, false));
    out->push_back(std::move(s));
  }
  return diags.ErrorCount() == before;
}

bool LoadRecommendations(const std::string& rel, const std::string& text,
                         std::vector<Recommendation>* out, Diagnostics& diags) {
  int before = diags.ErrorCount();
  YamlDocument root_doc;
  if (!ParseFile(rel, text, &root_doc, diags)) return false;
  YamlNode root = root_doc.root();
  YamlReader r(rel, 1, diags);
  if (!r.ExpectMap(root, "", {"audience", "items"})) return false;
  std::string audience = r.String(root, "audience", "", true);
  if (!audience.empty() && audience != SlugOf(rel)) {
    r.Error(r.Get(root, "audience"), "audience",
            "audience '" + audience + "' does not match the file name '" + SlugOf(rel) + "'",
            "name the file after its audience, e.g. content/recommendations/" + audience + ".yaml");
  }
  r.MapList(root, "items", "", true, [&](const YamlNode& item, const std::string& field) {
    r.ExpectMap(item, field,
                {"id", "text", "themes", "sources", "findings", "case_studies", "editor_note"});
    Recommendation rec;
    rec.path = rel;
    rec.pos = r.Pos(item);
    rec.audience = audience;
    rec.id = r.String(item, "id", field, true);
    rec.text = Trim(r.String(item, "text", field, true));
    rec.themes = r.StringList(item, "themes", field, false);
    rec.sources = r.SourceRefs(item, "sources", field, true);
    rec.findings = r.StringList(item, "findings", field, false, &rec.finding_pos);
    rec.case_studies = r.StringList(item, "case_studies", field, false, &rec.case_study_pos);
    rec.editor_note = Trim(r.String(item, "editor_note", field, false));
    out->push_back(std::move(rec));
  });
  return diags.ErrorCount() == before;
}

bool LoadResources(const std::string& rel, const std::string& text, std::vector<Resource>* out,
                   Diagnostics& diags) {
  int before = diags.ErrorCount();
  YamlDocument root_doc;
  if (!ParseFile(rel, text, &root_doc, diags)) return false;
  YamlNode root = root_doc.root();
  YamlReader r(rel, 1, diags);
  if (!root.IsSequence()) {
    diags.Error(rel, {1, 1}, "", "the resources file must be a list", "start each with '- id: …'");
    return false;
  }
  for (size_t i = 0; i < root.size(); ++i) {
    std::string field = "[" + std::to_string(i) + "]";
    const YamlNode& item = root[i];
    if (!r.ExpectMap(item, field,
                     {"id", "title", "organisation", "kind", "url", "url_printed", "url_note",
                      "description", "topics", "sources", "editor_note"})) {
      continue;
    }
    Resource res;
    res.path = rel;
    res.pos = r.Pos(item);
    res.id = r.String(item, "id", field, true);
    res.title = r.String(item, "title", field, true);
    res.organisation = r.String(item, "organisation", field, false);
    res.kind = r.String(item, "kind", field, true);
    res.url = ReadUrl(r, item, "url", field, false, UrlRule::kWeb);
    res.url_printed = r.String(item, "url_printed", field, false);
    res.url_note = r.String(item, "url_note", field, false);
    res.description = Trim(r.String(item, "description", field, true));
    res.topics = r.StringList(item, "topics", field, false);
    res.sources = r.SourceRefs(item, "sources", field, true);
    res.editor_note = Trim(r.String(item, "editor_note", field, false));
    out->push_back(std::move(res));
  }
  return diags.ErrorCount() == before;
}

}  // namespace commonplace
