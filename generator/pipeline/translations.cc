#include "pipeline/translations.h"

#include "markdown/markdown.h"

namespace commonplace {

namespace {

const std::string& KeyOf(const CaseStudy& d) { return d.slug; }
const std::string& KeyOf(const Page& d) { return d.slug; }
const std::string& KeyOf(const Principle& d) { return d.id; }
const std::string& KeyOf(const Finding& d) { return d.id; }

// Puts each translation into `lang` in place of its original (which keeps
// its history date when the translation has none).
template <typename Doc, typename List>
void UseTranslations(const std::vector<Doc>& translations, const std::string& lang,
                     List* originals) {
  for (const auto& t : translations) {
    if (t.lang != lang) continue;
    for (auto& d : *originals) {
      if (KeyOf(d) != KeyOf(t)) continue;
      std::string updated = d.updated;
      d = t;
      if (d.updated.empty()) d.updated = updated;
    }
  }
}

// Sets `*field` from the item's `key` when it translates it.
void Take(const std::map<std::string, std::string>& fields, const char* key, std::string* field) {
  auto it = fields.find(key);
  if (it != fields.end()) *field = it->second;
}

// The same for a list of words (the loader checked it is as long).
void TakeList(const std::map<std::string, std::vector<std::string>>& lists, const char* key,
              std::vector<std::string>* list) {
  auto it = lists.find(key);
  if (it != lists.end() && it->second.size() == list->size()) *list = it->second;
}

void UseWorksheetTranslation(const TextTranslation& t, Worksheet* w) {
  w->lang = t.lang;
  Take(t.fields, "title", &w->title);
  Take(t.fields, "summary", &w->summary);
  Take(t.fields, "purpose", &w->purpose);
  Take(t.fields, "who", &w->who);
  Take(t.fields, "time_needed", &w->time_needed);
  TakeList(t.lists, "you_need", &w->you_need);
  TakeList(t.lists, "steps", &w->steps);
  for (const auto& item : t.items) {
    for (auto& section : w->sections) {
      if (section.id != item.id) continue;
      section.lang = t.lang;
      Take(item.fields, "heading", &section.heading);
      Take(item.fields, "prompt", &section.prompt);
      Take(item.fields, "min_label", &section.min_label);
      Take(item.fields, "max_label", &section.max_label);
      TakeList(item.lists, "columns", &section.columns);
      TakeList(item.lists, "rows", &section.rows);
      TakeList(item.lists, "items", &section.items);
    }
  }
}

// A dataset's words and shown values; its rows stay as the CSV has them.
void UseDatasetTranslation(const TextTranslation& t, Dataset* ds) {
  ds->lang = t.lang;
  Take(t.fields, "title", &ds->title);
  Take(t.fields, "description", &ds->description);
  Take(t.fields, "note", &ds->note);
  if (auto it = t.lists.find("totals"); it != t.lists.end() && it->second.size() == ds->totals.size()) {
    for (size_t i = 0; i < ds->totals.size(); ++i) ds->totals[i].label = it->second[i];
    ds->totals_lang = t.lang;
  }
  for (const auto& item : t.items) {
    for (auto& c : ds->columns) {
      if (c.id != item.id) continue;
      if (item.fields.count("label")) c.lang = t.lang;
      Take(item.fields, "label", &c.label);
      Take(item.fields, "description", &c.description);
      // A blank is shown as the column's `blank`; its translation is the
      // shown form of the empty value.
      if (auto b = item.fields.find("blank"); b != item.fields.end()) c.shown[""] = b->second;
      for (const auto& [value, words] : item.values) c.shown[value] = words;
    }
  }
}

void UseTextTranslation(const TextTranslation& t, const MarkdownOptions& mo, Library* lib) {
  for (auto& v : lib->vocabularies) {
    if (v.path != t.original) continue;
    if (!t.fields.empty()) v.lang = t.lang;
    Take(t.fields, "title", &v.title);
    Take(t.fields, "description", &v.description);
    for (const auto& item : t.items) {
      for (auto& term : v.terms) {
        if (term.id != item.id) continue;
        Take(item.fields, "label", &term.label);
        Take(item.fields, "description", &term.description);
        if (item.fields.count("label")) term.lang = t.lang;
      }
    }
  }
  for (auto& w : lib->worksheets) {
    if (w.path == t.original) UseWorksheetTranslation(t, &w);
  }
  for (auto& ds : lib->datasets) {
    if (ds.path == t.original) UseDatasetTranslation(t, &ds);
  }
  for (const auto& item : t.items) {
    for (auto& r : lib->recommendations) {
      if (r.path != t.original || r.id != item.id || !item.fields.count("text")) continue;
      r.text = item.fields.at("text");
      std::vector<MarkdownProblem> problems;  // reported when the bodies were checked
      r.text_html = RenderInlineMarkdown(r.text, mo, &problems);
      r.lang = t.lang;
    }
    for (auto& r : lib->resources) {
      if (r.path != t.original || r.id != item.id) continue;
      Take(item.fields, "title", &r.title);
      Take(item.fields, "organisation", &r.organisation);
      Take(item.fields, "description", &r.description);
      r.lang = t.lang;
    }
    for (auto& s : lib->sources) {
      if (s.path != t.original || s.id != item.id) continue;
      Take(item.fields, "note", &s.note);
      if (item.fields.count("note")) s.note_lang = t.lang;
    }
  }
}

}  // namespace

void UseLanguage(const std::string& lang, Library* lib) {
  if (auto it = lib->config.translations.find(lang); it != lib->config.translations.end()) {
    const SiteConfig::Words& w = it->second;
    if (!w.title.empty()) lib->config.title = w.title;
    if (!w.tagline.empty()) lib->config.tagline = w.tagline;
    if (!w.description.empty()) lib->config.description = w.description;
  }
  UseTranslations(lib->case_translations, lang, &lib->case_studies);
  UseTranslations(lib->page_translations, lang, &lib->pages);
  UseTranslations(lib->principle_translations, lang, &lib->principles);
  UseTranslations(lib->finding_translations, lang, &lib->findings);
  MarkdownOptions mo;
  mo.allow_raw_html = lib->config.allow_raw_html;
  for (const auto& t : lib->text_translations) {
    if (t.lang == lang) UseTextTranslation(t, mo, lib);
  }
}

bool HasTranslations(const Library& lib) {
  return !lib.case_translations.empty() || !lib.page_translations.empty() ||
         !lib.principle_translations.empty() || !lib.finding_translations.empty() ||
         !lib.text_translations.empty() || !lib.config.translations.empty();
}

}  // namespace commonplace
