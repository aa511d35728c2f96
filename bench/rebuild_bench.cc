// Measures what `commonplace serve` does after one edit: a rebuild into
// memory that reuses every unchanged case study, page and page's links.
//   bench_rebuild ROOT [RUNS] [rebuilds-only] [verify]
// Edits the first case study (appending a line, then restoring it), and
// prints the median full build and median rebuild time in milliseconds,
// and with "verify" whether the last rebuild equals a full build of the
// same files.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "pipeline/pipeline.h"

namespace {

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double CpuMs() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

template <typename F>
double TimeMs(F&& f) {
  auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bench_rebuild ROOT [RUNS] [rebuilds-only] [verify]\n";
    return 2;
  }
  const std::string root = argv[1];
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  std::vector<std::filesystem::path> cases;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(root) / "casestudies")) {
    if (e.path().extension() == ".md" && e.path().filename() != "README.md") cases.push_back(e.path());
  }
  if (cases.empty()) {
    std::cerr << "bench_rebuild: no case studies under " << root << "/casestudies\n";
    return 1;
  }
  std::sort(cases.begin(), cases.end());
  const auto edited = cases.front();
  std::string original;
  {
    std::ifstream in(edited, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    original = s.str();
  }
  const std::string base_url = "http://127.0.0.1:8000/";
  commonplace::SiteFiles files;
  std::string errors;
  std::vector<double> full, rebuild, rebuild_cpu;
  std::map<std::string, std::vector<double>> steps;  // of the rebuilds
  commonplace::CaseStudyCache cache;
  commonplace::PageCache pages;
  commonplace::LinkIndex links;
  bool ok = true;
  // "rebuilds-only" skips the full builds (to profile the rebuilds alone);
  // "verify" compares the last rebuild with a full build.
  bool full_builds = true, verify = false;
  for (int a = 3; a < argc; ++a) {
    full_builds = full_builds && std::string(argv[a]) != "rebuilds-only";
    verify = verify || std::string(argv[a]) == "verify";
  }
  for (int r = 0; r < runs && ok && full_builds; ++r) {
    full.push_back(TimeMs([&] {
      ok = commonplace::BuildInMemory(root, base_url, &files, &errors, nullptr);
    }));
  }
  ok = ok && commonplace::BuildInMemory(root, base_url, &files, &errors, &cache, &pages, &links);
  for (int r = 0; r < runs && ok; ++r) {
    {
      std::ofstream out(edited, std::ios::binary | std::ios::trunc);
      out << original << "\nEdited in run " << r << ".\n";
    }
    commonplace::BuildResult result;
    // The last site is freed after the timing, as `serve` frees it after
    // the new one is served.
    commonplace::SiteFiles last = std::move(files);
    files.clear();
    const double cpu_start = CpuMs();
    rebuild.push_back(TimeMs([&] {
      commonplace::BuildOptions o;
      o.root = root;
      o.base_url = base_url;
      o.write = false;
      o.cache = &cache;
      o.page_cache = &pages;
      o.link_cache = &links;
      commonplace::Build(o, &result);
      ok = result.ok;
      files = result.output.TakeFiles();
    }));
    rebuild_cpu.push_back(CpuMs() - cpu_start);
    for (const auto& [step, ms] : result.timings_ms) steps[step].push_back(ms);
  }
  // The last rebuild against a full build of the same edited files, made
  // with no cache: they must be the same, file for file and byte for byte.
  int same_as_full = -1;
  if (ok && verify) {
    commonplace::SiteFiles fresh;
    ok = commonplace::BuildInMemory(root, base_url, &fresh, &errors, nullptr);
    same_as_full = ok && fresh.size() == files.size() &&
                   std::all_of(fresh.begin(), fresh.end(), [&](const auto& f) {
                     auto it = files.find(f.first);
                     return it != files.end() && *it->second == *f.second;
                   });
  }
  {
    std::ofstream out(edited, std::ios::binary | std::ios::trunc);
    out << original;
  }
  if (!ok) {
    std::cerr << errors;
    return 1;
  }
  if (full.empty()) full.push_back(0);
  std::cout << "case_studies " << cases.size() << "\nfull_build_ms " << Median(full)
            << "\nrebuild_after_one_edit_ms " << Median(rebuild)
            << "\nrebuild_cpu_ms " << Median(rebuild_cpu) << "\nreused "
            << cache.reused << "\nfiles_not_read " << cache.not_read << "\nlinks_rechecked "
            << links.rechecked() << "\npages_reused " << pages.reused() << "\npages_rendered "
            << pages.rendered() << "\n";
  if (verify) std::cout << "rebuild_equals_full_build " << same_as_full << "\n";
  for (const auto& [step, ms] : steps) {
    std::string name = step;
    std::replace(name.begin(), name.end(), ' ', '_');
    std::cout << "rebuild_step_ms_" << name << " " << Median(ms) << "\n";
  }
  return 0;
}
