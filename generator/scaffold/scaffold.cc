#include "scaffold/scaffold.h"

#include <filesystem>

#include "base/fs.h"
#include "base/strings.h"

namespace fs = std::filesystem;

namespace commonplace {

namespace {

// "# allowed: a, b, c" wrapped to comment lines of about 90 characters.
std::string AllowedTerms(const Library& lib, const std::string& vocab, const std::string& indent) {
  const Vocabulary* v = lib.FindVocabulary(vocab);
  if (!v) return indent + "# (vocabulary " + vocab + " not found)\n";
  std::string out, line = indent + "# allowed:";
  for (const auto& t : v->terms) {
    if (line.size() + t.id.size() + 2 > 92) {
      out += line + "\n";
      line = indent + "#  ";
    }
    line += " " + t.id;
  }
  return out + line + "\n";
}

}  // namespace

const std::vector<std::string>& CaseStudyBodyHeadings() {
  static const std::vector<std::string> kHeadings = {"What the partnership does", "How it works",
                                                     "What changed", "What others can learn"};
  return kHeadings;
}

bool IsScaffoldKind(const std::string& kind) {
  return kind == "case-study" || kind == "principle" || kind == "resource" || kind == "worksheet" ||
         kind == "finding";
}

std::string CaseStudyScaffold(const Library& lib, const std::string& today) {
  std::string s = "---\n";
  s += "# A new case study. Fill in every field you have evidence for, then run\n"
       "# `commonplace check`. See docs/content-schema.md and CONTRIBUTING.md.\n\n";
  s += "# Required. The partnership's name, or what it is if the source anonymises it.\n"
       "title: \"\"\n";
  s += "# Required. One or two sentences, in your own words.\n"
       "summary: \"\"\n";
  s += "# Required. One term.\n" + AllowedTerms(lib, "partnership-types", "") +
       "partnership_type: \n";
  s += "# Required. active, ended or unknown.\nstatus: unknown\n";
  s += "# Optional. Years the partnership ran; leave out what the source does not say.\n"
       "# years: {start: 2020, end: 2023}\n";
  s += "# Optional. Where it happens; region is a nation or an English region.\n" +
       AllowedTerms(lib, "regions", "") + "places:\n  - name: \"\"\n    region: \n";
  s += "# Required, at least one. ci_category only for kind cultural-institution.\n" +
       AllowedTerms(lib, "partner-kinds", "") + "# ci_category " +
       AllowedTerms(lib, "ci-categories", "").substr(2) +
       "partners:\n  - name: \"\"\n    kind: \n    role: \"\"\n";
  s += "# What the partners do together.\n" + AllowedTerms(lib, "activities", "") +
       "activities: []\n";
  s += "# Optional. Money and who gave it; amount_gbp in digits only.\n"
       "# funding:\n#   - {funder: \"\", programme: \"\", amount_gbp: 0, note: \"\"}\n";
  s += "# Optional. How formal the partnership is.\n" + AllowedTerms(lib, "formality", "") +
       "# formality: \n";
  s += "# Optional.\n" + AllowedTerms(lib, "partnership-models", "") + "# partnership_model: \n";
  for (auto [key, vocab, what] : {std::tuple{"emergence", "emergence", "How it started."},
                                  {"drivers", "drivers", "Why the partners work together."},
                                  {"barriers", "barriers", "What got in the way."},
                                  {"enablers", "enablers", "What made it work."},
                                  {"strategies", "strategies", "How problems were handled."},
                                  {"learning", "learning-types", "What was learned."}}) {
    s += std::string("# ") + what + "\n" + AllowedTerms(lib, vocab, "") + key + ": []\n";
  }
  s += "# What changed, by area and (optionally) level.\n" + AllowedTerms(lib, "impact-areas", "") +
       "# level " + AllowedTerms(lib, "impact-levels", "").substr(2) +
       "impacts:\n  - area: \n    level: \n    note: \"\"\n";
  s += "# Ids of principles it illustrates (file names in content/principles/).\nprinciples: []\n";
  s += "# Numbers the source reports, exactly as printed (digits only in value).\n"
       "# figures:\n#   - {label: \"\", value: 0, unit: \"\", locator: \"\"}\n";
  s += "# Required. Where the evidence comes from: a source id from content/sources.yaml and\n"
       "# the section, page or lines.\n";
  std::string ids;
  for (const auto& src : lib.sources) ids += (ids.empty() ? "" : ", ") + src.id;
  s += "# sources: " + ids + "\nsources:\n  - source: \n    locator: \"\"\n";
  s += "# true when the source does not name the partnership: then name no one.\n"
       "anonymised: false\n";
  s += "updated: " + today + "\n---\n";
  const auto& headings = CaseStudyBodyHeadings();
  for (size_t i = 0; i < headings.size(); ++i) {
    s += (i ? "\n## " : "## ") + headings[i] + "\n";
    if (i == 0) {
      s += "\nWrite in your own words. Quote only briefly, as a blockquote followed by who said "
           "it.\n";
    }
  }
  return s;
}

bool Scaffold(const std::string& root, const Library& lib, const std::string& kind,
              const std::string& slug, const std::string& today, std::string* written,
              std::string* err) {
  if (IsReservedDeviceName(slug)) {
    *err = "'" + slug + "' is a name Windows reserves for a device (con, prn, aux, nul, "
           "com1-com9, lpt1-lpt9), so no file may have it: choose another, e.g. " + slug +
           "-project";
    return false;
  }
  if (!IsValidSlug(slug)) {
    *err = "'" + slug + "' is not a valid slug: use lowercase letters, digits and single "
           "hyphens, e.g. barton-hill-micro-campus";
    return false;
  }
  std::string rel, text;
  if (kind == "case-study") {
    rel = "casestudies/" + slug + ".md";
    // The slug is the file name wherever the file sits under casestudies/,
    // so a file in a subfolder takes it too.
    for (const auto& other : ListFiles(root, "casestudies", ".md")) {
      if (fs::path(other).stem() == slug) {
        *err = "a case study with slug '" + slug + "' already exists: " + other +
               "; choose another slug, or edit that file";
        return false;
      }
    }
    text = CaseStudyScaffold(lib, today);
  } else if (kind == "principle") {
    rel = "content/principles/" + slug + ".md";
    text = "---\n# Required.\ntitle: \"\"\n# Required. The framework it belongs to.\n" +
           AllowedTerms(lib, "principle-groups", "") +
           "group: \n# Position within its group.\norder: 1\n# Required. One sentence.\n"
           "summary: \"\"\n# Required. Where it comes from.\nsources:\n  - source: \n"
           "    locator: \"\"\n---\nWhat the principle means in practice, in your own words.\n";
  } else if (kind == "finding") {
    rel = "content/findings/" + slug + ".md";
    text = "---\n# A finding: one claim a source makes about what drives, blocks, enables or\n"
           "# results from a partnership. See docs/content-schema.md.\n"
           "# Required. The claim in your own words (a short sentence).\ntitle: \"\"\n"
           "# Required. One or two sentences.\nsummary: \"\"\n"
           "# Required. driver, barrier, enabler or impact.\nkind: \n"
           "# At least one term from these four vocabularies (topics is optional).\n" +
           AllowedTerms(lib, "drivers", "") + "drivers: []\n" +
           AllowedTerms(lib, "barriers", "") + "barriers: []\n" +
           AllowedTerms(lib, "enablers", "") + "enablers: []\n" +
           AllowedTerms(lib, "impact-areas", "") + "impact_areas: []\ntopics: []\n"
           "# Case studies (file names in casestudies/) that show it.\ncase_studies: []\n"
           "# Up to 3 quotations, each at most 40 words, word for word from the source.\n"
           "quotations: []\n#  - text: \"\"\n#    by: R29-CI\n#    locator: \"\"\n"
           "# Required. Where it comes from.\nsources:\n  - source: \n    locator: \"\"\n---\n"
           "What the evidence says, in your own words, attributed to whoever said it.\n";
  } else if (kind == "worksheet") {
    rel = "content/templates/" + slug + ".yaml";
    text = "# A worksheet: the site makes an HTML page, a print page, a Word file and\n"
           "# Markdown from it. See the other files in this folder for every field.\n"
           "id: " + slug + "\ntitle: \"\"\nsummary: \"\"\npurpose: \"\"\nwho: \"\"\n"
           "time_needed: \"\"\nyou_need: []\nsteps: []\nsections:\n"
           "  # kind: text, table, checklist or scale\n"
           "  - id: notes\n    heading: \"\"\n    kind: text\n    prompt: \"\"\n    lines: 6\n"
           "sources:\n  - source: \n    locator: \"\"\n";
  } else if (kind == "resource") {
    rel = "content/resources.yaml";
    for (const auto& r : lib.resources) {
      if (r.id == slug) {
        *err = "a resource with id '" + slug + "' already exists in content/resources.yaml";
        return false;
      }
    }
    auto existing = ReadFile(fs::path(root) / rel);
    text = (existing ? *existing : std::string()) +
           "\n# New resource: fill in the fields, then run `commonplace check`.\n" +
           AllowedTerms(lib, "resource-kinds", "") + "- id: " + slug +
           "\n  title: \"\"\n  organisation: \"\"\n  kind: \n  url: \n  description: \"\"\n"
           "  topics: []\n  sources:\n    - source: \n      locator: \"\"\n";
    if (!WriteFileAtomic(fs::path(root) / rel, text, err)) return false;
    *written = rel;
    return true;
  } else {
    *err = "unknown kind '" + kind + "': use case-study, finding, principle, resource or worksheet";
    return false;
  }
  if (fs::exists(fs::path(root) / rel)) {
    *err = rel + " already exists: choose another slug, or edit that file";
    return false;
  }
  if (!WriteFileAtomic(fs::path(root) / rel, text, err)) return false;
  *written = rel;
  return true;
}

}  // namespace commonplace
