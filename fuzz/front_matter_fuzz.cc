// Fuzz target: a case-study file through normalisation, front matter,
// YAML loading and validation. Must never crash, hang or throw.
#include <cstddef>
#include <cstdint>
#include <string>

#include "load/front_matter.h"
#include "load/loader.h"
#include "validate/validate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 20) return 0;
  std::string text(reinterpret_cast<const char*>(data), size);
  commonplace::Diagnostics diags;
  if (!commonplace::NormaliseText("casestudies/fuzz.md", &text, diags)) return 0;
  commonplace::Library lib;
  commonplace::CaseStudy cs;
  commonplace::LoadCaseStudy("casestudies/fuzz.md", text, &cs, diags);
  cs.slug = "fuzz";
  lib.case_studies.push_back(cs);
  commonplace::ValidateLibrary(lib, diags);
  lib.Link();
  return 0;
}
