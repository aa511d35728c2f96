// The submission form read back: every shipped case study survives being
// written into the form and read out again (directly, and after LibreOffice
// has opened and saved the file), problems name their section and row, and
// damaged or hostile files fail cleanly and quickly.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>

#include "base/fs.h"
#include "base/strings.h"
#include "docx/case_study_form.h"
#include "docx/office_tools_test.h"
#include "docx/read_form.h"
#include "docx/theme_words_test.h"
#include "scaffold/case_study_file.h"
#include "docx/worksheet_docx.h"
#include "docx/zip_writer.h"
#include "load/loader.h"

namespace fs = std::filesystem;
using namespace commonplace;
using commonplace::testing::Cy;
using commonplace::testing::En;

namespace {

// Every language the theme ships, as `commonplace import` reads a form.
const FormLanguages& Languages() {
  static const FormLanguages all = {&En(), &Cy()};
  return all;
}

const DocxMeta kMeta{"Commonplace", "CC BY 4.0", "Adapted from the toolkit.", ""};

const Library& Shipped() {
  static Library lib = [] {
    Library l;
    Diagnostics d;
    LoadLibrary(COMMONPLACE_SOURCE_DIR, &l, d);
    return l;
  }();
  return lib;
}

const Worksheet& Form() {
  for (const auto& ws : Shipped().worksheets) {
    if (ws.id == kSubmissionFormId) return ws;
  }
  FAIL("no submission form in the shipped content");
  static Worksheet none;
  return none;
}

// The front matter a case study's file holds, for comparing: the fields
// the form carries (editor_note is for editors, the body is compared apart).
// A checklist has no order, so the terms of each list are compared sorted.
std::string FrontMatter(CaseStudy cs) {
  cs.editor_note.clear();
  cs.body_md.clear();
  for (auto* list : {&cs.activities, &cs.emergence, &cs.drivers, &cs.barriers, &cs.enablers,
                     &cs.strategies, &cs.learning}) {
    std::sort(list->begin(), list->end());
  }
  return CaseStudyFile(cs);
}

std::string Squeeze(const std::string& s) {
  std::string out;
  for (char c : s) {
    bool space = c == ' ' || c == '\n' || c == '\t';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return Trim(out);
}

// Reads `docx` as the form, in at most a second; returns the error.
std::string Refusal(const std::string& docx) {
  FormAnswers answers;
  std::string error;
  auto start = std::chrono::steady_clock::now();
  bool ok = ReadFormDocx(docx, Form(), Languages(), &answers, &error);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK_FALSE(ok);
  CHECK(seconds < 1.0);
  CHECK(!error.empty());
  return error;
}

std::string BlankForm() {
  std::string err;
  std::string docx = WorksheetDocx(Form(), kMeta, En(), &err);
  REQUIRE(!docx.empty());
  return docx;
}

// The form's parts, with one replaced.
std::string WithPart(const std::string& name, const std::string& content) {
  std::vector<std::pair<std::string, std::string>> parts;
  std::string err;
  REQUIRE(UnzipEntries(BlankForm(), &parts, &err));
  bool found = false;
  for (auto& [n, c] : parts) {
    if (n == name) {
      c = content;
      found = true;
    }
  }
  if (!found) parts.push_back({name, content});
  std::string docx = ZipEntries(parts, &err);
  REQUIRE(!docx.empty());
  return docx;
}

}  // namespace

TEST_CASE("every shipped case study survives the form: written in, read back, the same front matter") {
  const Library& lib = Shipped();
  REQUIRE(lib.case_studies.size() >= 30);
  for (const auto& cs : lib.case_studies) {
    CAPTURE(cs.slug);
    FormAnswers answers = CaseStudyAnswers(lib, Form(), En(), cs);
    std::string err;
    std::string docx = WorksheetDocx(Form(), kMeta, En(), &err, &answers);
    REQUIRE(!docx.empty());
    FormAnswers read;
    REQUIRE_MESSAGE(ReadFormDocx(docx, Form(), Languages(), &read, &err), err);
    ImportedCaseStudy back = CaseStudyFromAnswers(lib, Form(), Languages(), read);
    CHECK(back.problems.empty());
    CHECK(back.unplaced.empty());
    CHECK(FrontMatter(back.cs) == FrontMatter(cs));
    CHECK(Squeeze(back.cs.body_md) == Squeeze(cs.body_md));
    // The file it writes loads back as the same case study.
    std::string file = CaseStudyFile(back.cs);
    CaseStudy again;
    Diagnostics d;
    REQUIRE(LoadCaseStudy("casestudies/x.md", file, &again, d));
    CHECK(FrontMatter(again) == FrontMatter(cs));
  }
}

TEST_CASE("a form downloaded from the Welsh site and filled in imports the same") {
  // The form's own words are Welsh there: the status ("Gweithredol"), the
  // closing note ("… Trwydded: CC BY 4.0."). The reader knows them because
  // it is given every language the theme ships; with English alone it
  // would not.
  const Library& lib = Shipped();
  DocxMeta meta{"Commonplace", "CC BY 4.0", Cy().Get("worksheet_file.adapted_for", {{"site", "Commonplace"}}),
                Cy().Get("worksheet_file.send_by_email", {{"email", "evidence@uni.test"}}), "cy"};
  const FormLanguages english_only = {&En()};
  std::set<std::string> statuses;
  int misread_in_english = 0;
  for (const auto& cs : lib.case_studies) {
    CAPTURE(cs.slug);
    FormAnswers answers = CaseStudyAnswers(lib, Form(), Cy(), cs);
    std::string err;
    std::string docx = WorksheetDocx(Form(), meta, Cy(), &err, &answers);
    REQUIRE(!docx.empty());
    FormAnswers read;
    REQUIRE_MESSAGE(ReadFormDocx(docx, Form(), Languages(), &read, &err), err);
    ImportedCaseStudy back = CaseStudyFromAnswers(lib, Form(), Languages(), read);
    CHECK(back.problems.empty());
    CHECK(back.unplaced.empty());
    CHECK(FrontMatter(back.cs) == FrontMatter(cs));
    CHECK(Squeeze(back.cs.body_md) == Squeeze(cs.body_md));
    statuses.insert(cs.status);
    FormAnswers read_en;
    REQUIRE(ReadFormDocx(docx, Form(), english_only, &read_en, &err));
    ImportedCaseStudy back_en = CaseStudyFromAnswers(lib, Form(), english_only, read_en);
    if (!back_en.problems.empty() || !back_en.unplaced.empty() || back_en.cs.status != cs.status) {
      ++misread_in_english;
    }
  }
  CHECK(statuses.size() >= 2);  // the shipped case studies give more than one status
  CHECK(misread_in_english == static_cast<int>(lib.case_studies.size()));
}

TEST_CASE("the round trip holds after LibreOffice opens and saves each filled-in form") {
  if (!commonplace::testing::UseOfficeTools({{"soffice", "libreoffice-writer-nogui"}})) return;
  const Library& lib = Shipped();
  fs::path dir = fs::temp_directory_path() / ("form-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "in");
  fs::create_directories(dir / "out");
  std::string files;
  for (const auto& cs : lib.case_studies) {
    FormAnswers answers = CaseStudyAnswers(lib, Form(), En(), cs);
    std::string err;
    std::ofstream(dir / "in" / (cs.slug + ".docx"), std::ios::binary)
        << WorksheetDocx(Form(), kMeta, En(), &err, &answers);
    files += " in/" + cs.slug + ".docx";
  }
  // One soffice run for every file, with a profile of its own.
  std::string cmd = "cd " + dir.string() + " && timeout 600 soffice -env:UserInstallation=file://" +
                    dir.string() + "/profile --headless --convert-to 'docx:MS Word 2007 XML' --outdir out" +
                    files + " >soffice.log 2>&1";
  int rc = std::system(cmd.c_str());
  auto log = ReadFile(dir / "soffice.log");
  REQUIRE_MESSAGE(rc == 0, "soffice failed: " << (log ? *log : std::string()));
  for (const auto& cs : lib.case_studies) {
    CAPTURE(cs.slug);
    auto saved = ReadFile(dir / "out" / (cs.slug + ".docx"));
    REQUIRE(saved.has_value());
    FormAnswers read;
    std::string err;
    REQUIRE_MESSAGE(ReadFormDocx(*saved, Form(), Languages(), &read, &err), err);
    ImportedCaseStudy back = CaseStudyFromAnswers(lib, Form(), Languages(), read);
    CHECK(back.problems.empty());
    CHECK(back.unplaced.empty());
    CHECK(FrontMatter(back.cs) == FrontMatter(cs));
    CHECK(Squeeze(back.cs.body_md) == Squeeze(cs.body_md));
  }
  fs::remove_all(dir);
}

TEST_CASE("what cannot become a field is named by section and row, with the nearest answer") {
  const Library& lib = Shipped();
  FormAnswers a;
  a.sections["basics"].rows = {{Form().sections[0].rows[0], "A test partnership"},
                               {Form().sections[0].rows[2], "finished"}};
  a.sections["partners"].rows = {{"Uni A", "University", "Research"},
                                 {"Group B", "Voluntary and community organisation", ""},
                                 {"Place C", "uni", "Host"}};
  a.sections["principles"].rows = {{"Take the tme", ""}};
  a.sections["sources"].rows = {{"A report nobody listed", "p.1"}};
  a.sections["figures"].rows = {{"People who came", "twelve", "people", "p.2"}};
  std::string err;
  std::string docx = WorksheetDocx(Form(), kMeta, En(), &err, &a);
  FormAnswers read;
  REQUIRE(ReadFormDocx(docx, Form(), Languages(), &read, &err));
  ImportedCaseStudy back = CaseStudyFromAnswers(lib, Form(), Languages(), read);
  std::vector<std::string> said;
  for (const auto& p : back.problems) said.push_back(p.where + ": " + p.message);
  std::string all = Join(said, "\n");
  INFO(all);
  CHECK(all.find("section \"Partners\", row 3: unknown partner kind \"uni\" (did you mean "
                 "\"university\"?)") != std::string::npos);
  CHECK(all.find("section \"The partnership\", row 3: the status \"finished\"") != std::string::npos);
  CHECK(all.find("\"Take the tme\" is not one of the site's principles") != std::string::npos);
  CHECK(all.find("\"A report nobody listed\" is not a source this site lists yet") != std::string::npos);
  CHECK(all.find("\"twelve\" is not a number") != std::string::npos);
  REQUIRE(back.cs.partners.size() == 3);
  CHECK(back.cs.partners[0].kind == "university");
  CHECK(back.cs.partners[2].kind.empty());
  // Each kept in a comment for the maintainer.
  std::string file = CaseStudyFile(back.cs, back.unplaced);
  CHECK(file.find("# section \"Partners\", row 3: partner kind: uni") != std::string::npos);
}

TEST_CASE("a person's own ticks and words are read: other tick marks, an X, words after an item") {
  const WorksheetSection* activities = nullptr;
  for (const auto& s : Form().sections) {
    if (s.id == "activities") activities = &s;
  }
  REQUIRE(activities);
  REQUIRE(activities->items.size() >= 3);
  std::string xml;
  std::vector<std::pair<std::string, std::string>> parts;
  std::string unzip_err;
  REQUIRE(UnzipEntries(BlankForm(), &parts, &unzip_err));
  for (auto& [n, c] : parts) {
    if (n == "word/document.xml") xml = c;
  }
  auto replace = [&](const std::string& from, const std::string& to) {
    size_t at = xml.find(from);
    REQUIRE(at != std::string::npos);
    xml.replace(at, from.size(), to);
  };
  replace("\u2610  " + XmlEscape(activities->items[0]), "\u2714 " + XmlEscape(activities->items[0]));
  replace("\u2610  " + XmlEscape(activities->items[1]), "X \u2610 " + XmlEscape(activities->items[1]));
  replace("\u2610  " + XmlEscape(activities->items[2]), "\u2610 " + XmlEscape(activities->items[2]) + " (maybe)");
  FormAnswers read;
  std::string err;
  REQUIRE(ReadFormDocx(WithPart("word/document.xml", xml), Form(), Languages(), &read, &err));
  const auto& ticked = read.sections["activities"].ticked;
  REQUIRE(ticked.size() == 2);
  CHECK(ticked[0].first == activities->items[0]);
  CHECK(ticked[1].first == activities->items[1]);
  // Words beside an unticked item are not lost.
  REQUIRE(read.sections["activities"].stray.size() == 1);
  CHECK(read.sections["activities"].stray[0].find("(maybe)") != std::string::npos);
}

TEST_CASE("damaged, hostile and foreign files are refused within a second, naming why") {
  std::string form = BlankForm();
  // Not a zip at all, and a truncated one.
  CHECK(Refusal("PK\x03\x04 not really").find("damaged") != std::string::npos);
  CHECK(Refusal(form.substr(0, form.size() / 2)).find("damaged") != std::string::npos);
  // A zip without a Word document in it.
  std::string err;
  CHECK(Refusal(ZipEntries({{"hello.txt", "hi"}}, &err)).find("not a Word document") != std::string::npos);
  // Content types that name no main document, or a macro-enabled one.
  CHECK(Refusal(WithPart("[Content_Types].xml", "<Types xmlns=\"x\"/>")).find("no main document") !=
        std::string::npos);
  CHECK(Refusal(WithPart("[Content_Types].xml",
                         "<Types><Override PartName=\"/word/document.xml\" ContentType=\"application/"
                         "vnd.ms-word.document.macroEnabled.main+xml\"/><Override "
                         "ContentType=\"application/vnd.openxmlformats-officedocument."
                         "wordprocessingml.document.macroEnabled.main+xml\"/></Types>"))
            .find("macro") != std::string::npos);
  // Entity expansion ("billion laughs"): refused before any parsing.
  std::string laughs = "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY a \"aaaaaaaaaa\">";
  for (int i = 1; i < 10; ++i) {
    laughs += "<!ENTITY " + std::string(1, static_cast<char>('a' + i)) + " \"";
    for (int k = 0; k < 10; ++k) laughs += "&" + std::string(1, static_cast<char>('a' + i - 1)) + ";";
    laughs += "\">";
  }
  laughs += "]><w:document><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>";
  CHECK(Refusal(WithPart("word/document.xml", laughs)).find("DTD") != std::string::npos);
  // Not well-formed XML.
  CHECK(Refusal(WithPart("word/document.xml", "<w:document><w:body>")).find("not well-formed") !=
        std::string::npos);
  // A real zip bomb: 300 MB of zeros that compress to a few hundred KB.
  CHECK(Refusal(WithPart("word/document.xml", std::string(300u << 20, '\0'))).find("too large") !=
        std::string::npos);
  // A part that declares 1 GB (patched into the central directory).
  std::string lying = form;
  const std::string name = "word/document.xml";
  for (size_t at = lying.find("PK\x01\x02"); at != std::string::npos; at = lying.find("PK\x01\x02", at + 4)) {
    uint16_t len;
    std::memcpy(&len, lying.data() + at + 28, 2);
    if (lying.compare(at + 46, len, name) == 0) {
      uint32_t huge = 1u << 30;
      std::memcpy(&lying[at + 24], &huge, 4);
    }
  }
  std::string lie = Refusal(lying);
  CHECK((lie.find("too large") != std::string::npos || lie.find("damaged") != std::string::npos));
  // Another worksheet is not the submission form.
  for (const auto& ws : Shipped().worksheets) {
    if (ws.id == kSubmissionFormId) continue;
    CHECK(Refusal(WorksheetDocx(ws, kMeta, En(), &err)).find("this is not the") != std::string::npos);
    break;
  }
}

TEST_CASE("slugs from titles") {
  CHECK(SlugForTitle("Relational engagement through The Ideas Fund in Hull") ==
        "relational-engagement-through-the-ideas-fund-in-hull");
  CHECK(SlugForTitle("  ¡Café & co-op!  ") == "caf-co-op");
  CHECK(SlugForTitle("!!!").empty());
  std::string slug = SlugForTitle(std::string(30, 'a') + " " + std::string(30, 'b') + " " + std::string(30, 'c'));
  CHECK(slug.size() <= 60);
  CHECK(slug == std::string(30, 'a'));  // cut at the last whole word
}
