#include "Runner.h"

#include "Prefilter.h"
#include "ResultCache.h"
#include "SummaryJson.h"

#include "report/ReportCalls.h"
#include "report/ReportFindings.h"
#include "tooling/AuditInvocation.h"

#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"

#include <chrono>

using namespace clang;

namespace mmio {

namespace {

/// Keeps a unit's errors (and the notes that go with them) as clang prints them; warnings are not this tool's
/// business (the cleaned command has -w anyway).
class CompileErrorCollector : public DiagnosticConsumer {
public:
  CompileErrorCollector() : OS(Text), Opts(new DiagnosticOptions()), Printer(OS, Opts.get()) {}

  void BeginSourceFile(const LangOptions &LO, const Preprocessor *PP) override { Printer.BeginSourceFile(LO, PP); }
  void EndSourceFile() override { Printer.EndSourceFile(); }
  void HandleDiagnostic(DiagnosticsEngine::Level Level, const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level >= DiagnosticsEngine::Error) {
      ForwardNotes = true;
      Printer.HandleDiagnostic(Level, Info);
    } else if (Level == DiagnosticsEngine::Note) {
      if (ForwardNotes)
        Printer.HandleDiagnostic(Level, Info);
    } else {
      ForwardNotes = false;
    }
  }

  std::string take() {
    OS.flush();
    return std::move(Text);
  }

private:
  std::string Text;
  llvm::raw_string_ostream OS;
  llvm::IntrusiveRefCntPtr<DiagnosticOptions> Opts;
  TextDiagnosticPrinter Printer;
  bool ForwardNotes = false;
};

/// Keeps what the CLI reports of a unit that compiled: its findings as report findings, and the suppression
/// comments that silenced them; then records the files the unit read, while its source manager is alive.
class OutcomeReporter : public UnitReporter {
public:
  OutcomeReporter(const AuditSession &Session, const RunOptions &Options, const TUJob &Job, TUOutcome &Out,
                  std::function<void(const SourceManager &)> AfterCheck)
      : Session(Session), Options(Options), Job(Job), Out(Out), AfterCheck(std::move(AfterCheck)) {
    Request.Known = Options.Derived;
    Request.Summaries = Options.Summarize ? &Out.Summaries : nullptr;
  }

  const CrossUnitRequest *crossUnit() override { return Options.Summarize || Options.Derived ? &Request : nullptr; }

  void report(std::vector<AuditedFinding> Findings, CompilerInstance &CI) override {
    ReportFindingOptions Report;
    Report.RenderText = Options.RenderText;
    Report.Colors = Options.Colors;
    Report.TextPrefix = Options.TextPrefix;
    Report.Directory = Job.Command.Directory;
    Report.TranslationUnit = Job.File;
    UnitReportFindings Got = toReportFindings(Findings, CI.getSourceManager(), CI.getLangOpts(), Report);
    Out.Findings = std::move(Got.Findings);
    Out.UsedSuppressions = std::move(Got.UsedSuppressions);
    // From the same compile: an inventory costs no second parse.
    if (Options.ListCalls)
      Out.Calls = toReportCalls(Session.listCalls(CI.getASTContext()), Session, Job.Command.Directory, Job.File);
    if (AfterCheck)
      AfterCheck(CI.getSourceManager());
  }

private:
  const AuditSession &Session;
  const RunOptions &Options;
  const TUJob &Job;
  TUOutcome &Out;
  std::function<void(const SourceManager &)> AfterCheck;
  CrossUnitRequest Request;
};

/// Whether the unit read one of `Files` (absolute paths).
bool readsAnyOf(const SourceManager &SM, const std::string &Directory, const llvm::StringSet<> &Files) {
  for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It)
    if (Files.contains(absolutePath(It->first.getName(), Directory)))
      return true;
  return false;
}

} // namespace

