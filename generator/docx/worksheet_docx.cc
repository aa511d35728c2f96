#include "docx/worksheet_docx.h"

#include <algorithm>

#include "base/strings.h"
#include "docx/zip_writer.h"

namespace commonplace {

namespace {

constexpr const char* kBox = "\u2610";     // ☐, a box to tick in every office suite
constexpr const char* kTicked = "\u2612";  // ☒, as Word ticks one

// A run of text; each line break in it is a Word line break.
std::string Run(const std::string& text, bool bold = false) {
  std::string r = "<w:r>";
  if (bold) r += "<w:rPr><w:b/></w:rPr>";
  std::vector<std::string> lines = Split(text, '\n');
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i) r += "<w:br/>";
    r += "<w:t xml:space=\"preserve\">" + XmlEscape(lines[i]) + "</w:t>";
  }
  return r + "</w:r>";
}

std::string Para(const std::string& text, const std::string& style = "", bool bold = false) {
  std::string p = "<w:p>";
  if (!style.empty()) p += "<w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr>";
  return p + Run(text, bold) + "</w:p>";
}

// An empty paragraph with a line under it: one line of writing space.
std::string WritingLine() {
  return "<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"1\" "
         "w:color=\"808080\"/></w:pBdr><w:spacing w:before=\"240\" w:after=\"0\"/></w:pPr></w:p>";
}

std::string Cell(const std::string& text, int width, bool header) {
  std::string c = "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/>";
  if (header) c += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E7E9EE\"/>";
  c += "</w:tcPr>";
  return c + Para(text, "", header) + "</w:tc>";
}

std::string Row(const std::vector<std::string>& cells, int width, bool header, bool tall) {
  std::string r = "<w:tr>";
  if (header) r += "<w:trPr><w:tblHeader/></w:trPr>";
  if (tall) r += "<w:trPr><w:trHeight w:val=\"850\" w:hRule=\"atLeast\"/></w:trPr>";
  for (const auto& c : cells) r += Cell(c, width, header);
  return r + "</w:tr>";
}

std::string Table(const std::vector<std::vector<std::string>>& rows, bool header_row) {
  // 9638 twips = 17 cm, the text width of A4 with 2 cm margins.
  size_t cols = rows.empty() ? 1 : rows[0].size();
  int width = static_cast<int>(9638 / (cols ? cols : 1));
  std::string t =
      "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"9638\" w:type=\"dxa\"/>"
      "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/>"
      "<w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/>"
      "<w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/>"
      "</w:tblBorders></w:tblPr><w:tblGrid>";
  for (size_t i = 0; i < cols; ++i) t += "<w:gridCol w:w=\"" + std::to_string(width) + "\"/>";
  t += "</w:tblGrid>";
  for (size_t i = 0; i < rows.size(); ++i) {
    bool header = header_row && i == 0;
    t += Row(rows[i], width, header, !header);
  }
  return t + "</w:tbl>" + Para("");
}

// A section, blank or (with `a`) filled in: ticked boxes with any words
// after the item, table cells, paragraphs of text.
std::string SectionXml(const WorksheetSection& s, const FormAnswers::Section* a) {
  static const FormAnswers::Section kBlank;
  const FormAnswers::Section& answer = a ? *a : kBlank;
  std::string x = Para(s.heading, "Heading2");
  if (!s.prompt.empty()) x += Para(s.prompt);
  if (s.kind == "text") {
    if (!answer.paragraphs.empty()) {
      for (const auto& p : answer.paragraphs) x += Para(p);
    } else {
      for (int i = 0; i < s.lines; ++i) x += WritingLine();
    }
    x += Para("");
  } else if (s.kind == "checklist") {
    for (const auto& item : s.items) {
      std::string line = std::string(kBox) + "  " + item;
      for (const auto& [label, after] : answer.ticked) {
        if (label == item) line = std::string(kTicked) + "  " + item + (after.empty() ? "" : ": " + after);
      }
      x += Para(line, "ListParagraph");
    }
  } else if (s.kind == "table") {
    std::vector<std::vector<std::string>> rows;
    rows.push_back(s.columns);
    bool labelled = !s.rows.empty();
    if (labelled) rows[0].insert(rows[0].begin(), "");
    for (const auto& label : s.rows) {
      std::vector<std::string> r(rows[0].size(), "");
      r[0] = label;
      for (const auto& row : answer.rows) {
        if (!row.empty() && row[0] == label) {
          for (size_t c = 1; c < r.size() && c < row.size(); ++c) r[c] = row[c];
        }
      }
      rows.push_back(r);
    }
    int blank = s.empty_rows;
    if (!labelled && !answer.rows.empty()) {
      for (const auto& row : answer.rows) {
        std::vector<std::string> r(rows[0].size(), "");
        for (size_t c = 0; c < r.size() && c < row.size(); ++c) r[c] = row[c];
        rows.push_back(r);
      }
      blank = std::max(1, blank - static_cast<int>(answer.rows.size()));
    }
    for (int i = 0; i < blank; ++i) rows.push_back(std::vector<std::string>(rows[0].size(), ""));
    x += Table(rows, true);
  } else if (s.kind == "scale") {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> head = {""};
    for (int v = s.scale_min; v <= s.scale_max; ++v) {
      std::string label = std::to_string(v);
      if (v == s.scale_min && !s.min_label.empty()) label += " " + s.min_label;
      if (v == s.scale_max && !s.max_label.empty()) label += " " + s.max_label;
      head.push_back(label);
    }
    rows.push_back(head);
    for (const auto& item : s.items) {
      std::vector<std::string> r(head.size(), kBox);
      r[0] = item;
      rows.push_back(r);
    }
    x += Table(rows, true);
  }
  return x;
}

