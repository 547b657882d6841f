#include "DiagnosticEmitter.h"

#include "rules/RulesetError.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"

using namespace clang;

namespace mmio {

DiagnosticEmitter::DiagnosticEmitter(CompilerInstance &CI, bool WarningsAsErrors)
    : CI(CI), Diags(CI.getDiagnostics()), WarningsAsErrors(WarningsAsErrors) {}

DiagnosticsEngine::Level DiagnosticEmitter::levelFor(Severity S) const {
  // Custom diagnostics ignore -Werror and -w on LLVM 19, so both are applied here.
  if (S == Severity::Error || WarningsAsErrors || Diags.getWarningsAsErrors())
    return DiagnosticsEngine::Error;
  if (Diags.getIgnoreAllWarnings())
    return DiagnosticsEngine::Ignored;
  return DiagnosticsEngine::Warning;
}

SourceLocation DiagnosticEmitter::locationIn(llvm::StringRef File, unsigned Line, unsigned Column) {
  if (!CI.hasSourceManager())
    return SourceLocation();
  return External.locate(CI.getSourceManager(), File, Line, Column);
}

void DiagnosticEmitter::emit(const Finding &F) {
  DiagnosticsEngine::Level Level = levelFor(F.Level);
  if (Level == DiagnosticsEngine::Ignored)
    return;
  unsigned ID = Diags.getCustomDiagID(Level, "%0");
  {
    DiagnosticBuilder B = Diags.Report(F.Loc, ID);
    B << (F.Message + " [" + F.RuleId + "]");
    if (F.Fix)
      B << FixItHint::CreateReplacement(F.Fix->Range, F.Fix->Replacement);
  }
  unsigned NoteID = Diags.getCustomDiagID(DiagnosticsEngine::Note, "%0");
  for (const FindingNote &N : F.Notes) {
    SourceLocation Loc = N.Loc.isValid() ? N.Loc : locationIn(N.Where.File, N.Where.Line, N.Where.Column);
    Diags.Report(Loc, NoteID) << N.Message;
  }
}

void DiagnosticEmitter::emit(const CallSummary &S) {
  std::string Text = S.Callee + " call in " + (S.Function.empty() ? std::string("file scope") : "'" + S.Function + "'") + ":";
  const char *Sep = " ";
  for (unsigned K = 0; K < NumRoles; ++K) {
    if (!S.Bounds[K])
      continue;
    Text += Sep + roleName(static_cast<Role>(K)).str() + " = " + S.Bounds[K]->str();
    Sep = ", ";
  }
  Diags.Report(S.Loc, Diags.getCustomDiagID(DiagnosticsEngine::Remark, "%0 [mmio-audit-call]")) << Text;
}

void DiagnosticEmitter::emitError(llvm::StringRef Message) {
  Diags.Report(Diags.getCustomDiagID(DiagnosticsEngine::Error, "%0")) << Message;
}

void DiagnosticEmitter::emitError(llvm::Error E) {
  unsigned ID = Diags.getCustomDiagID(DiagnosticsEngine::Error, "%0");
  llvm::handleAllErrors(
      std::move(E),
      [&](const RulesetError &RE) {
        const RulesetLocation &W = RE.location();
        SourceLocation Loc = locationIn(W.File, W.Line, W.Column);
        if (Loc.isValid()) {
          Diags.Report(Loc, ID) << RE.text();
          return;
        }
        // No file to show (the built-in ruleset, or one that cannot be read): say where in words.
        std::string Text;
        llvm::raw_string_ostream OS(Text);
        OS << W.File;
        if (W.Line)
          OS << ":" << W.Line << ":" << W.Column;
        OS << ": " << RE.text();
        Diags.Report(ID) << OS.str();
      },
      [&](const llvm::ErrorInfoBase &Other) { Diags.Report(ID) << Other.message(); });
}

} // namespace mmio
