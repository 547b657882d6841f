#include "Audit.h"
#include "BuildConfig.h"
#include "CrossUnit.h"

#include "input/PrintableText.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

namespace mmio {

RunOptions runOptionsFrom(const CliOptions &Options) {
  RunOptions Run;
  Run.RenderText = Options.Format == ReportFormat::Text;
  Run.Colors = Run.RenderText && Options.OutputPath.empty() &&
               (Options.Color == ColorMode::Always || (Options.Color == ColorMode::Auto && llvm::outs().has_colors()));
  Run.Prefilter = Options.Prefilter;
  Run.ScanSuppressions = Options.ListUnusedSuppressions;
  Run.RecordFiles = Options.Fix;
  Run.ListCalls = Options.ListCalls;
  Run.SourceRoot = Options.SourceRoot;
  Run.Jobs = Options.Jobs;
  Run.Cleanup = Options.Cleanup;
  Run.Summarize = Options.CrossUnit;
  return Run;
}

Report emptyReport(const Ruleset &Rules, llvm::StringRef SourceRoot) {
  Report R;
  R.ToolVersion = MMIO_AUDIT_VERSION;
  R.InformationUri = MMIO_AUDIT_INFORMATION_URI;
  R.RulesetSource = Rules.Source;
  R.SourceRoot = SourceRoot.str();
  R.Rules = describeRules(Rules);
  return R;
}

AuditResult audit(const AuditSession &Session, const RunOptions &Run, const Selection &Units, const CliOptions &Options,
                  ProgressLine &Progress, llvm::StringRef Label) {
  AuditResult Result;
  Result.R = emptyReport(Session.rules(), Run.SourceRoot);
  for (const FoundMitigation &M : Session.treeMitigations())
    Result.R.KnownFixes.push_back(
        ReportMitigation{M.Spec->Id, M.Spec->Commit, printableText(M.Spec->Subject), M.Spec->Function, M.Where});
  if (Run.ListCalls)
    Result.R.Calls.emplace();
  std::string Suffix = Label.empty() ? "" : (" " + Label).str();
  for (const TUInfo &T : Units.NotRun) {
    Result.R.TranslationUnits.push_back(T);
    Progress.print(("mmio-audit: error: " + T.File + ": " + T.Reason + "\n"));
  }

  size_t Findings = 0;
  auto OnDone = [&](const TUOutcome &O, size_t Done, size_t Total, unsigned Pass) {
    // A later pass's outcome replaces the unit's earlier one: the progress line counts the first pass's findings.
    if (Pass == 1)
      for (const ReportFinding &F : O.Findings)
        Findings += F.active();
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    std::string In = Pass == 1 ? Suffix : Suffix + " (pass " + std::to_string(Pass) + ")";
    if (Options.Verbose) {
      OS << "mmio-audit: " << O.Info.File << In << ": " << tuStatusName(O.Info.Status);
      if (!O.Info.Reason.empty() && O.Info.Status != TUStatus::Failed)
        OS << " (" << O.Info.Reason << ")";
      if (O.Cached)
        OS << ", reused from the cache";
      OS << llvm::formatv(" in {0:f2}s\n", O.Seconds);
      if (!O.Command.Args.empty()) {
        OS << "  command:";
        for (const std::string &A : O.Command.Args)
          OS << " " << A;
        OS << "\n";
      }
      for (const std::string &D : O.Command.Dropped)
        OS << "  dropped: " << D << "\n";
      for (const std::string &T : O.Command.Translated)
        OS << "  translated: " << T << "\n";
    }
    if (O.Info.Status == TUStatus::Failed) {
      OS << O.Info.Errors;
      OS << "mmio-audit: error: " << O.Info.File << In << ": not analysed: " << O.Info.Reason << "\n";
    }
    if (!Text.empty())
      Progress.print(OS.str());
    Progress.update(Done, Total, Findings, O.Info.File);
  };
  Runner Analyser(Session, Run);
  std::vector<TUOutcome> Outcomes = Analyser.run(
      Units.Jobs, [&](const TUOutcome &O, size_t Done, size_t Total) { OnDone(O, Done, Total, /*Pass=*/1); });
  if (Run.Summarize && !Run.StopAfterPrefilter) {
    Progress.clear();
    DerivedAllocators Followed = followWrappers(Session, Run, Units, Options, Outcomes, OnDone, llvm::errs());
    if (Options.Verbose) {
      for (const DerivedAllocator *D : Followed.all())
        Progress.print("mmio-audit: followed wrapper " + D->name() + " (" +
                       relativeToRoot(D->Spec.Where.File, Run.SourceRoot) + ":" + std::to_string(D->Spec.Where.Line) +
                       ")\n");
      for (const std::string &Name : Followed.ambiguous())
        Progress.print("mmio-audit: not followed: " + Name + " (units summarise it differently)\n");
    }
  }
  Progress.clear();

  for (TUOutcome &O : Outcomes) {
    if (O.Touched)
      Result.TouchedUnits.insert({O.Info.File, O.Info.Directory});
    if (O.Info.Status == TUStatus::Analysed)
      for (const std::string &F : O.Files)
        Result.AnalysedFiles.insert(F);
    Result.R.TranslationUnits.push_back(std::move(O.Info));
    for (ReportFinding &F : O.Findings)
      Result.R.Findings.push_back(std::move(F));
    if (Result.R.Calls)
      for (ReportCall &C : O.Calls)
        Result.R.Calls->push_back(std::move(C));
    for (const FileLocation &L : O.UsedSuppressions)
      Result.UsedSuppressions.insert({L.File, L.Line});
    for (SuppressionComment &C : O.Suppressions)
      Result.Suppressions.push_back(std::move(C));
  }
  finalizeFindings(Result.R);
  finalizeCalls(Result.R);
  return Result;
}

} // namespace mmio