Runner::Runner(const AuditSession &Session, RunOptions Options)
    : Session(Session), Options(std::move(Options)), AllocatorNames(allocatorIdentifiers(Session.rules())) {
  if (!this->Options.PrefilterNames.empty())
    AllocatorNames = this->Options.PrefilterNames;
  SaltWriter W;
  W << (this->Options.Summarize ? "summaries" : "-");
  if (this->Options.Derived)
    for (const DerivedAllocator *D : this->Options.Derived->all()) {
      std::string Text;
      llvm::raw_string_ostream OS(Text);
      OS << summaryToJSON(*D);
      W << OS.str();
    }
  DerivedSalt = W.take();
}

void Runner::scanFiles(const SourceManager &SM, const std::string &Directory, TUOutcome &Out) {
  for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
    FileEntryRef FE = It->first;
    std::string File = absolutePath(FE.getName(), Directory);
    if (!isUnderRoot(File, Options.SourceRoot))
      continue;
    if (Options.RecordFiles)
      Out.Files.push_back(File);
    if (!Options.ScanSuppressions)
      continue;
    {
      std::lock_guard<std::mutex> Lock(ScannedMutex);
      if (!Scanned.insert(File).second)
        continue;
    }
    if (std::optional<llvm::MemoryBufferRef> Buffer = SM.getBufferOrNone(SM.translateFile(FE)))
      for (SuppressionComment &C : scanSuppressions(Buffer->getBuffer(), File))
        Out.Suppressions.push_back(std::move(C));
  }
}

std::string Runner::cacheSalt() const {
  SaltWriter W;
  W << (Options.RenderText ? "text" : "-") << (Options.Colors ? "colors" : "-") << Options.TextPrefix
    << (Options.Prefilter ? "prefilter" : "-") << (Options.StopAfterPrefilter ? "candidates" : "-")
    << (Options.ListCalls ? "calls" : "-") << Options.SourceRoot << DerivedSalt;
  for (const std::string &N : AllocatorNames)
    W << N;
  return W.take();
}

