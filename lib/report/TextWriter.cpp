#include "report/TextWriter.h"

#include "input/PrintableText.h"

namespace mmio {

namespace {

void writeLocation(llvm::raw_ostream &OS, const FileLocation &L, llvm::StringRef Root) {
  if (L.File.empty())
    return;
  OS << relativeToRoot(L.File, Root);
  if (L.valid())
    OS << ":" << L.Line << ":" << L.Column;
  OS << ": ";
}

} // namespace

void writeTextReport(const Report &R, llvm::raw_ostream &OS, const TextOptions &Options) {
  for (const ReportFinding &F : R.Findings) {
    if (!F.active() || (R.DiffMode && F.Diff != Change::New))
      continue;
    if (!F.Rendered.empty()) {
      OS << F.Rendered;
      continue;
    }
    writeLocation(OS, F.Begin, R.SourceRoot);
    OS << (F.Level == Severity::Error ? "error: " : "warning: ") << printableText(F.Message) << " ["
       << printableText(F.RuleId) << "]\n";
    for (const ReportNote &N : F.Notes) {
      writeLocation(OS, N.Where, R.SourceRoot);
      OS << "note: " << printableText(N.Message) << "\n";
    }
  }
  if (Options.Summary)
    OS << summaryLine(R) << "\n";
}

} // namespace mmio
