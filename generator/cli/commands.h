// Subcommands of the `commonplace` program.
#ifndef COMMONPLACE_CLI_COMMANDS_H_
#define COMMONPLACE_CLI_COMMANDS_H_

#include <ostream>

namespace commonplace {

constexpr int kExitOk = 0;
constexpr int kExitContentError = 1;
constexpr int kExitUsage = 2;

/// Runs the program as `main` would; exposed so tests can call it.
int RunCli(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace commonplace

#endif  // COMMONPLACE_CLI_COMMANDS_H_