TUOutcome Runner::runOne(const TUJob &Job) {
  auto Start = std::chrono::steady_clock::now();
  TUOutcome Out;
  Out.Info.File = Job.File;
  Out.Info.Directory = Job.Command.Directory;
  auto Finish = [&]() -> TUOutcome {
    Out.Seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
    return std::move(Out);
  };
  if (!Job.SkipReason.empty()) {
    Out.Info.Status = TUStatus::Skipped;
    Out.Info.Reason = Job.SkipReason;
    return Finish();
  }
  Out.Command = cleanCommandLine(Job.Command.CommandLine, Options.Cleanup);
  if (Out.Command.Args.empty()) {
    Out.Info.Status = TUStatus::Failed;
    Out.Info.Reason = "the compile command is empty";
    return Finish();
  }
  // Front ends that need what only a compile records (every file read, every suppression) do not cache.
  ResultCache *Cache = Options.ChangedFiles || Options.Overlay || Options.ScanSuppressions || Options.RecordFiles
                           ? nullptr
                           : Options.Cache;
  std::string CacheKey;
  if (Cache) {
    CacheKey = Cache->keyFor(cacheSalt(), Job.File, Job.Command.Directory, Out.Command.Args);
    if (std::optional<TUOutcome> Hit = Cache->lookup(CacheKey)) {
      Hit->Command = std::move(Out.Command);
      Out = std::move(*Hit);
      return Finish();
    }
  }
  LookupLog Lookups;
  LookupLog *Log = Cache ? &Lookups : nullptr;
  auto Keep = [&]() -> TUOutcome {
    if (Cache)
      Cache->store(CacheKey, Out, Lookups);
    return Finish();
  };
  bool WantFiles = Options.ScanSuppressions || Options.RecordFiles;
  auto Scan = [&](const SourceManager &SM) { scanFiles(SM, Job.Command.Directory, Out); };
  auto NoFiles = [&](llvm::Error E) {
    Out.Info.Status = TUStatus::Failed;
    Out.Info.Reason = llvm::toString(std::move(E));
    return Finish();
  };

  // Preprocessing first: for the prefilter, and in patch mode to tell whether the change touches the unit.
  if (Options.Prefilter || Options.ChangedFiles) {
    auto Files = fileManagerFor(Job.Command.Directory, Options.Overlay, Log);
    if (!Files)
      return NoFiles(Files.takeError());
    bool MayCall = true;
    bool Touched = !Options.ChangedFiles;
    bool Lexed = false;
    bool PreprocessingFailed = false;
    std::function<void(CompilerInstance &)> AfterLexing = [&](CompilerInstance &CI) {
      Lexed = true;
      PreprocessingFailed = CI.getDiagnostics().hasErrorOccurred();
      const SourceManager &SM = CI.getSourceManager();
      if (WantFiles)
        Scan(SM);
      // A unit that did not preprocess may include a changed file past the error: it counts as touched.
      if (!Touched &&
          (CI.getDiagnostics().hasErrorOccurred() || readsAnyOf(SM, Job.Command.Directory, *Options.ChangedFiles)))
        Touched = true;
    };
    IgnoringDiagConsumer Quiet;
    bool OK = runFrontendAction(Out.Command.Args, **Files,
                                std::make_unique<PrefilterAction>(AllocatorNames, MayCall, AfterLexing), Quiet);
    // Not preprocessed (a precompiled header, modules) or not run at all: whether the change reaches it is unknown.
    Out.Touched = Touched || !OK || !Lexed;
    Out.Undecided = Options.Prefilter && (!OK || !Lexed || PreprocessingFailed);
    if (!Out.Touched) {
      Out.Info.Status = TUStatus::Skipped;
      Out.Info.Reason = "not touched by the change";
      return Finish();
    }
    if (Options.Prefilter && OK && !MayCall) {
      Out.Info.Status = TUStatus::Skipped;
      Out.Info.Reason = "no allocator call possible";
      return Out.Undecided ? Finish() : Keep();
    }
    // The parse reads the same files, so what preprocessing found in them stands.
    WantFiles = false;
  }
  Out.Candidate = true;
  if (Options.StopAfterPrefilter) {
    Out.Info.Status = TUStatus::Skipped;
    Out.Info.Reason = "may call an allocator (--write-candidates does not parse)";
    return Out.Undecided ? Finish() : Keep();
  }

  auto Files = fileManagerFor(Job.Command.Directory, Options.Overlay, Log);
  if (!Files)
    return NoFiles(Files.takeError());
  CompileErrorCollector Errors;
  std::function<void(const SourceManager &)> AfterCheck;
  if (WantFiles)
    AfterCheck = Scan;
  OutcomeReporter Reporter(Session, Options, Job, Out, AfterCheck);
  bool OK = auditUnit(Out.Command.Args, **Files, Session, Reporter, Errors);
  if (!OK || Errors.getNumErrors()) {
    Out.Info.Status = TUStatus::Failed;
    Out.Info.Reason = "the translation unit does not compile";
    Out.Info.Errors = Errors.take();
    Out.Findings.clear();
    Out.Calls.clear();
    Out.Summaries.clear();
    Out.UsedSuppressions.clear();
    return Finish();
  }
  Out.Info.Status = TUStatus::Analysed;
  return Keep();
}

std::vector<TUOutcome> Runner::run(const std::vector<TUJob> &Jobs, DoneCallback OnDone) {
  std::vector<TUOutcome> Outcomes(Jobs.size());
  std::mutex DoneMutex;
  size_t Done = 0;
  auto Run = [&](size_t I) {
    TUOutcome Outcome = runOne(Jobs[I]);
    std::lock_guard<std::mutex> Lock(DoneMutex);
    Outcomes[I] = std::move(Outcome);
    OnDone(Outcomes[I], ++Done, Jobs.size());
  };
  unsigned Threads = Options.Jobs ? Options.Jobs : llvm::hardware_concurrency().compute_thread_count();
  if (Threads <= 1 || Jobs.size() <= 1) {
    for (size_t I = 0; I < Jobs.size(); ++I)
      Run(I);
    return Outcomes;
  }
  llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Threads));
  for (size_t I = 0; I < Jobs.size(); ++I)
    Pool.async([&Run, I] { Run(I); });
  Pool.wait();
  return Outcomes;
}

} // namespace mmio
