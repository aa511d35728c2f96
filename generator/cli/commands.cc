#include "cli/commands.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <iostream>

#include <csignal>
#include <filesystem>
#include <unistd.h>
#include <memory>
#include <ctime>

#include "base/fs.h"
#include "base/strings.h"
#include "cli/check_links.h"
#include "cli/import_form.h"
#include "cli/report.h"
#include "load/loader.h"
#include "search/index_command.h"
#include "pipeline/pipeline.h"
#include "scaffold/scaffold.h"
#include "schema/json_schema.h"
#include "serve/server.h"
#include "validate/validate.h"

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
  err << "Built " << r.output.size() << " files ("
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

// The rule of site.yaml's base_url (load/url_field.h).
bool IsHttpBaseUrl(const std::string& url) { return IsWebAddress(url); }

// Progress lines are for a person watching a terminal: only when the stream
// is the process's stderr and that is a TTY.
bool ProgressWanted(const std::ostream& err) {
  return &err == &std::cerr && ::isatty(STDERR_FILENO) == 1;
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
  build->add_option("--search-docs", build_opts.search_docs,
                    "Also write the documents the search index holds to FILE (JSON, the input "
                    "of `commonplace index` and lunr.js)");

  BuildOptions check_opts;
  CLI::App* check = app.add_subcommand("check", "Load and validate everything; write nothing");
  check->add_option("--root", check_opts.root, "Repository root")->capture_default_str();
  bool publish = false;
  check->add_flag("--publish", publish,
                  "Also fail when a setting or page a reader sees is still a placeholder "
                  "(example.org, github.com/example, \"Your organisation\"); run before publishing");
  check->add_option("--format", format, "Report format")
      ->check(CLI::IsMember({"text", "json", "github"}))
      ->capture_default_str();

  std::string new_kind, new_slug, new_root = ".";
  CLI::App* scaffold = app.add_subcommand(
      "new", "Start a new file: commonplace new case-study|finding|principle|resource|worksheet <slug>");
  scaffold->add_option("kind", new_kind, "case-study, finding, principle, resource or worksheet")
      ->required();
  scaffold->add_option("slug", new_slug, "lowercase-words-with-hyphens")->required();
  scaffold->add_option("--root", new_root, "Repository root")->capture_default_str();

  ImportOptions import_opts;
  CLI::App* import = app.add_subcommand(
      "import", "Turn a filled-in case-study submission form (.docx) into a case-study file");
  import->add_option("form", import_opts.form, "The filled-in form, as Word or LibreOffice saved it")
      ->required();
  import->add_option("-o,--output", import_opts.output,
                     "Where to write (default casestudies/<name of the partnership>.md)");
  import->add_option("--root", import_opts.root, "Repository root")->capture_default_str();

  ServeOptions serve_opts;
  CLI::App* serve = app.add_subcommand(
      "serve", "Preview the site on http://127.0.0.1:PORT/, rebuilding when files change");
  serve->add_option("--port", serve_opts.port, "Port on 127.0.0.1 (0 picks a free one)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  serve->add_option("--root", serve_opts.root, "Repository root")->capture_default_str();
  serve->add_option("--max-seconds", serve_opts.max_seconds, "Stop after this many seconds");

  search::IndexCommandOptions index_opts;
  CLI::App* index = app.add_subcommand(
      "index", "Build a Lunr 2.3.9 search index from a JSON array of documents");
  index->add_option("docs", index_opts.input, "JSON file: an array of objects with string fields")
      ->required();
  index->add_option("--ref", index_opts.ref, "Field holding each document's id")
      ->capture_default_str();
  // One value per --field, so `--field body docs.json` leaves docs.json as
  // the positional argument (CLI11 vectors otherwise take every value).
  index->add_option("--field", index_opts.fields,
                    "A field to index, with an optional boost: title^10 (repeat for each field)")
      ->required()
      ->allow_extra_args(false);
  index->add_option("-o,--output", index_opts.output, "Where to write the index");
  index->add_option("--shards", index_opts.shards,
                    "Also write the index as term-partitioned shards into DIR (manifest.json "
                    "and shards/), as the site's search loads it");
  index->add_option("--decimals", index_opts.decimals,
                    "Decimals kept in scores (3, as lunr.js, keeps rankings identical)")
      ->capture_default_str();
  index->add_flag("--gzip", index_opts.gzip, "Also write OUTPUT.gz");
  index->add_flag("--brotli", index_opts.brotli, "Also write OUTPUT.br");
  index->add_flag("--positions", index_opts.positions,
                  "Keep lunr's position metadata of every match (for highlighting; larger)");
  index->add_option("--doc-boost", index_opts.doc_boost,
                    "Member holding a number that boosts each document (default: none)");
  index->add_option("--compact-refs", index_opts.compact_refs,
                    "Use short refs in the index and write FILE, mapping them back to the ids "
                    "(about half the bytes)");

  CheckLinksOptions links_opts;
  double link_timeout_s = 15;
  CLI::App* links = app.add_subcommand(
      "check-links", "Check the built site's internal links; with --external, every external URL too");
  links->add_option("--root", links_opts.root, "Repository root")->capture_default_str();
  links->add_flag("--external", links_opts.external, "Also check external URLs (uses the network)");
  links->add_option("--format", links_opts.format, "Report format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  links->add_option("--cache-hours", links_opts.cache_hours,
                    "Reuse results younger than this (.commonplace-cache/links.json)")
      ->capture_default_str();
  links->add_flag("--no-cache", links_opts.no_cache, "Check every URL again");
  links->add_option("--concurrency", links_opts.curl.concurrency, "Requests at once")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  links->add_option("--per-host", links_opts.curl.per_host, "Requests at once to one host")
      ->check(CLI::Range(1, 16))
      ->capture_default_str();
  links->add_flag("--allow-private", links_opts.curl.allow_private,
                  "Also fetch URLs on this machine or a private network (loopback, 10/8, "
                  "192.168/16, link-local, …), refused by default");
  links->add_option("--timeout", link_timeout_s, "Seconds allowed per request")
      ->check(CLI::Range(1.0, 300.0))
      ->capture_default_str();

  std::string schema_out, schema_root = ".";
  CLI::App* schema = app.add_subcommand(
      "schema", "Print the JSON Schema of case-study front matter (for editors and CI)");
  schema->add_option("-o,--output", schema_out, "Write to this file instead of stdout");
  schema->add_option("--root", schema_root, "Repository root")->capture_default_str();

  // A first word that names no command is a mistyped one: CLI11 would only
  // say "A subcommand is required".
  if (argc > 1 && argv[1][0] != '-') {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
      names.push_back(sub->get_name());
    }
    if (std::find(names.begin(), names.end(), argv[1]) == names.end()) {
      std::string near = NearestMatch(argv[1], names);
      err << "error: unknown command '" << argv[1] << "'\n  hint: "
          << (near.empty() ? "" : "did you mean '" + near + "'? ") << "The commands are: "
          << Join(names, ", ") << " (`commonplace --help` says what each does)\n";
      return kExitUsage;
    }
  }

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
    // The same rule as site.yaml's base_url: an absolute http(s) address.
    // Checked here, so a typo is one clear message, not a broken link per page.
    if (!build_opts.base_url.empty() && !IsHttpBaseUrl(build_opts.base_url)) {
      err << "error: --base-url '" << build_opts.base_url
          << "' must start with http:// or https://\n"
          << "  hint: write the full address the site is served from, e.g. "
             "https://example.org/evidence/\n";
      return kExitUsage;
    }
    // On a terminal, each step as it finishes; nothing extra in logs or with --quiet.
    if (!quiet && ProgressWanted(err)) {
      build_opts.on_step = [&err](const std::string& step, double ms) {
        err << "  " << step << "\u2026 " << static_cast<int>(ms + 0.5) << " ms\n";
        err.flush();
      };
    }
    BuildResult result;
    Build(build_opts, &result);
    PrintDiagnostics(result.diags, ReportFormat::kText, build_opts.root, err);
    if (!result.ok) {
      err << "Build failed with " << result.diags.ErrorCount()
          << " error(s); the previous site was left unchanged.\n";
      return kExitContentError;
    }
    if (!quiet) {
      PrintSummary(result, build_opts.out_dir, err);
      for (const auto& note : result.notes) err << "note: " << note << "\n";
    }
    return kExitOk;
  }
  if (*check) {
    Library lib;
    Diagnostics diags;
    check_opts.write = false;
    bool ok = LoadAndValidate(check_opts, &lib, diags);
    if (publish) {
      ok = CheckPublishable(lib, diags) && ok;
      diags.Sort();
    }
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
  if (*scaffold) {
    Library lib;
    Diagnostics diags;
    BuildOptions o;
    o.root = new_root;
    LoadLibrary(o.root, &lib, diags);  // vocabularies for the comments; errors do not matter
    std::time_t now = std::time(nullptr);
    char today[16];
    std::strftime(today, sizeof today, "%Y-%m-%d", std::gmtime(&now));
    std::string written, error;
    if (!Scaffold(new_root, lib, new_kind, new_slug, today, &written, &error)) {
      err << "error: " << error << "\n";
      return kExitUsage;
    }
    out << "wrote " << written << "\nFill in the fields, then run `commonplace check`.\n";
    return kExitOk;
  }
  if (*index) return search::RunIndexCommand(index_opts, err);
  if (*import) return RunImport(import_opts, out, err);
  if (*links) {
    links_opts.curl.total_timeout_ms = static_cast<long>(link_timeout_s * 1000);
    links_opts.curl.connect_timeout_ms = std::min(links_opts.curl.total_timeout_ms, 5000L);
    return RunCheckLinks(links_opts, out, err);
  }
  if (*schema) {
    Library lib;
    Diagnostics diags;
    LoadLibrary(schema_root, &lib, diags);
    if (diags.HasErrors()) {
      PrintDiagnostics(diags, ReportFormat::kText, schema_root, err);
      return kExitContentError;
    }
    std::string text = CaseStudyJsonSchema(lib);
    if (schema_out.empty()) {
      out << text;
    } else {
      std::string error;
      if (!WriteFileAtomic(schema_out, text, &error)) {
        err << "error: " << error << "\n";
        return kExitContentError;
      }
    }
    return kExitOk;
  }
  if (*serve) {
    std::string root = serve_opts.root;
    auto cache = std::make_shared<CaseStudyCache>();
    auto pages = std::make_shared<PageCache>();
    auto links = std::make_shared<LinkIndex>();
    auto site_yaml = std::make_shared<std::string>();
    PreviewServer server(
        serve_opts,
        [root, cache, pages, links, site_yaml](const std::string& base,
                                        SiteFiles* files,
                                        std::string* errors) {
          // Parsed case studies are reused between rebuilds unless site.yaml
          // (which sets the Markdown options) changed.
          auto now = ReadFile(std::filesystem::path(root) / "site.yaml");
          if (!now || *now != *site_yaml) {
            cache->entries.clear();
            *site_yaml = now ? *now : "";
          }
          // Pages whose inputs are unchanged are reused whatever changed.
          return BuildInMemory(root, base, files, errors, cache.get(), pages.get(), links.get());
        },
        err);
    std::string error;
    if (!server.Listen(&error)) {
      err << "error: " << error << "\n";
      return kExitUsage;
    }
    server.Rebuild();
    out << "Serving on http://127.0.0.1:" << server.port() << "/ (Ctrl-C to stop)\n";
    out.flush();
    server.Run();
    return kExitOk;
  }
  return kExitUsage;
}

}  // namespace commonplace
