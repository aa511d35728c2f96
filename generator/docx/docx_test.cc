// Worksheet downloads: every .docx is a well-formed Office Open XML
// package, deterministic, and LibreOffice can turn it into a PDF that shows
// the headings and prompts.
#include <doctest/doctest.h>
#include <expat.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <vector>

#include "base/fs.h"
#include "base/strings.h"
#include "docx/office_tools_test.h"
#include "docx/theme_words_test.h"
#include "docx/worksheet_docx.h"
#include "docx/zip_writer.h"
#include "load/loader.h"

namespace fs = std::filesystem;
using namespace commonplace;
using commonplace::testing::Cy;
using commonplace::testing::En;

namespace {

bool WellFormed(const std::string& xml, std::string* err) {
  XML_Parser p = XML_ParserCreate("UTF-8");
  bool ok = XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
  if (!ok) {
    *err = std::string(XML_ErrorString(XML_GetErrorCode(p))) + " at line " +
           std::to_string(XML_GetCurrentLineNumber(p));
  }
  XML_ParserFree(p);
  return ok;
}

std::vector<Worksheet> Shipped() {
  std::vector<Worksheet> out;
  std::string root = COMMONPLACE_SOURCE_DIR;
  for (const auto& rel : ListFiles(root, "content/templates", ".yaml")) {
    Diagnostics d;
    std::string text;
    REQUIRE(ReadContentFile(root, rel, &text, d));
    Worksheet ws;
    CHECK_MESSAGE(LoadWorksheet(rel, text, &ws, d), rel);
    out.push_back(ws);
  }
  return out;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// What every form of a worksheet says about it before the fields: purpose,
// who, time needed, what you need and the steps.
std::vector<std::string> AboutTexts(const Worksheet& ws) {
  std::vector<std::string> texts = {ws.purpose, ws.who, ws.time_needed};
  texts.insert(texts.end(), ws.you_need.begin(), ws.you_need.end());
  texts.insert(texts.end(), ws.steps.begin(), ws.steps.end());
  return texts;
}


// Lines joined and runs of spaces squeezed, so wrapped text still matches.
std::string Squeeze(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n' || c == '\t' || c == '\f') c = ' ';
    if (c != ' ' || (!out.empty() && out.back() != ' ')) out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

const DocxMeta kMeta{"Commonplace", "CC BY-NC 4.0", "Adapted from the equitable partnerships toolkit (2025).", ""};

}  // namespace

TEST_CASE("every shipped worksheet is a well-formed docx package") {
  auto sheets = Shipped();
  REQUIRE(sheets.size() >= 5);
  for (const auto& ws : sheets) {
    std::string err;
    std::string docx = WorksheetDocx(ws, kMeta, En(), &err);
    REQUIRE_MESSAGE(!docx.empty(), ws.id << ": " << err);
    std::vector<std::pair<std::string, std::string>> parts;
    REQUIRE(UnzipEntries(docx, &parts, &err));
    std::set<std::string> names;
    for (const auto& [name, data] : parts) {
      names.insert(name);
      CHECK_MESSAGE(WellFormed(data, &err), ws.id << " " << name << ": " << err);
    }
    for (const char* required : {"[Content_Types].xml", "_rels/.rels", "word/document.xml",
                                 "word/_rels/document.xml.rels", "word/styles.xml",
                                 "docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"}) {
      CHECK_MESSAGE(names.count(required), ws.id << " lacks " << required);
    }
    std::map<std::string, std::string> part(parts.begin(), parts.end());
    // Every part but the content types is reached from a relationship, and
    // has a content type.
    for (const char* target : {"word/document.xml", "docProps/core.xml", "docProps/app.xml",
                               "docProps/custom.xml"}) {
      CHECK_MESSAGE(Contains(part["_rels/.rels"], std::string("Target=\"") + target + "\""), target);
      CHECK_MESSAGE(Contains(part["[Content_Types].xml"], std::string("PartName=\"/") + target + "\""), target);
    }
    // The title and the licence are document properties.
    const std::string& core = part["docProps/core.xml"];
    CHECK(Contains(core, "<dc:title>" + XmlEscape(ws.title) + "</dc:title>"));
    CHECK(Contains(core, "<dc:description>Licence: CC BY-NC 4.0."));
    CHECK_FALSE(Contains(core, "dcterms:created"));  // no build date
    CHECK_FALSE(Contains(core, "dcterms:modified"));
    CHECK(Contains(part["docProps/custom.xml"],
                   "name=\"Licence\"><vt:lpwstr>CC BY-NC 4.0</vt:lpwstr></property>"));
    // Everything about the worksheet, and every section heading and prompt.
    const std::string& document = part["word/document.xml"];
    for (const std::string& text : AboutTexts(ws)) {
      CHECK_MESSAGE(Contains(document, XmlEscape(text)), ws.id << ": " << text);
    }
    for (const auto& s : ws.sections) {
      CHECK_MESSAGE(Contains(document, XmlEscape(s.heading)), ws.id << ": " << s.heading);
      CHECK_MESSAGE(Contains(document, XmlEscape(s.prompt)), ws.id << ": " << s.prompt);
    }
    // Deterministic: no clock in the archive, whatever the time zone.
    CHECK(WorksheetDocx(ws, kMeta, En(), &err) == docx);
  }
}

TEST_CASE("the docx bytes do not depend on the time zone") {
  auto sheets = Shipped();
  REQUIRE(!sheets.empty());
  std::string err;
  const char* old = std::getenv("TZ");
  std::string saved = old ? old : "";
  std::vector<std::string> seen;
  for (const char* tz : {"UTC0", "EST5EDT", "NZST-12NZDT", "HST10"}) {
    ::setenv("TZ", tz, 1);
    ::tzset();
    seen.push_back(WorksheetDocx(sheets[0], kMeta, En(), &err));
  }
  if (old) ::setenv("TZ", saved.c_str(), 1);
  else ::unsetenv("TZ");
  ::tzset();
  for (const auto& bytes : seen) CHECK(bytes == seen[0]);
}

TEST_CASE("markdown copy has every heading, prompt and checklist box") {
  for (const auto& ws : Shipped()) {
    std::string md = WorksheetMarkdown(ws, kMeta, En());
    CHECK(md.rfind("# " + ws.title + "\n", 0) == 0);
    for (const std::string& text : AboutTexts(ws)) CHECK_MESSAGE(Contains(md, text), ws.id << ": " << text);
    for (const auto& s : ws.sections) {
      CHECK(md.find("### " + s.heading + "\n") != std::string::npos);
      if (!s.prompt.empty()) CHECK(md.find(s.prompt) != std::string::npos);
      for (const auto& item : s.items) {
        if (s.kind == "checklist") CHECK(md.find("- [ ] " + item) != std::string::npos);
      }
    }
  }
}

TEST_CASE("a form with somewhere to send it says where, in Word and in Markdown") {
  auto sheets = Shipped();
  REQUIRE(!sheets.empty());
  DocxMeta meta = kMeta;
  meta.send_to = "By email to evidence@uni.test.";
  std::string err;
  std::vector<std::pair<std::string, std::string>> parts;
  REQUIRE(UnzipEntries(WorksheetDocx(sheets[0], meta, En(), &err), &parts, &err));
  std::map<std::string, std::string> part(parts.begin(), parts.end());
  CHECK(Contains(part["word/document.xml"], "Where to send it: "));
  CHECK(Contains(part["word/document.xml"], "By email to evidence@uni.test."));
  CHECK(Contains(WorksheetMarkdown(sheets[0], meta, En()), "**Where to send it:** By email to evidence@uni.test.\n"));
  // Without it, neither says anything about sending.
  parts.clear();
  REQUIRE(UnzipEntries(WorksheetDocx(sheets[0], kMeta, En(), &err), &parts, &err));
  part = std::map<std::string, std::string>(parts.begin(), parts.end());
  CHECK_FALSE(Contains(part["word/document.xml"], "Where to send it"));
  CHECK_FALSE(Contains(WorksheetMarkdown(sheets[0], kMeta, En()), "Where to send it"));
}

namespace {

// The literal pieces of a message between its placeholders that hold a
// word: what would show that the message was written in that language.
std::vector<std::string> Pieces(const std::string& message) {
  std::vector<std::string> out;
  std::string rest = message;
  for (;;) {
    size_t open = rest.find('{');
    std::string piece = Trim(rest.substr(0, open));
    while (!piece.empty() && std::string(".,:;()").find(piece.back()) != std::string::npos) piece.pop_back();
    while (!piece.empty() && std::string(".,:;() ").find(piece.front()) != std::string::npos) piece.erase(0, 1);
    if (piece.size() >= 5) out.push_back(piece);
    size_t close = open == std::string::npos ? std::string::npos : rest.find('}', open);
    if (close == std::string::npos) break;
    rest = rest.substr(close + 1);
  }
  return out;
}

}  // namespace

TEST_CASE("a worksheet downloaded from a Welsh site has no English word around its content") {
  DocxMeta meta{"Commonplace", "CC BY-NC 4.0",
                Cy().Get("worksheet_file.adapted_for", {{"site", "Commonplace"}}),
                Cy().Get("worksheet_file.send_by_email", {{"email", "evidence@uni.test"}}), "cy"};
  int checked = 0;
  for (const auto& ws : Shipped()) {
    CAPTURE(ws.id);
    // The worksheet's own text is content (English until it is translated):
    // it cannot show that the interface is English.
    std::string content;
    Diagnostics d;
    REQUIRE(ReadContentFile(COMMONPLACE_SOURCE_DIR, ws.path, &content, d));
    std::string err;
    std::vector<std::pair<std::string, std::string>> parts;
    REQUIRE(UnzipEntries(WorksheetDocx(ws, meta, Cy(), &err), &parts, &err));
    std::map<std::string, std::string> part(parts.begin(), parts.end());
    std::string md = WorksheetMarkdown(ws, meta, Cy());
    for (const auto& key : En().Keys()) {
      if (key.rfind("worksheet_file.", 0) != 0 || En().Raw(key) == Cy().Raw(key)) continue;
      for (const auto& piece : Pieces(En().Raw(key))) {
        if (Contains(content, piece)) continue;
        ++checked;
        CHECK_MESSAGE(!Contains(part["word/document.xml"], XmlEscape(piece)), key << ": " << piece);
        CHECK_MESSAGE(!Contains(part["docProps/core.xml"], XmlEscape(piece)), key << ": " << piece);
        CHECK_MESSAGE(!Contains(md, piece), key << ": " << piece);
      }
    }
    CHECK(Contains(part["word/document.xml"], ">Am y daflen waith hon<"));
    CHECK(Contains(part["word/document.xml"], " Trwydded: CC BY-NC 4.0.<"));
    CHECK(Contains(part["word/styles.xml"], "<w:lang w:val=\"cy\"/>"));
    CHECK(Contains(part["docProps/core.xml"], "<dc:language>cy</dc:language>"));
    CHECK(md.find("## Am y daflen waith hon\n") != std::string::npos);
    CHECK(Contains(md, "**Ble i'w hanfon:** Drwy e-bost at evidence@uni.test.\n"));
  }
  CHECK(checked > 40);
}

TEST_CASE("worksheet loader diagnostics") {
  Diagnostics d;
  Worksheet ws;
  LoadWorksheet("content/templates/x.yaml",
                "id: y\ntitle: T\nsummary: S\npurpose: P\nsections:\n  - id: a\n    heading: H\n"
                "    kind: textt\nsources: [{source: toolkit-2025, locator: p.1}]\n",
                &ws, d);
  REQUIRE(d.items().size() == 2);
  CHECK(FormatHeadline(d.items()[0]) ==
        "content/templates/x.yaml:1:5: error: worksheet id 'y' does not match the file name 'x' (field: id)");
  CHECK(FormatHeadline(d.items()[1]) ==
        "content/templates/x.yaml:8:11: error: unknown section kind 'textt' (field: sections[0].kind)");
  CHECK(d.items()[1].hint == "did you mean 'text'? Use one of: text, table, checklist, scale");
}

TEST_CASE("LibreOffice opens every docx and the PDF shows headings and prompts") {
  // Missing tools are a failure, not a pass: the .docx files are only known
  // to open in an office suite if this test ran.
  if (!commonplace::testing::UseOfficeTools(
          {{"soffice", "libreoffice-writer-nogui"}, {"pdftotext", "poppler-utils"}})) {
    return;
  }
  fs::path dir = fs::temp_directory_path() / ("docx-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto sheets = Shipped();
  REQUIRE(sheets.size() >= 5);
  std::string files;
  for (const auto& ws : sheets) {
    std::string err;
    std::string docx = WorksheetDocx(ws, kMeta, En(), &err);
    REQUIRE_MESSAGE(!docx.empty(), ws.id << ": " << err);
    std::ofstream(dir / (ws.id + ".docx"), std::ios::binary) << docx;
    files += " " + (dir / (ws.id + ".docx")).string();
  }
  // One soffice run for all files; its own profile folder so it never
  // touches (or waits for) a user's running office.
  std::string cmd = "cd " + dir.string() + " && timeout 300 soffice -env:UserInstallation=file://" +
                    dir.string() + "/profile --headless --convert-to pdf --outdir " +
                    dir.string() + files + " >" + (dir / "soffice.log").string() + " 2>&1";
  int rc = std::system(cmd.c_str());
  auto log = ReadFile((dir / "soffice.log").string());
  REQUIRE_MESSAGE(rc == 0, "soffice failed: " << (log ? *log : std::string()));
  for (const auto& ws : sheets) {
    fs::path pdf = dir / (ws.id + ".pdf");
    REQUIRE_MESSAGE(fs::exists(pdf), ws.id << ".pdf was not produced");
    CHECK_MESSAGE(fs::file_size(pdf) > 1000, ws.id << ".pdf is empty");
    std::string txt = (dir / (ws.id + ".txt")).string();
    // Reading order (no -layout), so a paragraph's wrapped lines follow
    // each other and a table's cells do not interleave.
    REQUIRE(std::system(("pdftotext -enc UTF-8 " + pdf.string() + " " + txt).c_str()) == 0);
    std::string text = Squeeze(*ReadFile(txt));
    CHECK_MESSAGE(Contains(text, Squeeze(ws.title)), ws.id << ": title");
    for (const std::string& about : AboutTexts(ws)) {
      CHECK_MESSAGE(Contains(text, Squeeze(about)), ws.id << ": " << about);
    }
    for (const auto& s : ws.sections) {
      CHECK_MESSAGE(Contains(text, Squeeze(s.heading)), ws.id << ": heading " << s.heading);
      CHECK_MESSAGE(Contains(text, Squeeze(s.prompt)), ws.id << ": prompt " << s.prompt);
      if (s.kind == "checklist") {
        for (const auto& item : s.items) CHECK_MESSAGE(Contains(text, Squeeze(item)), ws.id << ": " << item);
      }
    }
  }
  fs::remove_all(dir);
}
