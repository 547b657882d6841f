#include "Options.h"
#include "BuildConfig.h"

#include "report/Report.h"
#include "tooling/SessionOptions.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

namespace cl = llvm::cl;

namespace mmio {

namespace {

cl::OptionCategory Category("mmio-audit options");
cl::SubCommand MergeCommand("merge", "Join the JSON or SARIF reports of shards (--shard) into one report");

// Options that both the audit and `merge` take.
// A string, checked here: LLVM's enum parser prints its own complaint, which would not read like the others.
cl::opt<std::string> Format("format",
                            cl::desc("Report format: text (clang-style, with a summary line; the default), json "
                                     "(docs/cli.md) or sarif (SARIF 2.1.0 for code scanning); merge: that of the "
                                     "inputs"),
                            cl::value_desc("FORMAT"), cl::cat(Category), cl::sub(cl::SubCommand::getTopLevel()),
                            cl::sub(MergeCommand));
cl::opt<std::string> Output("o", cl::desc("Write the report to FILE (atomically) instead of standard output"),
                            cl::value_desc("FILE"), cl::cat(Category), cl::sub(cl::SubCommand::getTopLevel()),
                            cl::sub(MergeCommand));

cl::list<std::string> Files(cl::Positional, cl::desc("[<file|directory>...]"), cl::cat(Category));
cl::opt<std::string> BuildPath("p", cl::desc("Build directory with compile_commands.json (or that file itself)"),
                               cl::value_desc("BUILD_DIR"), cl::cat(Category));
cl::opt<unsigned> Jobs("j", cl::desc("Analyse N translation units at a time (default: every core)"),
                       cl::value_desc("N"), cl::Prefix, cl::cat(Category));
cl::opt<bool> Lsp("lsp", cl::desc("Run as a language server on stdin/stdout (mmio-audit-lsp; see docs/editors.md)"),
                  cl::cat(Category));
cl::opt<bool> Quiet("quiet",
                    cl::desc("Print findings and errors only: no summary line, progress or notes on "
                             "standard error"),
                    cl::cat(Category));
cl::opt<bool> Verbose("verbose", cl::desc("Print each unit's cleaned-up command and what was dropped from it"),
                      cl::cat(Category));
cl::opt<std::string> SourceRoot("source-root",
                                cl::desc("Root of the source tree: reports name files relative to it (SARIF "
                                         "%SRCROOT%), --fix edits only under it (default: current directory)"),
                                cl::value_desc("DIR"), cl::cat(Category));
cl::opt<bool> Prefilter("prefilter",
                        cl::desc("Preprocess each unit first and parse only those in which an allocator's name "
                                 "occurs (default: on; --prefilter=false parses every unit)"),
                        cl::init(true), cl::cat(Category));
cl::opt<std::string> SelectionOpt(
    "selection",
    cl::desc("How the prefilter finds the units that may call an allocator: scan (one scan of the source tree's "
             "text rules out the units none of whose files names one, the rest are preprocessed), preprocess "
             "(every unit preprocessed: slower on many units, assumes nothing; see docs/cli.md) or auto (the "
             "default: scan from 32 units up, where it is the cheaper)"),
    cl::value_desc("MODE"), cl::init("auto"), cl::cat(Category));
cl::opt<bool> CrossUnit("cross-unit",
                        cl::desc("Follow bounds across units: summarise the exported wrappers that forward a "
                                 "parameter into an allocator's bounds, then audit their callers in every unit as "
                                 "allocator calls (default: on; see docs/cli.md)"),
                        cl::init(true), cl::cat(Category));
cl::opt<std::string> CacheDir(
    "cache-dir",
    cl::desc("Keep each unit's result in DIR, keyed by its command and the contents of every file it read, and the "
             "tree scan's per-file facts; a later run reuses what nothing has changed since (not with --diff-base, "
             "--fix or --list-unused-suppressions)"),
    cl::value_desc("DIR"), cl::cat(Category));
// As clang-tidy spells it (LLVM itself owns --color).
cl::opt<cl::boolOrDefault> UseColor("use-color",
                                    cl::desc("Colour text findings (default: when standard output is a terminal)"),
                                    cl::cat(Category));
cl::opt<std::string> ProgressOpt("progress",
                                 cl::desc("Progress line on standard error: auto (on a terminal), "
                                          "always or never"),
                                 cl::value_desc("WHEN"), cl::init("auto"), cl::Hidden, cl::cat(Category));
cl::opt<bool> Fix("fix", cl::desc("Apply the rules' fix-its in place (files under --source-root only)"),
                  cl::cat(Category));
// For tests of interruption: a window in which an interrupt arrives while fixes are being put in place.
cl::opt<unsigned> FixCommitPause("testing-fix-commit-pause-ms",
                                 cl::desc("Wait this long before renaming fixed files, and again after the first"),
                                 cl::init(0), cl::Hidden, cl::cat(Category));
// And one in which it arrives while outputs are being staged.
cl::opt<unsigned> StagePause("testing-stage-pause-ms",
                             cl::desc("Wait this long after staging the report, before staging the rest"), cl::init(0),
                             cl::Hidden, cl::cat(Category));
cl::opt<std::string> WriteCandidates(
    "write-candidates",
    cl::desc("Write the units that may call an allocator as a compilation database to FILE and stop: each unit is "
             "preprocessed (the prefilter), none parsed"),
    cl::value_desc("FILE"), cl::cat(Category));
cl::opt<std::string> WriteUndecided(
    "write-undecided",
    cl::desc("With --write-candidates: also write those of the units that did not preprocess (they need files the "
             "build generates) to FILE, so a build can make what they need and a second pass decide them"),
    cl::value_desc("FILE"), cl::cat(Category));
cl::opt<std::string> ExportFixes("export-fixes", cl::desc("Write the fix-its as clang-apply-replacements YAML"),
                                 cl::value_desc("FILE"), cl::cat(Category));
cl::opt<std::string> Baseline("baseline", cl::desc("Report only findings that are not in this earlier JSON report"),
                              cl::value_desc("FILE"), cl::cat(Category));
cl::opt<std::string> DiffBase("diff-base",
                              cl::desc("Patch mode: analyse the units the change since REV touches, at HEAD and at "
                                       "REV, and fail only on new findings"),
                              cl::value_desc("REV"), cl::cat(Category));
cl::opt<std::string> Shard("shard", cl::desc("Analyse only shard K of N (1-based) of the selected units"),
                           cl::value_desc("K/N"), cl::cat(Category));
cl::opt<bool> ListCalls("list-calls",
                        cl::desc("Also list every allocator call with its bounds and each rule's verdict (the audit's "
                                 "inventory: remarks in text, `calls` in JSON)"),
                        cl::cat(Category));
cl::opt<bool> ListRules("list-rules",
                        cl::desc("Describe the ruleset and stop: its allocators with their roles, its rules (whether "
                                 "each is checked, what implies it, which known fixes defuse it) and its known fixes"),
                        cl::cat(Category));
cl::opt<std::string> Overlay("overlay",
                             cl::desc("A directory of patched copies of some of --source-root's files, at the same "
                                      "relative paths: known fixes are looked for in a copy there first"),
                             cl::value_desc("DIR"), cl::cat(Category));
cl::opt<bool> ListUnused("list-unused-suppressions",
                         cl::desc("List suppression comments under --source-root that silenced nothing"),
                         cl::cat(Category));

cl::list<std::string> MergeInputs(cl::Positional, cl::desc("<report>..."), cl::OneOrMore, cl::sub(MergeCommand),
                                  cl::cat(Category));

const char *Overview =
    "mmio-audit: audit MMIO allocator calls (vmbus_allocate_mmio and what a ruleset adds) in C code\n"
    "\n"
    "  mmio-audit [options] [files...] [-- compiler args]\n"
    "  mmio-audit merge [-o FILE] [--format F] REPORT...\n"
    "\n"
    "Analyses the translation units of a compilation database (-p BUILD_DIR; every unit, or those of the files\n"
    "and directories given), or the files given with the compiler arguments after `--`. Exit status: 0 clean,\n"
    "1 findings at the failing severity (errors; warnings too with --werror), 2 the tool could not do its job.\n"
    "Reference: docs/cli.md.\n";

llvm::Error usageError(const llvm::Twine &Message) {
  return llvm::createStringError(std::errc::invalid_argument, "%s", Message.str().c_str());
}

} // namespace

std::string versionString() {
  return std::string("mmio-audit ") + MMIO_AUDIT_VERSION + " (Clang/LLVM " + LLVM_VERSION_STRING + ")";
}

llvm::Expected<CliOptions> parseCommandLine(int Argc, const char **Argv) {
  CliOptions O;
  // Everything after `--` is a compile command for the files given: a database of its own.
  for (int I = 1; I < Argc; ++I) {
    if (llvm::StringRef(Argv[I]) == "--") {
      O.FixedArgs.emplace(Argv + I + 1, Argv + Argc);
      Argc = I;
      break;
    }
  }

  cl::HideUnrelatedOptions({&Category, &sessionOptionCategory()}, cl::SubCommand::getTopLevel());
  cl::HideUnrelatedOptions(Category, MergeCommand);
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) { OS << versionString() << "\n"; });
  std::string Errors;
  llvm::raw_string_ostream ErrOS(Errors);
  if (!cl::ParseCommandLineOptions(Argc, Argv, Overview, &ErrOS)) {
    // LLVM says "mmio-audit: Unknown command line argument ...": one "error:" line each, the way tools say it.
    std::string Message;
    llvm::SmallVector<llvm::StringRef, 4> Lines;
    llvm::StringRef(ErrOS.str()).trim().split(Lines, '\n', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef L : Lines) {
      L = L.trim();
      L.consume_front("mmio-audit: ");
      L.consume_front("mmio-audit merge: ");
      L = L.substr(0, L.find("  Try: ")).rtrim();
      if (!Message.empty())
        Message += "\n";
      Message += L.str();
    }
    return usageError((Message.empty() ? "invalid command line" : Message) + " (see mmio-audit --help)");
  }

  O.FormatGiven = Format.getNumOccurrences() > 0;
  if (Format == "json")
    O.Format = ReportFormat::Json;
  else if (Format == "sarif")
    O.Format = ReportFormat::Sarif;
  else if (Format.empty() || Format == "text")
    O.Format = ReportFormat::Text;
  else
    return usageError("--format " + Format + ": expected text, json or sarif");
  O.OutputPath = Output == "-" ? "" : Output.getValue();
  if (MergeCommand) {
    O.Mode = CliOptions::Command::Merge;
    O.MergeInputs.assign(MergeInputs.begin(), MergeInputs.end());
    return O;
  }

  O.Files.assign(Files.begin(), Files.end());
  O.BuildPath = BuildPath;
  O.Session = sessionSettingsFromCommandLine();
  // Notes that point into the ruleset are shown from units compiled in other directories.
  O.Session.AbsoluteRulesetPaths = true;
  O.Cleanup = cleanupOptionsFromCommandLine();
  O.Quiet = Quiet;
  O.Verbose = Verbose;
  O.Prefilter = Prefilter;
  O.CrossUnit = CrossUnit;
  O.CacheDir = CacheDir;
  if (SelectionOpt == "preprocess")
    O.Selection = CliOptions::SelectionMode::Preprocess;
  else if (SelectionOpt == "scan")
    O.Selection = CliOptions::SelectionMode::Scan;
  else if (SelectionOpt != "auto")
    return usageError("--selection=" + SelectionOpt + ": expected auto, scan or preprocess");
  O.Color = UseColor == cl::BOU_TRUE    ? ColorMode::Always
            : UseColor == cl::BOU_FALSE ? ColorMode::Never
                                        : ColorMode::Auto;
  O.Fix = Fix;
  O.CandidatesPath = WriteCandidates;
  O.UndecidedPath = WriteUndecided;
  if (!O.UndecidedPath.empty() && O.CandidatesPath.empty())
    return usageError("--write-undecided goes with --write-candidates");
  O.FixCommitPauseMs = FixCommitPause;
  O.StagePauseMs = StagePause;
  O.ExportFixes = ExportFixes;
  O.Baseline = Baseline;
  O.DiffBase = DiffBase;
  O.ListUnusedSuppressions = ListUnused;
  O.ListCalls = ListCalls;
  O.ListRules = ListRules;

  if (Jobs.getNumOccurrences()) {
    if (Jobs == 0)
      return usageError("-j 0: give the number of units to analyse at a time, at least 1 (see mmio-audit --help)");
    O.Jobs = Jobs;
  }
  if (ProgressOpt == "always")
    O.Progress = true;
  else if (ProgressOpt == "never")
    O.Progress = false;
  else if (ProgressOpt != "auto")
    return usageError("--progress=" + ProgressOpt + ": expected auto, always or never");
  if (O.Quiet)
    O.Progress = false;

  if (!Shard.empty()) {
    auto [K, N] = llvm::StringRef(Shard).split('/');
    if (K.getAsInteger(10, O.ShardIndex) || N.getAsInteger(10, O.ShardCount) || O.ShardCount == 0 ||
        O.ShardIndex == 0 || O.ShardIndex > O.ShardCount)
      return usageError("--shard " + Shard + ": expected K/N with 1 <= K <= N (e.g. --shard 2/4)");
  }
  if (llvm::Error E = checkCleanupOptions(O.Cleanup))
    return std::move(E);
  if (!O.CandidatesPath.empty() && (O.Fix || !O.DiffBase.empty() || !O.Baseline.empty() || !O.Prefilter))
    return usageError("--write-candidates selects units and stops: it does not go with --fix, --diff-base, "
                      "--baseline or --prefilter=false");
  if (O.Fix && !O.DiffBase.empty())
    return usageError("--fix and --diff-base do not go together: fix the tree, or review the patch");
  if (!O.Baseline.empty() && !O.DiffBase.empty())
    return usageError("--baseline and --diff-base do not go together: each decides which findings are new");

  std::string Root = SourceRoot.empty() ? "." : SourceRoot.getValue();
  if (!llvm::sys::fs::is_directory(Root))
    return usageError("--source-root " + Root + ": not a directory");
  // Made absolute the way file names from the database are (no symlinks resolved), so they compare.
  O.SourceRoot = absolutePath(Root, "");
  O.SourceRootGiven = !SourceRoot.empty();
  // A whole-tree audit knows the fixes that live elsewhere in the tree; patch mode judges the patch's calls alone,
  // as the plugin does, so that a call asking for any address is still flagged where it is added.
  if (O.DiffBase.empty())
    O.Session.TreeRoot = O.SourceRoot;
  if (!Overlay.empty()) {
    if (!O.DiffBase.empty())
      return usageError("--overlay and --diff-base do not go together: patch mode does not look for known fixes");
    if (!llvm::sys::fs::is_directory(Overlay))
      return usageError("--overlay " + Overlay + ": not a directory");
    O.Session.TreeOverlay = absolutePath(Overlay, "");
  }
  return O;
}

} // namespace mmio