const char* kContentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    "<Override PartName=\"/docProps/custom.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.custom-properties+xml\"/>"
    "</Types>";

const char* kRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties\" Target=\"docProps/custom.xml\"/>"
    "</Relationships>";

const char* kDocumentRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>"
    "</Relationships>";

const char* kSettings =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:defaultTabStop w:val=\"720\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" "
    "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>";

std::string Style(const std::string& id, const std::string& name, int size_half_points, bool bold,
                  int before, int after, bool keep_next) {
  std::string s = "<w:style w:type=\"paragraph\" w:styleId=\"" + id + "\"><w:name w:val=\"" +
                  name + "\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
                  "<w:pPr>" + std::string(keep_next ? "<w:keepNext/>" : "") +
                  "<w:spacing w:before=\"" + std::to_string(before) + "\" w:after=\"" +
                  std::to_string(after) + "\"/>";
  if (id == "Heading1") s += "<w:outlineLvl w:val=\"0\"/>";
  if (id == "Heading2") s += "<w:outlineLvl w:val=\"1\"/>";
  s += "</w:pPr><w:rPr>" + std::string(bold ? "<w:b/>" : "") + "<w:sz w:val=\"" +
       std::to_string(size_half_points) + "\"/></w:rPr></w:style>";
  return s;
}

std::string Styles(const std::string& language) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
         "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" "
         "w:eastAsia=\"Arial\" w:cs=\"Arial\"/><w:sz w:val=\"22\"/><w:lang w:val=\"" + XmlEscape(language) + "\"/>"
         "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\" "
         "w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
         "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
         "<w:qFormat/></w:style>" +
         Style("Title", "Title", 40, true, 0, 240, true) +
         Style("Heading1", "heading 1", 30, true, 360, 120, true) +
         Style("Heading2", "heading 2", 26, true, 280, 100, true) +
         Style("ListParagraph", "List Paragraph", 22, false, 0, 60, false) +
         "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>"
         "<w:tblPr><w:tblCellMar><w:left w:w=\"108\" w:type=\"dxa\"/><w:right w:w=\"108\" "
         "w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style></w:styles>";
}

}  // namespace

std::string WorksheetDocx(const Worksheet& ws, const DocxMeta& meta, const Messages& words,
                          std::string* err, const FormAnswers* answers) {
  std::string body = Para(ws.title, "Title");
  body += Para(ws.summary);
  body += Para(words.Get("worksheet_file.about_this_worksheet"), "Heading1");
  body += Para(words.Get("worksheet_file.purpose") + " ", "", true) + Para(ws.purpose);
  if (!ws.who.empty()) {
    body += Para(words.Get("worksheet_file.who_should_fill_it_in") + " ", "", true) + Para(ws.who);
  }
  if (!ws.time_needed.empty()) body += Para(words.Get("worksheet_file.time_needed") + " " + ws.time_needed);
  if (!meta.send_to.empty()) {
    body += Para(words.Get("worksheet_file.where_to_send_it") + " ", "", true) + Para(meta.send_to);
  }
  if (!ws.you_need.empty()) {
    body += Para(words.Get("worksheet_file.what_you_need"), "Heading2");
    for (const auto& n : ws.you_need) body += Para(std::string(kBox) + "  " + n, "ListParagraph");
  }
  if (!ws.steps.empty()) {
    body += Para(words.Get("worksheet_file.steps"), "Heading2");
    for (size_t i = 0; i < ws.steps.size(); ++i) {
      body += Para(std::to_string(i + 1) + ". " + ws.steps[i], "ListParagraph");
    }
  }
  body += Para(words.Get("worksheet_file.your_answers"), "Heading1");
  for (const auto& s : ws.sections) {
    const FormAnswers::Section* a = nullptr;
    if (answers) {
      auto it = answers->sections.find(s.id);
      if (it != answers->sections.end()) a = &it->second;
    }
    body += SectionXml(s, a);
  }
  const std::string licence = words.Get("worksheet_file.licence", {{"licence", meta.licence}});
  body += Para(meta.source_note + " " + licence);
  std::string document =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>" +
      body +
      "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" "
      "w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>"
      "</w:sectPr></w:body></w:document>";
  // The core properties may only hold the Dublin Core and OPC elements the
  // package format lists, none of which is a licence; so the licence is in
  // dc:description for people, and a custom property "Licence" (File >
  // Properties > Custom in Word and LibreOffice) for anything that reads
  // properties by name. No dates: the bytes are the same on every build.
  std::string core =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
      "<dc:title>" + XmlEscape(ws.title) + "</dc:title>"
      "<dc:subject>" + XmlEscape(ws.summary) + "</dc:subject>"
      "<dc:creator>" + XmlEscape(meta.site_title) + "</dc:creator>"
      "<cp:keywords>" + XmlEscape(words.Get("worksheet_file.keywords")) + "; " + XmlEscape(ws.id) +
      "</cp:keywords>"
      "<dc:description>" + XmlEscape(licence + " " + meta.source_note) +
      "</dc:description><dc:language>" + XmlEscape(meta.language) + "</dc:language><cp:category>" +
      XmlEscape(words.Get("worksheet_file.category")) + "</cp:category>"
      "</cp:coreProperties>";
  std::string app =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
      "<Application>Commonplace</Application></Properties>";
  // Custom properties: pid 2 onwards, all in the one format id Office uses
  // for user-defined properties.
  std::string custom =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" "
      "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">";
  int pid = 2;
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"Licence", meta.licence}, {"Source", meta.source_note}}) {
    if (value.empty()) continue;
    custom += "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"" +
              std::to_string(pid++) + "\" name=\"" + XmlEscape(name) + "\"><vt:lpwstr>" +
              XmlEscape(value) + "</vt:lpwstr></property>";
  }
  custom += "</Properties>";
  return ZipEntries({{"[Content_Types].xml", kContentTypes},
                     {"_rels/.rels", kRels},
                     {"word/document.xml", document},
                     {"word/_rels/document.xml.rels", kDocumentRels},
                     {"word/styles.xml", Styles(meta.language)},
                     {"word/settings.xml", kSettings},
                     {"docProps/core.xml", core},
                     {"docProps/app.xml", app},
                     {"docProps/custom.xml", custom}},
                    err);
}

