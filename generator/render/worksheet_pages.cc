// Worksheets: an index, a page per worksheet with its downloads, a
// print-ready page, and the .docx and Markdown files themselves.
#include "base/strings.h"
#include "docx/case_study_form.h"
#include "docx/worksheet_docx.h"
#include "render/site_renderer.h"

namespace commonplace {

namespace {

mstch::map SectionView(const WorksheetSection& s) {
  mstch::array lines, items, columns, rows;
  for (int i = 0; i < s.lines; ++i) lines.push_back(mstch::map{{"n", i + 1}});
  for (const auto& it : s.items) items.push_back(mstch::map{{"text", it}});
  bool labelled = !s.rows.empty();
  if (labelled) columns.push_back(mstch::map{{"text", std::string()}, {"blank", true}});
  for (const auto& c : s.columns) columns.push_back(mstch::map{{"text", c}, {"blank", false}});
  auto empty_cells = [&](size_t n) {
    mstch::array cells;
    for (size_t i = 0; i < n; ++i) cells.push_back(mstch::map{{"n", static_cast<int>(i)}});
    return cells;
  };
  for (const auto& label : s.rows) {
    rows.push_back(mstch::map{{"label", label}, {"has_label", true}, {"cells", empty_cells(s.columns.size())}});
  }
  for (int i = 0; i < s.empty_rows; ++i) {
    rows.push_back(mstch::map{{"label", std::string()}, {"has_label", false}, {"cells", empty_cells(s.columns.size())}});
  }
  mstch::array points;
  for (int v = s.scale_min; v <= s.scale_max; ++v) points.push_back(mstch::map{{"value", v}});
  mstch::array scale_items;
  for (const auto& it : s.items) scale_items.push_back(mstch::map{{"text", it}, {"points", points}});
  return mstch::map{{"id", s.id},
                    {"heading", s.heading},
                    {"prompt", s.prompt},
                    {"is_text", s.kind == "text"},
                    {"is_table", s.kind == "table"},
                    {"is_checklist", s.kind == "checklist"},
                    {"is_scale", s.kind == "scale"},
                    {"lines", lines},
                    {"items", items},
                    {"columns", columns},
                    {"rows", rows},
                    {"points", points},
                    {"scale_items", scale_items},
                    {"min_label", s.min_label},
                    {"max_label", s.max_label},
                    {"kind", s.kind}};
}

// "By email to a@b.org, or online at https://…": how a filled-in submission
// form reaches the people who run the site; "" when site.yaml gives no contact.
std::string SendTo(const SiteConfig& c, const Messages& words) {
  if (!c.contact_email.empty() && !c.contact_url.empty()) {
    return words.Get("worksheet_file.send_by_email_or_online",
                     {{"email", c.contact_email}, {"url", c.contact_url}});
  }
  if (!c.contact_email.empty()) return words.Get("worksheet_file.send_by_email", {{"email", c.contact_email}});
  if (!c.contact_url.empty()) return words.Get("worksheet_file.send_online", {{"url", c.contact_url}});
  return "";
}

}  // namespace

void SiteRenderer::RenderWorksheets() {
  if (!HasSection("worksheets")) return;
  DocxMeta meta{lib_.config.title,
                lib_.config.licence_name.empty() ? T("worksheet_file.see_the_licence_page")
                                                 : lib_.config.licence_name,
                T("worksheet_file.adapted_for", {{"site", lib_.config.title}}), "", PageLanguage()};
  mstch::array list;
  for (const auto& ws : lib_.worksheets) {
    std::string url = "worksheets/" + ws.id + "/";
    mstch::array sections, you_need, steps;
    for (const auto& s : ws.sections) {
      // A section the translation leaves out keeps the original's words.
      mstch::map section = SectionView(s);
      section["lang"] = LanguageIfOther(s.lang);
      sections.push_back(std::move(section));
    }
    for (const auto& n : ws.you_need) you_need.push_back(mstch::map{{"text", n}});
    for (const auto& st : ws.steps) steps.push_back(mstch::map{{"text", st}});
    // The submission form says where to send it, when site.yaml says how
    // to reach the people who run the site (Build notes it when not).
    const SiteConfig& c = lib_.config;
    DocxMeta ws_meta = meta;
    if (ws.id == kSubmissionFormId) ws_meta.send_to = SendTo(c, messages());
    std::string err;
    std::string docx = WorksheetDocx(ws, ws_meta, messages(), &err);
    out_->Add(url + ws.id + ".docx", docx);
    out_->Add(url + ws.id + ".md", WorksheetMarkdown(ws, ws_meta, messages()));
    mstch::map view{{"id", ws.id},
                    {"title", ws.title},
                    {"summary", ws.summary},
                    {"purpose", ws.purpose},
                    {"who", ws.who},
                    {"time_needed", ws.time_needed},
                    {"you_need", you_need},
                    {"has_you_need", !you_need.empty()},
                    {"steps", steps},
                    {"has_steps", !steps.empty()},
                    {"sections", sections},
                    {"docx", url + ws.id + ".docx"},
                    {"docx_kb", static_cast<int>((docx.size() + 1023) / 1024)},
                    {"markdown", url + ws.id + ".md"},
                    {"print", url + "print/"},
                    {"sources", SourceList(ws.sources)},
                    {"licence_note", meta.source_note}};
    if (!ws_meta.send_to.empty()) {
      view["send_to"] = mstch::map{{"email", c.contact_email}, {"url", c.contact_url}};
    }
    // A worksheet not translated into the page's language says so, and its
    // words are marked with the language they are in.
    const std::string ws_lang = LanguageIfOther(ws.lang);
    view["content_lang"] = ws_lang;
    view["untranslated"] = ws_lang.empty() ? std::string() : T("language.untranslated." + ws_lang);
    PageMeta pm;
    pm.url = url;
    pm.title = ws.title;
    pm.description = ws.summary;
    pm.edit_path = ws.path;
    pm.nav_section = "worksheets";
    AddPage("worksheet", view, pm);
    PageMeta print = pm;
    print.url = url + "print/";
    print.chrome = false;
    print.noindex = true;
    print.styles = {"assets/css/print-worksheet.css"};
    AddPage("worksheet_print", view, print);
    std::string text;
    for (const auto& s : ws.sections) text += s.heading + " " + s.prompt + " ";
    AddRecord({url, "worksheet", ws.title, ws.summary, ws.purpose + " " + text, "", "", "", "", {}, "",
               {}, ws_lang});
    list.push_back(mstch::map{{"title", ws.title}, {"summary", ws.summary}, {"url", url},
                              {"lang", ws_lang},
                              {"docx", url + ws.id + ".docx"}, {"print", url + "print/"},
                              {"markdown", url + ws.id + ".md"}});
  }
  mstch::map view{{"title", T("worksheets_page.title")}, {"worksheets", list}};
  PageMeta pm;
  pm.url = "worksheets/";
  pm.title = T("worksheets_page.title");
  pm.description = T("worksheets_page.description");
  pm.nav_section = "worksheets";
  AddPage("worksheets", view, pm);
}

}  // namespace commonplace
