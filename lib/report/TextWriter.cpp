#include "report/TextWriter.h"
#include "report/ReportCalls.h"

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

/// `Rendered` (clang's text, locations as the compile named the files) with every location under `Root` made
/// relative to it, as the JSON and SARIF reports write them: at the start of a line (after a colour escape, or
/// "In file included from ").
std::string relativeToRootInText(llvm::StringRef Rendered, llvm::StringRef Root) {
  Root = Root.rtrim('/');
  if (Root.empty())
    return Rendered.str();
  std::string Prefix = Root.str() + "/";
  std::string Out;
  Out.reserve(Rendered.size());
  while (!Rendered.empty()) {
    auto [Line, Rest] = Rendered.split('\n');
    bool HadNewline = Rendered.size() > Line.size();
    Rendered = Rest;
    for (llvm::StringRef Lead : {"", "\x1b[1m", "In file included from ", "                 from "}) {
      if (Line.starts_with(Lead) && Line.drop_front(Lead.size()).starts_with(Prefix)) {
        Out += Lead;
        Line = Line.drop_front(Lead.size() + Prefix.size());
        break;
      }
    }
    Out += Line;
    if (HadNewline)
      Out += '\n';
  }
  return Out;
}

} // namespace

void writeTextReport(const Report &R, llvm::raw_ostream &OS, const TextOptions &Options) {
  for (const ReportFinding &F : R.Findings) {
    if (!F.active() || (R.DiffMode && F.Diff != Change::New))
      continue;
    if (!F.Rendered.empty()) {
      OS << relativeToRootInText(F.Rendered, R.SourceRoot);
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
  if (R.Calls)
    for (const ReportCall &C : *R.Calls)
      OS << printableText(callLine(C, R.SourceRoot)) << "\n";
  if (Options.Summary)
    OS << summaryLine(R) << "\n";
}

} // namespace mmio
