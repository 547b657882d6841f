// mmio-audit: the command-line front end. Parses options, loads the ruleset and the compilation database, runs the
// audit (or a patch comparison, or a merge of shard reports) and writes what the user asked for.
#include "Audit.h"
#include "Candidates.h"
#include "CompileDatabase.h"
#include "Delivery.h"
#include "DiffMode.h"
#include "Interrupt.h"
#include "Kbuild.h"
#include "ListRules.h"
#include "Merge.h"
#include "Options.h"
#include "Output.h"
#include "Progress.h"
#include "ResultCache.h"
#include "ScanSelection.h"
#include "TUSelection.h"

#include "report/AtomicFile.h"
#include "report/Fixes.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>
#include <unistd.h>

using namespace mmio;

namespace {

int fail(const llvm::Twine &Message) {
  llvm::errs() << "mmio-audit: error: " << Message << "\n";
  return ExitFailure;
}

int fail(llvm::Error E) {
  int Code = ExitFailure;
  llvm::handleAllErrors(std::move(E), [&](const llvm::ErrorInfoBase &Info) { Code = fail(Info.message()); });
  return Code;
}

void listUnusedSuppressions(const AuditResult &Result, llvm::StringRef SourceRoot) {
  std::vector<const SuppressionComment *> Unused = unusedSuppressions(Result.Suppressions, Result.UsedSuppressions);
  for (const SuppressionComment *C : Unused) {
    std::string Rules;
    for (const std::string &R : C->Rules)
      Rules += (Rules.empty() ? "" : ",") + R;
    llvm::errs() << relativeToRoot(C->Where.File, SourceRoot) << ":" << C->Where.Line << ":" << C->Where.Column
                 << ": warning: ";
    if (C->valid())
      llvm::errs() << "unused suppression: no finding of [" << Rules << "] is reported here\n";
    else
      llvm::errs() << "suppression comment does not apply: " << C->Problem << "\n";
  }
  llvm::errs() << "mmio-audit: " << Unused.size() << " unused suppression" << (Unused.size() == 1 ? "" : "s") << " of "
               << Result.Suppressions.size() << "\n";
}

} // namespace

static int LspAnchor;

/// `mmio-audit --lsp`: becomes the language server installed next to this binary, keeping stdin and stdout (the
/// editor's) untouched.
static int runLanguageServer(int argc, const char **argv) {
  std::string Self = llvm::sys::fs::getMainExecutable(argv[0], &LspAnchor);
  llvm::SmallString<256> Server(llvm::sys::path::parent_path(Self));
  llvm::sys::path::append(Server, "mmio-audit-lsp");
  std::vector<char *> Args{const_cast<char *>(Server.c_str())};
  for (int I = 1; I < argc; ++I)
    Args.push_back(const_cast<char *>(argv[I]));
  Args.push_back(nullptr);
  ::execv(Server.c_str(), Args.data());
  llvm::errs() << "mmio-audit: cannot run " << Server << ": " << std::strerror(errno) << "\n";
  return 2;
}

int main(int argc, const char **argv) {
  // Before anything else can write to stdout, which belongs to the protocol.
  for (int I = 1; I < argc && llvm::StringRef(argv[I]) != "--"; ++I)
    if (llvm::StringRef(argv[I]) == "--lsp")
      return runLanguageServer(argc, argv);
  IgnoredSignals Ignored = signalsIgnoredAtStart();
  llvm::InitLLVM Init(argc, argv, /*InstallPipeSignalExitHandler=*/false);
  handleInterrupts(Ignored);
  ignoreBrokenPipe();
  // The target registry tells a cross compiler's name (aarch64-linux-gnu-gcc) from any other.
  llvm::InitializeAllTargetInfos();
  // Kbuild's argument list is mostly the compiler's: the subcommand splits it before llvm::cl sees any of it.
  if (argc > 1 && llvm::StringRef(argv[1]) == "kbuild")
    return runKbuild(argc, argv);

  llvm::Expected<CliOptions> Parsed = parseCommandLine(argc, argv);
  if (!Parsed)
    return fail(Parsed.takeError());
  CliOptions &Options = *Parsed;
  // An output that cannot be written fails now, not after minutes of analysis.
  for (const std::string *Out :
       {&Options.OutputPath, &Options.ExportFixes, &Options.CandidatesPath, &Options.UndecidedPath})
    if (!Out->empty() && *Out != "-")
      if (llvm::Error E = checkWritable(*Out))
        return fail(std::move(E));
  if (Options.Mode == CliOptions::Command::Merge)
    return runMerge(Options);

  llvm::Expected<AuditSession> Session = AuditSession::load(Options.Session);
  if (!Session)
    return reportSessionLoadError(Session.takeError());
  if (Options.ListRules)
    return listRules(*Session, Options);
  llvm::Expected<LoadedDatabase> DB = loadCompilationDatabase(Options);
  if (!DB)
    return fail(DB.takeError());
  llvm::Expected<Selection> Units = selectTranslationUnits(*DB->Database, DB->Source, Options);
  if (!Units)
    return fail(Units.takeError());

  ProgressLine Progress(llvm::errs(), Options.Progress.value_or(llvm::errs().is_displayed()));
  setProgressShown(Progress.enabled());
  RunOptions Run = runOptionsFrom(Options);
  std::unique_ptr<ResultCache> Cache;
  if (!Options.CacheDir.empty()) {
    llvm::Expected<std::unique_ptr<ResultCache>> Opened =
        ResultCache::open(Options.CacheDir, sessionCacheSalt(Options.Session, *Session));
    if (!Opened)
      return fail(Opened.takeError());
    Cache = std::move(*Opened);
    Run.Cache = Cache.get();
  }
  // Said once the run is over, whatever it found: the cache only saves work, so failing to keep it fails nothing.
  auto CacheNotes = llvm::make_scope_exit([&] {
    if (!Cache)
      return;
    if (std::string E = Cache->writeError(); !E.empty())
      llvm::errs() << "mmio-audit: warning: results not cached: " << E << "\n";
    if (Options.Verbose)
      llvm::errs() << "mmio-audit: result cache " << Cache->directory() << ": " << Cache->hits() << " reused, "
                   << Cache->stored() << " stored\n";
  });
  // Patch mode scans the changed files' earlier contents too, once it knows them.
  if (scanSelects(Options, Units->Jobs.size()) && Options.DiffBase.empty())
    narrowByScan(*Units, Options, Session->rules(), nullptr, llvm::errs());
  if (!Options.CandidatesPath.empty())
    return writeCandidates(*Session, Run, *Units, Options, Progress);
  AuditResult Result;
  if (!Options.DiffBase.empty()) {
    llvm::Expected<AuditResult> Diff = runPatchMode(*Session, Run, *Units, Options, Progress);
    if (!Diff)
      return fail(Diff.takeError());
    Result = std::move(*Diff);
  } else {
    Result = audit(*Session, Run, *Units, Options, Progress);
  }
  if (!Options.Baseline.empty())
    if (llvm::Error E = applyBaseline(Result.R, Options.Baseline))
      return fail(std::move(E));

  int Code = deliverOutputs(Options, Result, exitCodeFor(Result.R));
  if (Options.ListUnusedSuppressions)
    listUnusedSuppressions(Result, Options.SourceRoot);
  return Code;
}
