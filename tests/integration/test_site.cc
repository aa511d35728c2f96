#include "test_site.h"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>

#include "base/fs.h"

namespace fs = std::filesystem;

namespace commonplace::testing {

const char* kBaseSite = R"SITE(-- site.yaml --
title: Test Evidence
tagline: A test site
base_url: https://example.org/
navigation:
  - {title: Case studies, url: casestudies/}
  - {title: Principles, url: principles/}
footer: "[About](about/)"
-- content/sources.yaml --
- id: toolkit-2025
  kind: toolkit
  authors: [Gifford, E.]
  title: Equitable Partnerships Toolkit
  publisher: QMUL
  year: 2025
-- content/vocabularies/partnership-types.yaml --
id: partnership-types
title: Partnership types
terms:
  - id: community-university
    label: Community–university
    description: A university working with community groups.
-- content/vocabularies/partner-kinds.yaml --
id: partner-kinds
title: Partner kinds
terms:
  - id: university
    label: University
  - id: voluntary-community
    label: Voluntary and community organisation
  - id: cultural-institution
    label: Cultural institution
-- content/vocabularies/regions.yaml --
id: regions
title: Nations and regions
terms:
  - id: england
    label: England
  - id: south-east
    label: South East
    parent: england
  - id: wales
    label: Wales
-- content/vocabularies/activities.yaml --
id: activities
title: Activities
terms:
  - id: co-produced-research
    label: Co-produced research
  - id: placements
    label: Placements
-- content/vocabularies/impact-areas.yaml --
id: impact-areas
title: Impact areas
terms:
  - id: social
    label: Social
  - id: health
    label: Health
-- content/vocabularies/principle-groups.yaml --
id: principle-groups
title: Principle groups
terms:
  - id: qmul-principles
    label: Ten principles
-- content/principles/qmul-shared-power.md --
---
title: Shared power
group: qmul-principles
order: 1
summary: Partners share decisions.
sources: [{source: toolkit-2025, locator: "p.23"}]
---
Partners decide together.
-- content/pages/about.md --
---
title: About
summary: What this is.
---
## Why

Because.
-- casestudies/food-project.md --
---
title: Food project
summary: A food partnership in Reading.
partnership_type: community-university
status: active
years: {start: 2019}
places:
  - {name: Reading, region: south-east}
partners:
  - {name: University of Reading, kind: university, role: Research}
  - {name: Whitley Community Group, kind: voluntary-community}
activities: [co-produced-research]
impacts: [{area: social, note: new networks}]
principles: [qmul-shared-power]
figures:
  - {label: Households, value: 40000, unit: households}
sources: [{source: toolkit-2025, locator: "p.38"}]
updated: 2026-11-20
---
## What happened

People <em>met</em> and talked.
-- casestudies/parent-power.md --
---
title: Parent power
summary: Parents in Cardiff.
partnership_type: community-university
status: ended
places:
  - {name: Cardiff, region: wales}
partners:
  - {name: Cardiff University, kind: university}
activities: [placements]
impacts: [{area: health}]
sources: [{source: toolkit-2025, locator: "p.40"}]
updated: 2026-11-21
---
Body.
)SITE";

namespace {

std::atomic<int> counter{0};

}  // namespace

TestSite::TestSite(const std::string& files) {
  root_ = fs::temp_directory_path() /
          ("commonplace-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(root_);
  fs::create_directories(root_);
  fs::copy(fs::path(COMMONPLACE_SOURCE_DIR) / "themes", root_ / "themes",
           fs::copy_options::recursive);
  std::istringstream in(files);
  std::string line, current, body;
  auto flush = [&]() {
    if (!current.empty()) Write(current, body);
    body.clear();
  };
  while (std::getline(in, line)) {
    if (line.rfind("-- ", 0) == 0 && line.size() > 6 && line.substr(line.size() - 3) == " --") {
      flush();
      current = line.substr(3, line.size() - 6);
    } else {
      body += line + "\n";
    }
  }
  flush();
}

TestSite::~TestSite() {
  std::error_code ec;
  fs::remove_all(root_, ec);
}

void TestSite::Write(const std::string& rel, const std::string& text) {
  fs::create_directories((root_ / rel).parent_path());
  std::ofstream(root_ / rel, std::ios::binary) << text;
}

void TestSite::Remove(const std::string& rel) { fs::remove(root_ / rel); }

BuildResult TestSite::Build(const std::string& base_url, const std::string& out, int threads) {
  BuildOptions o;
  o.root = root_.string();
  o.out_dir = (root_ / out).string();
  o.base_url = base_url;
  o.threads = threads;
  BuildResult r;
  commonplace::Build(o, &r);
  return r;
}

const BuildResult& ShippedBuild() {
  static const BuildResult* built = [] {
    auto* r = new BuildResult;
    BuildOptions o;
    o.root = COMMONPLACE_SOURCE_DIR;
    o.write = false;
    Build(o, r);
    return r;
  }();
  return *built;
}

std::string ErrorLines(const BuildResult& r) {
  std::string s;
  for (const auto& d : r.diags.items()) s += FormatHeadline(d) + "\n";
  return s;
}

std::string TestSite::Output(const std::string& rel, const std::string& out) const {
  auto data = ReadFile(root_ / out / rel);
  return data ? *data : "";
}

std::map<std::string, std::string> ReadTree(const fs::path& dir) {
  std::map<std::string, std::string> files;
  if (!fs::exists(dir)) return files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    auto data = ReadFile(e.path());
    files[fs::relative(e.path(), dir).generic_string()] = data ? *data : "";
  }
  return files;
}

}  // namespace commonplace::testing
