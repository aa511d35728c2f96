// Worksheet downloads: every .docx is a well-formed Office Open XML
// package, deterministic, and LibreOffice can turn it into a PDF that shows
// the headings and prompts.
#include <doctest/doctest.h>
#include <expat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "base/fs.h"
#include "base/strings.h"
#include "docx/worksheet_docx.h"
#include "docx/zip_writer.h"
#include "load/loader.h"

namespace fs = std::filesystem;
using namespace commonplace;

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

const DocxMeta kMeta{"Commonplace", "CC BY-NC 4.0", "Adapted from the equitable partnerships toolkit (2025)."};

}  // namespace

TEST_CASE("every shipped worksheet is a well-formed docx package") {
  auto sheets = Shipped();
  REQUIRE(sheets.size() >= 5);
  for (const auto& ws : sheets) {
    std::string err;
    std::string docx = WorksheetDocx(ws, kMeta, &err);
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
                                 "docProps/core.xml", "docProps/app.xml"}) {
      CHECK_MESSAGE(names.count(required), ws.id << " lacks " << required);
    }
    // Every section heading is in the document, and the title in the properties.
    std::string document;
    for (const auto& [name, data] : parts) {
      if (name == "word/document.xml") document = data;
      if (name == "docProps/core.xml") CHECK(data.find("<dc:title>") != std::string::npos);
    }
    for (const auto& s : ws.sections) {
      CHECK_MESSAGE(document.find(XmlEscape(s.heading)) != std::string::npos, ws.id << ": " << s.heading);
    }
    // Deterministic: no clock in the archive.
    CHECK(WorksheetDocx(ws, kMeta, &err) == docx);
  }
}

TEST_CASE("markdown copy has every heading, prompt and checklist box") {
  for (const auto& ws : Shipped()) {
    std::string md = WorksheetMarkdown(ws, kMeta);
    CHECK(md.rfind("# " + ws.title + "\n", 0) == 0);
    for (const auto& s : ws.sections) {
      CHECK(md.find("### " + s.heading + "\n") != std::string::npos);
      if (!s.prompt.empty()) CHECK(md.find(s.prompt) != std::string::npos);
      for (const auto& item : s.items) {
        if (s.kind == "checklist") CHECK(md.find("- [ ] " + item) != std::string::npos);
      }
    }
  }
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
        "content/templates/x.yaml:1:5: error: worksheet id 'y' does not match the file name 'x'");
  CHECK(FormatHeadline(d.items()[1]) ==
        "content/templates/x.yaml:8:11: error: unknown section kind 'textt'");
  CHECK(d.items()[1].hint == "did you mean 'text'? Use one of: text, table, checklist, scale");
}

TEST_CASE("LibreOffice opens every docx and the PDF shows headings and prompts") {
  if (std::system("command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1") != 0) {
    MESSAGE("soffice or pdftotext not installed: skipping the LibreOffice conversion test");
    return;
  }
  fs::path dir = fs::temp_directory_path() / ("docx-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto sheets = Shipped();
  std::string files;
  for (const auto& ws : sheets) {
    std::string err;
    std::ofstream(dir / (ws.id + ".docx"), std::ios::binary) << WorksheetDocx(ws, kMeta, &err);
    files += " " + (dir / (ws.id + ".docx")).string();
  }
  // One soffice run for all files; its own profile folder so it never
  // touches (or waits for) a user's running office.
  std::string cmd = "cd " + dir.string() + " && timeout 300 soffice -env:UserInstallation=file://" +
                    dir.string() + "/profile --headless --convert-to pdf --outdir " +
                    dir.string() + files + " >/dev/null 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  for (const auto& ws : sheets) {
    fs::path pdf = dir / (ws.id + ".pdf");
    REQUIRE_MESSAGE(fs::exists(pdf), ws.id << ".pdf was not produced");
    std::string txt = (dir / (ws.id + ".txt")).string();
    REQUIRE(std::system(("pdftotext -layout " + pdf.string() + " " + txt).c_str()) == 0);
    std::string text = *ReadFile(txt);
    std::string flat;
    for (char c : text) flat += (c == '\n' || c == ' ') ? ' ' : c;
    auto squeeze = [](std::string s) {
      std::string out;
      for (char c : s) {
        if (c != ' ' || (out.size() && out.back() != ' ')) out += c;
      }
      return out;
    };
    flat = squeeze(flat);
    CHECK_MESSAGE(flat.find(squeeze(ws.title)) != std::string::npos, ws.id << ": title");
    for (const auto& s : ws.sections) {
      CHECK_MESSAGE(flat.find(squeeze(s.heading)) != std::string::npos, ws.id << ": " << s.heading);
    }
  }
  fs::remove_all(dir);
}
