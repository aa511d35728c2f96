// Fuzz target: one input through normalisation, then loaded as each kind of
// YAML content a contributor writes — a case study, a finding and a
// principle (front matter), a resource list, a vocabulary and a worksheet definition — and
// the whole library validated and linked. Must never crash, hang or throw.
#include <cstddef>
#include <cstdint>
#include <string>

#include "load/front_matter.h"
#include "load/loader.h"
#include "validate/validate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 20) return 0;
  using namespace commonplace;
  std::string text(reinterpret_cast<const char*>(data), size);
  Diagnostics diags;
  if (!NormaliseText("casestudies/fuzz.md", &text, diags)) return 0;
  Library lib;

  CaseStudy cs;
  LoadCaseStudy("casestudies/fuzz.md", text, &cs, diags);
  cs.slug = "fuzz";
  lib.case_studies.push_back(std::move(cs));

  Finding finding;
  LoadFinding("content/findings/fuzz.md", text, &finding, diags);
  lib.findings.push_back(std::move(finding));

  Principle principle;
  LoadPrinciple("content/principles/fuzz.md", text, &principle, diags);
  lib.principles.push_back(std::move(principle));

  LoadResources("content/resources.yaml", text, &lib.resources, diags);

  // As a vocabulary twice: as resource-kinds, which the resources validate
  // their kinds against, and under a name nothing refers to.
  for (const char* rel : {"content/vocabularies/resource-kinds.yaml",
                          "content/vocabularies/fuzz.yaml"}) {
    Vocabulary v;
    LoadVocabulary(rel, text, &v, diags);
    lib.vocabularies.push_back(std::move(v));
  }

  Worksheet ws;
  LoadWorksheet("content/templates/fuzz.yaml", text, &ws, diags);
  lib.worksheets.push_back(std::move(ws));

  ValidateLibrary(lib, diags);
  lib.Link();
  return 0;
}
