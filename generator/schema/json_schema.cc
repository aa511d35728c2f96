#include "schema/json_schema.h"

#include <nlohmann/json.hpp>

namespace commonplace {

namespace {

using nlohmann::ordered_json;

// Every property carries a "title" and a "description": editors show them
// as help, and the web form at contribute/new/ (render/contribute_form.cc)
// takes its labels and help text from them. A field whose values are the
// terms of a vocabulary names it in "x-vocabulary" (an annotation JSON
// Schema validators ignore), so the form can show each term's description.
ordered_json Terms(const Library& lib, const std::string& vocab, const std::string& title,
                   const std::string& description) {
  ordered_json ids = ordered_json::array();
  if (const Vocabulary* v = lib.FindVocabulary(vocab)) {
    for (const auto& t : v->terms) ids.push_back(t.id);
  }
  return {{"type", "string"},
          {"enum", ids},
          {"title", title},
          {"description", description + " A term of content/vocabularies/" + vocab + ".yaml."},
          {"x-vocabulary", vocab}};
}

ordered_json TermList(const Library& lib, const std::string& vocab, const std::string& title,
                      const std::string& description) {
  ordered_json item = Terms(lib, vocab, title, description);
  return {{"type", "array"},
          {"title", title},
          {"description", description},
          {"x-vocabulary", vocab},
          {"items", item}};
}

ordered_json Text(const std::string& title, const std::string& description,
                  bool non_empty = false) {
  ordered_json j = {{"type", "string"}, {"title", title}, {"description", description}};
  if (non_empty) j["minLength"] = 1;
  return j;
}

ordered_json Number(const std::string& title, const std::string& description) {
  return {{"type", "number"}, {"title", title}, {"description", description}};
}

ordered_json Object(ordered_json properties, ordered_json required) {
  return {{"type", "object"},
          {"additionalProperties", false},
          {"required", required},
          {"properties", properties}};
}

ordered_json List(const std::string& title, const std::string& description, ordered_json item,
                  int min_items = 0) {
  ordered_json j = {{"type", "array"}, {"title", title}, {"description", description}};
  if (min_items > 0) j["minItems"] = min_items;
  j["items"] = item;
  return j;
}

ordered_json Ids(const ordered_json& ids, const std::string& collection, const std::string& title,
                 const std::string& description) {
  return {{"type", "string"},
          {"enum", ids},
          {"title", title},
          {"description", description},
          {"x-collection", collection}};
}

}  // namespace

std::string CaseStudyJsonSchema(const Library& lib) {
  ordered_json source_ids = ordered_json::array();
  for (const auto& s : lib.sources) source_ids.push_back(s.id);
  ordered_json principle_ids = ordered_json::array();
  for (const auto& p : lib.principles) principle_ids.push_back(p.id);
  auto year = [](const std::string& title) {
    return ordered_json{{"type", "integer"}, {"minimum", 1800}, {"maximum", 2100},
                        {"title", title}, {"description", "A four-digit year, such as 2021."}};
  };
  auto source = [&](const std::string& description) {
    return Ids(source_ids, "sources", "Source", description + " An id of content/sources.yaml.");
  };

  ordered_json props = {
      {"title", Text("Title", "The partnership's name, or what it is when the source anonymises it.",
                     true)},
      {"summary", Text("Summary", "One or two sentences, in your own words.", true)},
      {"partnership_type", Terms(lib, "partnership-types", "Partnership type",
                                 "Who the partnership brings together: one term.")},
      {"status", {{"type", "string"},
                  {"enum", {"active", "ended", "unknown"}},
                  {"title", "Status"},
                  {"description", "Whether the partnership is still running: active, ended or "
                                  "unknown."}}},
      {"years", {{"title", "Years"},
                 {"description", "The years the partnership ran; leave out what the source does "
                                 "not say."},
                 {"type", "object"},
                 {"additionalProperties", false},
                 {"required", ordered_json::array()},
                 {"properties", {{"start", year("From")}, {"end", year("To")}}}}},
      {"places",
       List("Places", "Where it happens. The region is a nation or an English region.",
            Object({{"name", Text("Place", "A town, city or area.", true)},
                    {"region", Terms(lib, "regions", "Region", "The nation or English region.")}},
                   {"name"}))},
      {"partners",
       List("Partners", "Every organisation in the partnership, at least one.",
            Object({{"name", Text("Name", "The organisation's name, or what it is when "
                                          "anonymised.", true)},
                    {"kind", Terms(lib, "partner-kinds", "Kind of partner", "What it is.")},
                    {"ci_category", Terms(lib, "ci-categories", "Kind of cultural institution",
                                          "Only for a partner of kind cultural-institution.")},
                    {"role", Text("Role", "What the partner does in the partnership.")}},
                   {"name", "kind"}),
            1)},
      {"activities", TermList(lib, "activities", "Activities", "What the partners do together.")},
      {"funding",
       List("Funding", "Money for the partnership and who gave it.",
            Object({{"funder", Text("Funder", "Who gave the money.", true)},
                    {"programme", Text("Programme", "The funding programme or scheme.")},
                    {"amount_gbp", Number("Amount (£)", "In digits only, without commas or a "
                                                        "currency sign, e.g. 40000.")},
                    {"note", Text("Note", "Anything the amount needs, such as the years it "
                                          "covers.")}},
                   {"funder"}))},
      {"formality", Terms(lib, "formality", "Formality", "How formal the partnership is.")},
      {"partnership_model", Terms(lib, "partnership-models", "Partnership model",
                                  "The shape the partnership takes.")},
      {"emergence", TermList(lib, "emergence", "How it started", "How the partnership began.")},
      {"drivers", TermList(lib, "drivers", "Drivers", "Why the partners work together.")},
      {"barriers", TermList(lib, "barriers", "Barriers", "What got in the way.")},
      {"enablers", TermList(lib, "enablers", "Enablers", "What made it work.")},
      {"strategies", TermList(lib, "strategies", "Strategies", "How problems were handled.")},
      {"learning", TermList(lib, "learning-types", "Learning", "What was learned.")},
      {"impacts",
       List("Impacts", "What changed, by area and (optionally) level.",
            Object({{"area", Terms(lib, "impact-areas", "Area", "Where the change is.")},
                    {"level", Terms(lib, "impact-levels", "Level", "Whom the change reached.")},
                    {"note", Text("What changed", "In a sentence, as the source reports it.")}},
                   {"area"}))},
      {"principles",
       List("Principles", "Principles the partnership illustrates.",
            Ids(principle_ids, "principles", "Principle",
                "An id of content/principles/ (the file name without .md)."))},
      {"figures",
       List("Figures", "Numbers the source reports, exactly as printed.",
            Object({{"label", Text("What the number counts", "e.g. Households reached.", true)},
                    {"value", Number("Number", "Digits only, e.g. 160; put % or £ in the unit.")},
                    {"unit", Text("Unit", "e.g. people, %, £.")},
                    {"printed", Text("As printed", "How the source prints it, when not in "
                                                   "digits, e.g. over 160.")},
                    {"source", source("The source that reports it.")},
                    {"locator", Text("Where in the source", "Section, page or lines.")}},
                   {"label", "value"}))},
      {"sources",
       List("Sources", "Where the evidence comes from: a published source and the section, page "
                       "or lines. At least one.",
            Object({{"source", source("A published source.")},
                    {"locator", Text("Where in the source", "Section, page or lines, e.g. "
                                                            "p.38.")}},
                   {"source"}),
            1)},
      {"anonymised", {{"type", "boolean"},
                      {"title", "Anonymised"},
                      {"description", "True when the source does not name the partnership: then "
                                      "name no one."}}},
      {"updated", {{"type", "string"},
                   {"format", "date"},
                   {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
                   {"title", "Updated"},
                   {"description", "The date of this version, YYYY-MM-DD."}}},
      {"editor_note", Text("Note for editors", "For editors only: a spelling in the source, a "
                                               "mapping decision. Not shown on the page.")},
  };
  ordered_json schema = {
      {"$schema", "https://json-schema.org/draft/2020-12/schema"},
      {"title", "Commonplace case study front matter"},
      {"description", "The YAML front matter of casestudies/<slug>.md. Generated by "
                      "`commonplace schema`; do not edit by hand."},
  };
  ordered_json body = Object(props, {"title", "summary", "partnership_type", "status", "partners",
                                     "sources", "updated"});
  for (auto& [k, v] : body.items()) schema[k] = v;
  return schema.dump(2) + "\n";
}

}  // namespace commonplace
