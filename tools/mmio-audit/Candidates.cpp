#include "Candidates.h"

#include "CrossUnit.h"
#include "Output.h"

#include "report/AtomicFile.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace mmio {

namespace {

llvm::json::Value entryFor(const clang::tooling::CompileCommand &C) {
  llvm::json::Array Arguments;
  for (const std::string &A : C.CommandLine)
    Arguments.push_back(A);
  return llvm::json::Object{{"directory", C.Directory}, {"file", C.Filename}, {"arguments", std::move(Arguments)}};
}

/// The callers of the candidates' exported wrappers are candidates too: the candidates are audited once for their
/// summaries, and the units that call a wrapper (docs/cli.md, "Calls across units") join them. What the audits
/// find, compile errors included, is for the audit of the candidates to report.
void addWrapperCallers(const AuditSession &Session, RunOptions Run, const Selection &Units, const CliOptions &Options,
                       std::vector<TUOutcome> &Outcomes, ProgressLine &Progress) {
  // As an audit runs them, so that with --cache-dir the audit of the candidates reuses these outcomes.
  Run.StopAfterPrefilter = false;
  Run.Summarize = true;
  std::vector<TUJob> Jobs;
  std::vector<size_t> Index;
  for (size_t I = 0; I < Outcomes.size(); ++I)
    if (Outcomes[I].Candidate) {
      Jobs.push_back(Units.Jobs[I]);
      Index.push_back(I);
    }
  Runner Parser(Session, Run);
  std::vector<TUOutcome> Parsed = Parser.run(
      Jobs, [&](const TUOutcome &O, size_t Done, size_t Total) { Progress.update(Done, Total, 0, O.Info.File); });
  Progress.clear();
  for (size_t K = 0; K < Parsed.size(); ++K)
    Outcomes[Index[K]].Summaries = std::move(Parsed[K].Summaries);
  followWrappers(
      Session, Run, Units, Options, Outcomes,
      [&](const TUOutcome &O, size_t Done, size_t Total, unsigned) { Progress.update(Done, Total, 0, O.Info.File); },
      llvm::errs());
  Progress.clear();
}

} // namespace

int writeCandidates(const AuditSession &Session, RunOptions Run, const Selection &Units, const CliOptions &Options,
                    ProgressLine &Progress) {
  Run.StopAfterPrefilter = true;
  Run.ScanSuppressions = Run.RecordFiles = false;
  for (const TUInfo &T : Units.NotRun)
    Progress.print("mmio-audit: error: " + T.File + ": " + T.Reason + "\n");
  size_t Kept = 0;
  Runner Selector(Session, Run);
  std::vector<TUOutcome> Outcomes = Selector.run(Units.Jobs, [&](const TUOutcome &O, size_t Done, size_t Total) {
    Kept += O.Candidate;
    if (O.Info.Status == TUStatus::Failed)
      Progress.print("mmio-audit: error: " + O.Info.File + ": " + O.Info.Reason + "\n");
    Progress.update(Done, Total, 0, O.Info.File);
  });
  Progress.clear();
  bool Failed = !Units.NotRun.empty();
  for (const TUOutcome &O : Outcomes)
    Failed |= O.Info.Status == TUStatus::Failed;
  if (Options.CrossUnit)
    addWrapperCallers(Session, Run, Units, Options, Outcomes, Progress);

  llvm::json::Array Database, Undecided;
  for (size_t I = 0; I < Outcomes.size(); ++I) {
    if (Outcomes[I].Candidate)
      Database.push_back(entryFor(Units.Jobs[I].Command));
    if (Outcomes[I].Candidate && Outcomes[I].Undecided)
      Undecided.push_back(entryFor(Units.Jobs[I].Command));
  }
  size_t UndecidedCount = Undecided.size();
  auto Writer = [](llvm::json::Array &Entries) {
    return [&Entries](llvm::raw_ostream &OS) {
      OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Entries))) << "\n";
      return llvm::Error::success();
    };
  };
  auto WriteTo = [&](const std::string &Path, llvm::json::Array &Entries) -> llvm::Error {
    if (Path != "-")
      return writeFileAtomically(Path, Writer(Entries));
    if (llvm::Error E = Writer(Entries)(llvm::outs()))
      return E;
    return flushStandardOutput();
  };
  llvm::Error E = WriteTo(Options.CandidatesPath, Database);
  if (!E && !Options.UndecidedPath.empty())
    E = WriteTo(Options.UndecidedPath, Undecided);
  if (E) {
    llvm::errs() << "mmio-audit: error: " << llvm::toString(std::move(E)) << "\n";
    return ExitFailure;
  }
  if (!Options.Quiet)
    llvm::errs() << "mmio-audit: " << Kept << " of " << Units.Jobs.size()
                 << (Units.Jobs.size() == 1 ? " unit" : " units") << " may call an allocator"
                 << (UndecidedCount
                         ? llvm::formatv(" ({0} of them undecided: they do not preprocess)", UndecidedCount).str()
                         : std::string())
                 << (Options.CandidatesPath == "-" ? "" : "; wrote " + Options.CandidatesPath) << "\n";
  return Failed ? ExitFailure : ExitClean;
}

} // namespace mmio