std::string WorksheetMarkdown(const Worksheet& ws, const DocxMeta& meta, const Messages& words) {
  auto label = [&](const char* key) { return "**" + words.Get(std::string("worksheet_file.") + key) + "** "; };
  std::string md = "# " + ws.title + "\n\n" + ws.summary + "\n\n## " +
                   words.Get("worksheet_file.about_this_worksheet") + "\n\n";
  md += label("purpose") + ws.purpose + "\n\n";
  if (!ws.who.empty()) md += label("who_should_fill_it_in") + ws.who + "\n\n";
  if (!ws.time_needed.empty()) md += label("time_needed") + ws.time_needed + "\n\n";
  if (!meta.send_to.empty()) md += label("where_to_send_it") + meta.send_to + "\n\n";
  if (!ws.you_need.empty()) {
    md += "### " + words.Get("worksheet_file.what_you_need") + "\n\n";
    for (const auto& n : ws.you_need) md += "- [ ] " + n + "\n";
    md += "\n";
  }
  if (!ws.steps.empty()) {
    md += "### " + words.Get("worksheet_file.steps") + "\n\n";
    for (size_t i = 0; i < ws.steps.size(); ++i) md += std::to_string(i + 1) + ". " + ws.steps[i] + "\n";
    md += "\n";
  }
  md += "## " + words.Get("worksheet_file.your_answers") + "\n\n";
  for (const auto& s : ws.sections) {
    md += "### " + s.heading + "\n\n";
    if (!s.prompt.empty()) md += s.prompt + "\n\n";
    if (s.kind == "text") {
      for (int i = 0; i < s.lines; ++i) md += "> \n";
      md += "\n";
    } else if (s.kind == "checklist") {
      for (const auto& item : s.items) md += "- [ ] " + item + "\n";
      md += "\n";
    } else if (s.kind == "table") {
      std::vector<std::string> head = s.columns;
      if (!s.rows.empty()) head.insert(head.begin(), " ");
      md += "| " + Join(head, " | ") + " |\n|" ;
      for (size_t i = 0; i < head.size(); ++i) md += "---|";
      md += "\n";
      for (const auto& label : s.rows) {
        md += "| " + label;
        for (size_t i = 1; i < head.size(); ++i) md += " |  ";
        md += " |\n";
      }
      for (int r = 0; r < s.empty_rows; ++r) {
        md += "|";
        for (size_t i = 0; i < head.size(); ++i) md += "   |";
        md += "\n";
      }
      md += "\n";
    } else if (s.kind == "scale") {
      std::string min = std::to_string(s.scale_min) + (s.min_label.empty() ? "" : " (" + s.min_label + ")");
      std::string max = std::to_string(s.scale_max) + (s.max_label.empty() ? "" : " (" + s.max_label + ")");
      md += words.Get("worksheet_file.score_each", {{"min", min}, {"max", max}}) + "\n\n";
      for (const auto& item : s.items) md += "- " + item + ": ___\n";
      md += "\n";
    }
  }
  md += "---\n\n" + meta.source_note + " " +
        words.Get("worksheet_file.licence", {{"licence", meta.licence}}) + "\n";
  return md;
}

}  // namespace commonplace
