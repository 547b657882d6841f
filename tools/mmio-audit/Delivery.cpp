#include "Delivery.h"

#include "Interrupt.h"
#include "Output.h"

#include "report/AtomicFile.h"
#include "report/Fixes.h"
#include "report/JsonReport.h"
#include "report/SarifReport.h"
#include "report/TextWriter.h"

#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <optional>
#include <thread>

namespace mmio {

namespace {

int fail(llvm::Error E) {
  llvm::handleAllErrors(std::move(E), [](const llvm::ErrorInfoBase &Info) {
    llvm::errs() << "mmio-audit: error: " << Info.message() << "\n";
  });
  return ExitFailure;
}

struct StagedOutputs {
  std::optional<StagedFile> Report, ExportedFixes;
  std::optional<StagedFixes> Fixes;
};

llvm::Error stage(const CliOptions &Options, const AuditResult &Result, StagedOutputs &Out) {
  if (!Options.OutputPath.empty()) {
    llvm::Expected<StagedFile> F = StagedFile::create(Options.OutputPath, [&](llvm::raw_ostream &OS) {
      return writeReportTo(Result.R, Options.Format, OS, !Options.Quiet);
    });
    if (!F)
      return F.takeError();
    Out.Report.emplace(std::move(*F));
  }
  if (Options.StagePauseMs)
    std::this_thread::sleep_for(std::chrono::milliseconds(Options.StagePauseMs));
  if (!Options.ExportFixes.empty()) {
    llvm::Expected<StagedFile> F = StagedFile::create(Options.ExportFixes, [&](llvm::raw_ostream &OS) {
      writeReplacementsYAML(Result.R, OS);
      return llvm::Error::success();
    });
    if (!F)
      return F.takeError();
    Out.ExportedFixes.emplace(std::move(*F));
  }
  if (Options.Fix)
    Out.Fixes.emplace(stageFixes(Result.R, Options.SourceRoot, Result.AnalysedFiles));
  return llvm::Error::success();
}

/// Renames everything staged into place; false when a file could not be.
bool commit(const CliOptions &Options, StagedOutputs &Staged, FixOutcome &Fixed) {
  DeferInterrupts Uninterrupted; // every output in place, or none
  if (Options.FixCommitPauseMs)
    std::this_thread::sleep_for(std::chrono::milliseconds(Options.FixCommitPauseMs));
  bool OK = true;
  for (std::optional<StagedFile> *F : {&Staged.Report, &Staged.ExportedFixes})
    if (*F)
      if (llvm::Error E = (*F)->commit())
        OK = fail(std::move(E)) == ExitClean;
  if (OK && Staged.Fixes) // fixes without the report or the export asked for would be a half-delivered run
    Fixed = commitFixes(*Staged.Fixes, Options.FixCommitPauseMs);
  return OK;
}

} // namespace

int deliverOutputs(const CliOptions &Options, const AuditResult &Result, int Code) {
  StagedOutputs Staged;
  {
    // Files staged while an interrupt waits are registered for removal before it acts: none is left behind.
    DeferInterrupts WhileStaging;
    if (llvm::Error E = stage(Options, Result, Staged)) {
      fail(std::move(E));
      if (Options.Fix || !Options.ExportFixes.empty())
        llvm::errs() << "mmio-audit: no output written and no fix applied\n";
      return ExitFailure;
    }
  }
  if (Options.OutputPath.empty()) {
    llvm::Error E = writeReportTo(Result.R, Options.Format, llvm::outs(), !Options.Quiet);
    if (!E)
      E = flushStandardOutput();
    if (E) {
      fail(std::move(E));
      if (Options.Fix || !Options.ExportFixes.empty())
        llvm::errs() << "mmio-audit: no output written and no fix applied\n";
      return ExitFailure;
    }
  }
  FixOutcome Fixed;
  if (!commit(Options, Staged, Fixed))
    Code = ExitFailure;
  if (!Options.Quiet && (Options.Format != ReportFormat::Text || !Options.OutputPath.empty()))
    llvm::errs() << "mmio-audit: " << summaryLine(Result.R) << "\n";
  if (!Options.Fix)
    return Code;
  for (const FixProblem &P : Fixed.Problems) {
    llvm::errs() << P.Where.File << ":" << P.Where.Line << ":" << P.Where.Column << ": "
                 << (P.IsError ? "error: " : "warning: ") << P.Message << "\n";
    if (P.IsError)
      Code = ExitFailure;
  }
  if (!Options.Quiet)
    llvm::errs() << "mmio-audit: applied " << Fixed.Applied << (Fixed.Applied == 1 ? " fix" : " fixes") << " to "
                 << Fixed.ChangedFiles.size() << (Fixed.ChangedFiles.size() == 1 ? " file" : " files") << "\n";
  return Code;
}

} // namespace mmio
