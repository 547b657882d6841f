// The command line of mmio-audit: what it accepts (llvm::cl, one category, LLVM's own options hidden) and the
// plain settings it parses into.
#ifndef MMIO_AUDIT_TOOLS_OPTIONS_H
#define MMIO_AUDIT_TOOLS_OPTIONS_H

#include "session/AuditSession.h"
#include "tooling/FlagCleanup.h"

#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace mmio {

/// Exit codes (docs/cli.md).
enum ExitCode : int {
  ExitClean = 0,    // no finding at the failing severity
  ExitFindings = 1, // findings at the failing severity (errors; warnings too with --werror)
  ExitFailure = 2,  // the tool could not do its job: bad options, ruleset or database, a unit that did not compile
};

enum class ReportFormat { Text, Json, Sarif };
enum class ColorMode { Auto, Always, Never };

struct CliOptions {
  enum class Command { Audit, Merge } Mode = Command::Audit;

  // What to analyse.
  std::vector<std::string> Files;
  std::string BuildPath;                             // -p
  std::optional<std::vector<std::string>> FixedArgs; // after `--`
  unsigned ShardIndex = 0, ShardCount = 0;           // --shard K/N (1-based K); 0: no sharding
  std::string SourceRoot;                            // absolute
  bool SourceRootGiven = false;                      // --source-root was given (else the current directory)

  // How.
  AuditSettings Session; // ruleset, disabled rules, --unknown, --werror
  FlagCleanupOptions Cleanup;
  unsigned Jobs = 0; // 0: every core
  bool Prefilter = true;
  bool CrossUnit = true;                                                               // --cross-unit
  enum class SelectionMode { Auto, Scan, Preprocess } Selection = SelectionMode::Auto; // --selection
  std::string CacheDir; // --cache-dir; empty: nothing cached

  // What to write.
  ReportFormat Format = ReportFormat::Text;
  bool FormatGiven = false;
  std::string OutputPath; // empty or "-": standard output
  ColorMode Color = ColorMode::Auto;
  std::optional<bool> Progress; // unset: when standard error is a terminal
  bool Quiet = false;
  bool Verbose = false;
  bool ListUnusedSuppressions = false;
  bool ListCalls = false;
  bool ListRules = false; // --list-rules: describe the loaded ruleset and stop

  // Fixes, baselines, patches.
  bool Fix = false;
  unsigned FixCommitPauseMs = 0; // tests only
  unsigned StagePauseMs = 0;     // tests only
  std::string ExportFixes;
  std::string Baseline;
  std::string DiffBase;

  // --write-candidates: select units with the prefilter, write them as a compilation database, stop
  std::string CandidatesPath;
  std::string UndecidedPath; // --write-undecided: those of them the prefilter could not preprocess

  // merge
  std::vector<std::string> MergeInputs;
};

/// Parses argv; `--help` and `--version` print and exit 0 as LLVM tools do. Errors come back ready to print.
llvm::Expected<CliOptions> parseCommandLine(int Argc, const char **Argv);

/// "mmio-audit 0.1.0 (Clang/LLVM 19.1.7)".
std::string versionString();

} // namespace mmio

#endif
