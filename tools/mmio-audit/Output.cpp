#include "Output.h"

#include "input/InputFile.h"
#include "report/AtomicFile.h"
#include "report/JsonReport.h"
#include "report/SarifReport.h"
#include "report/TextWriter.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace mmio {

llvm::Error writeReport(const Report &R, ReportFormat Format, llvm::StringRef Path, bool Summary) {
  auto Write = [&](llvm::raw_ostream &OS) {
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
  };
  if (Path.empty()) {
    llvm::Error E = Write(llvm::outs());
    llvm::outs().flush();
    return E;
  }
  return writeFileAtomically(Path, Write);
}

ExitCode exitCodeFor(const Report &R) {
  for (const TUInfo &T : R.TranslationUnits)
    if (T.Status == TUStatus::Failed)
      return ExitFailure;
  for (const ReportFinding &F : R.Findings)
    if (F.active() && F.Level == Severity::Error && (!R.DiffMode || F.Diff == Change::New))
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
