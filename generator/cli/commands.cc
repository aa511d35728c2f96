#include "cli/commands.h"

#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/report.h"
#include "pipeline/pipeline.h"

namespace commonplace {

namespace {

ReportFormat ParseFormat(const std::string& s) {
  if (s == "json") return ReportFormat::kJson;
  if (s == "github") return ReportFormat::kGithub;
  return ReportFormat::kText;
}

void PrintSummary(const BuildResult& r, const std::string& out_dir, std::ostream& err) {
  double total = 0;
  for (const auto& [step, ms] : r.timings_ms) total += ms;
  err << "Built " << r.output.files().size() << " files ("
      << (r.output.TotalBytes() + 512) / 1024 << " KiB) into " << out_dir << "/ in "
      << static_cast<int>(total + 0.5) << " ms\n";
  err << "  content:";
  const char* sep = " ";
  for (const auto& [kind, n] : r.counts) {
    err << sep << n << " " << kind;
    sep = ", ";
  }
  err << "\n  steps:";
  sep = " ";
  for (const auto& [step, ms] : r.timings_ms) {
    err << sep << step << " " << static_cast<int>(ms + 0.5) << " ms";
    sep = ", ";
  }
  err << "\n";
  if (r.diags.WarningCount() > 0) {
    err << "  " << r.diags.WarningCount() << " warning(s): run `commonplace check` to see them\n";
  }
}

}  // namespace

int RunCli(int argc, char** argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"Commonplace: builds an evidence site from YAML and Markdown content."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "commonplace 0.1.0");

  BuildOptions build_opts;
  std::string format = "text";
  bool quiet = false;
  int threads = 0;

  CLI::App* build = app.add_subcommand("build", "Build the site into --out (default site/)");
  build->add_option("--out", build_opts.out_dir, "Output directory")->capture_default_str();
  build->add_option("--base-url", build_opts.base_url,
                    "Override site.yaml's base_url, e.g. https://example.org/evidence/");
  build->add_option("--root", build_opts.root, "Repository root")->capture_default_str();
  build->add_option("-j,--jobs", threads, "Threads to use (default: one per core)");
  build->add_flag("-q,--quiet", quiet, "Print errors only");

  BuildOptions check_opts;
  CLI::App* check = app.add_subcommand("check", "Load and validate everything; write nothing");
  check->add_option("--root", check_opts.root, "Repository root")->capture_default_str();
  check->add_option("--format", format, "Report format")
      ->check(CLI::IsMember({"text", "json", "github"}))
      ->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    out << app.help();
    if (app.get_subcommands().size() == 1) out.flush();
    return kExitOk;
  } catch (const CLI::CallForAllHelp& e) {
    out << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::Success& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    app.exit(e, out, err);
    return kExitUsage;
  }

  if (*build) {
    build_opts.threads = threads;
    BuildResult result;
    Build(build_opts, &result);
    PrintDiagnostics(result.diags, ReportFormat::kText, build_opts.root, err);
    if (!result.ok) {
      err << "Build failed with " << result.diags.ErrorCount()
          << " error(s); the previous site was left unchanged.\n";
      return kExitContentError;
    }
    if (!quiet) PrintSummary(result, build_opts.out_dir, err);
    return kExitOk;
  }
  if (*check) {
    Library lib;
    Diagnostics diags;
    check_opts.write = false;
    bool ok = LoadAndValidate(check_opts, &lib, diags);
    ReportFormat f = ParseFormat(format);
    PrintDiagnostics(diags, f, check_opts.root, f == ReportFormat::kText ? err : out);
    if (f == ReportFormat::kText) {
      err << (ok ? "ok: " : "failed: ") << lib.case_studies.size() << " case studies, "
          << lib.principles.size() << " principles, " << lib.recommendations.size()
          << " recommendations, " << lib.resources.size() << " resources; "
          << diags.ErrorCount() << " error(s), " << diags.WarningCount() << " warning(s)\n";
    }
    return ok ? kExitOk : kExitContentError;
  }
  return kExitUsage;
}

}  // namespace commonplace
