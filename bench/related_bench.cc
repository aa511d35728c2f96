// Measures facets/'s RelatedCaseStudies on a loaded, linked library.
//   bench_related ROOT [RUNS]
// Prints the case-study count, the term count and the median time in
// milliseconds on one thread and on every core.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <set>
#include <vector>

#include "base/parallel.h"
#include "facets/facets.h"
#include "pipeline/pipeline.h"

namespace {

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bench_related ROOT [RUNS]\n";
    return 2;
  }
  commonplace::BuildOptions options;
  options.root = argv[1];
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  commonplace::Library lib;
  commonplace::Diagnostics diags;
  if (!commonplace::LoadAndValidate(options, &lib, diags)) {
    std::cerr << "bench_related: " << argv[1] << " does not load\n";
    return 1;
  }
  lib.Link();
  std::set<std::pair<std::string, std::string>> terms;
  for (const auto& cs : lib.case_studies) {
    for (const auto& u : cs.term_uses) terms.insert({u.vocab, u.term});
  }
  const int cores = commonplace::ThreadCount(0);
  std::cout << "case studies: " << lib.case_studies.size() << ", terms used: " << terms.size()
            << "\n";
  for (int threads : {1, cores}) {
    std::vector<double> ms;
    size_t listed = 0;
    for (int r = 0; r < runs; ++r) {
      auto start = std::chrono::steady_clock::now();
      auto related = commonplace::RelatedCaseStudies(lib, 5, threads);
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                             start)
                       .count());
      listed = 0;
      for (const auto& list : related) listed += list.size();
    }
    std::cout << "RelatedCaseStudies, " << threads << " thread(s): median " << Median(ms)
              << " ms over " << runs << " runs (" << listed << " links)\n";
    if (cores == 1) break;
  }
  return 0;
}
