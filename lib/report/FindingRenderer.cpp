#include "report/FindingRenderer.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace mmio {

FindingRenderer::FindingRenderer(SourceManager &SM, const LangOptions &LangOpts, bool Colors)
    : SM(SM), LangOpts(LangOpts), Colors(Colors) {}

SourceLocation FindingRenderer::locationOf(const FindingNote &N) {
  if (N.Loc.isValid())
    return N.Loc;
  if (N.Where.File.empty() || !N.Where.valid())
    return SourceLocation();
  auto It = LoadedFiles.find(N.Where.File);
  if (It == LoadedFiles.end()) {
    FileID FID;
    if (llvm::Expected<FileEntryRef> FE = SM.getFileManager().getFileRef(N.Where.File, /*OpenFile=*/true))
      FID = SM.createFileID(*FE, SourceLocation(), SrcMgr::C_User);
    else
      llvm::consumeError(FE.takeError());
    It = LoadedFiles.insert({N.Where.File, FID}).first;
  }
  if (It->second.isInvalid())
    return SourceLocation();
  return SM.translateLineCol(It->second, N.Where.Line, N.Where.Column ? N.Where.Column : 1);
}

std::string FindingRenderer::render(const Finding &F, Severity Level, llvm::ArrayRef<FindingNote> ExtraNotes) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  // A fresh engine per finding: each rendering stands alone (its own "In file included from"), so copies of one
  // finding from different translation units print the same.
  llvm::IntrusiveRefCntPtr<DiagnosticOptions> Opts(new DiagnosticOptions());
  Opts->ShowColors = Colors;
  TextDiagnosticPrinter Printer(OS, Opts.get());
  DiagnosticsEngine Diags(llvm::IntrusiveRefCntPtr<DiagnosticIDs>(new DiagnosticIDs()), Opts, &Printer,
                          /*ShouldOwnClient=*/false);
  Diags.setSourceManager(&SM);
  Printer.BeginSourceFile(LangOpts, nullptr);
  unsigned ID = Diags.getCustomDiagID(
      Level == Severity::Error ? DiagnosticsEngine::Error : DiagnosticsEngine::Warning, "%0");
  {
    DiagnosticBuilder B = Diags.Report(F.Loc, ID);
    B << (F.Message + " [" + F.RuleId + "]");
    if (F.Fix)
      B << FixItHint::CreateReplacement(F.Fix->Range, F.Fix->Replacement);
  }
  unsigned NoteID = Diags.getCustomDiagID(DiagnosticsEngine::Note, "%0");
  for (llvm::ArrayRef<FindingNote> Notes : {llvm::ArrayRef<FindingNote>(F.Notes), ExtraNotes})
    for (const FindingNote &N : Notes)
      Diags.Report(locationOf(N), NoteID) << N.Message;
  Printer.EndSourceFile();
  OS.flush();
  return Out;
}

} // namespace mmio
