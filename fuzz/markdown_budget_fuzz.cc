// Fuzz target: the Markdown budget. Input the budget accepts must render in
// bounded time (cmark-gfm has inputs that take minutes; the budget exists to
// refuse them first), and input it refuses must render nothing. libFuzzer's
// -timeout catches a hang; this also fails fast on a slow render, with a
// generous bound because fuzzing runs under AddressSanitizer.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "markdown/markdown.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 20) return 0;
  std::string text(reinterpret_cast<const char*>(data), size);
  bool accepted = !commonplace::CheckMarkdownBudget(text).has_value();
  auto start = std::chrono::steady_clock::now();
  commonplace::MarkdownResult r = commonplace::RenderMarkdown(text);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!accepted && !r.html.empty()) std::abort();
  if (accepted && secs > 5.0) std::abort();
  return 0;
}
