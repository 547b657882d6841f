// Compile commands as a compilation database records them (often a GCC kernel build), made into commands clang
// accepts for analysis: GCC-only flags dropped or translated, outputs and dependency files stripped, the target the
// compiler's name implies made explicit, and only -fsyntax-only work asked for.
#ifndef MMIO_AUDIT_TOOLS_FLAGCLEANUP_H
#define MMIO_AUDIT_TOOLS_FLAGCLEANUP_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace mmio {

struct FlagCleanupOptions {
  std::vector<std::string> DropPrefixes;    // --drop-flag: arguments starting with any of these go
  std::vector<std::string> ExtraArgs;       // --extra-arg: appended
  std::vector<std::string> ExtraArgsBefore; // --extra-arg-before: inserted after the compiler
  std::string ResourceDir;                  // clang's builtin headers, unless the command names its own
};

/// One known GCC flag: what clang 19 does with it and what mmio-audit does instead (docs/cli.md lists them).
struct GccFlagRule {
  const char *Flag;        // exact argument, or a prefix when it ends with '='
  const char *Replacement; // nullptr: dropped; else the clang spelling ("%s" is replaced by the translated value)
  const char *Why;
};
llvm::ArrayRef<GccFlagRule> gccFlagRules();

struct CleanedCommand {
  std::vector<std::string> Args;
  std::vector<std::string> Dropped;    // what went, for --verbose
  std::vector<std::string> Translated; // "OLD -> NEW"
};

/// The command to run for analysis: `Args[0]` the compiler as recorded (a launcher such as ccache removed).
CleanedCommand cleanCommandLine(std::vector<std::string> Args, const FlagCleanupOptions &Options);

} // namespace mmio

#endif
