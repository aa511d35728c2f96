// commonplace: the command-line entry point. Parses flags, runs a
// subcommand and chooses the exit code: 0 ok, 1 content errors, 2 usage.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  return commonplace::RunCli(argc, argv, std::cout, std::cerr);
}
