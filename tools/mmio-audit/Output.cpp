#include "Output.h"

#include "Interrupt.h"

#include "input/InputFile.h"
#include "report/AtomicFile.h"
#include "report/JsonReport.h"
#include "report/SarifReport.h"
#include "report/TextWriter.h"
#include "rules/RulesetError.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace mmio {

int reportSessionLoadError(llvm::Error E) {
  llvm::handleAllErrors(
      std::move(E), [](const RulesetError &R) { llvm::errs() << R.message() << "\n"; },
      [](const llvm::ErrorInfoBase &Other) { llvm::errs() << "mmio-audit: error: " << Other.message() << "\n"; });
  return ExitFailure;
}

llvm::Error writeReportTo(const Report &R, ReportFormat Format, llvm::raw_ostream &OS, bool Summary) {
  switch (Format) {
  case ReportFormat::Text:
    writeTextReport(R, OS, TextOptions{Summary});
    break;
  case ReportFormat::Json:
    writeJSONReport(R, OS);
    break;
  case ReportFormat::Sarif:
    writeSARIFReport(R, OS);
    break;
  }
  return llvm::Error::success();
}

llvm::Error writeReport(const Report &R, ReportFormat Format, llvm::StringRef Path, bool Summary) {
  auto Write = [&](llvm::raw_ostream &OS) { return writeReportTo(R, Format, OS, Summary); };
  if (Path.empty()) {
    if (llvm::Error E = Write(llvm::outs()))
      return E;
    return flushStandardOutput();
  }
  return writeFileAtomically(Path, Write);
}

llvm::Error flushStandardOutput() {
  llvm::raw_fd_ostream &Out = llvm::outs();
  Out.flush();
  if (!Out.has_error())
    return llvm::Error::success();
  std::error_code EC = Out.error();
  Out.clear_error(); // reported here, not by the stream's destructor at exit
  if (EC == std::errc::broken_pipe)
    endQuietlyOnBrokenPipe();
  return llvm::createStringError(EC, "cannot write to standard output: %s", EC.message().c_str());
}

ExitCode exitCodeFor(const Report &R) {
  for (const TUInfo &T : R.TranslationUnits)
    if (T.Status == TUStatus::Failed)
      return ExitFailure;
  for (const ReportFinding &F : R.Findings)
    if (F.active() && !F.Mitigated && F.Level == Severity::Error && (!R.DiffMode || F.Diff == Change::New))
      return ExitFindings;
  return ExitClean;
}

llvm::Error applyBaseline(Report &R, llvm::StringRef BaselinePath) {
  llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> Buffer = readInputFile(BaselinePath, MaxReportBytes);
  if (!Buffer)
    return llvm::createStringError("cannot read baseline %s: %s", BaselinePath.str().c_str(),
                                   llvm::toString(Buffer.takeError()).c_str());
  llvm::Expected<Report> Base = readJSONReport((*Buffer)->getBuffer(), BaselinePath);
  if (!Base)
    return Base.takeError();
  llvm::StringSet<> Known;
  for (const ReportFinding &F : Base->Findings)
    Known.insert(F.Fingerprint);
  size_t Before = R.Findings.size();
  llvm::erase_if(R.Findings, [&](const ReportFinding &F) { return Known.contains(F.Fingerprint); });
  R.Baselined += Before - R.Findings.size();
  return llvm::Error::success();
}

} // namespace mmio
