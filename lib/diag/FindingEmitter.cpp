#include "diag/FindingEmitter.h"

#include "input/PrintableText.h"
#include "rules/RulesetError.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace mmio {

namespace {

DiagnosticsEngine::Level engineLevel(DiagLevel L) {
  switch (L) {
  case DiagLevel::Remark:
    return DiagnosticsEngine::Remark;
  case DiagLevel::Note:
    return DiagnosticsEngine::Note;
  case DiagLevel::Warning:
    return DiagnosticsEngine::Warning;
  case DiagLevel::Error:
    return DiagnosticsEngine::Error;
  }
  return DiagnosticsEngine::Error;
}

} // namespace

std::optional<DiagLevel> EngineDiagnosticSink::levelFor(Severity S) const {
  if (S == Severity::Error || Diags.getWarningsAsErrors())
    return DiagLevel::Error;
  if (Diags.getIgnoreAllWarnings())
    return std::nullopt;
  return DiagLevel::Warning;
}

DiagnosticBuilder EngineDiagnosticSink::start(SourceLocation Loc, DiagLevel Level, llvm::StringRef Text) {
  DiagnosticBuilder B = Diags.Report(Loc, Diags.getCustomDiagID(engineLevel(Level), "%0"));
  B << printableText(Text); // a ruleset's message may spell control characters with YAML escapes
  return B;
}

void FindingEmitter::emit(const Finding &F) {
  std::optional<DiagLevel> Level = Sink.levelFor(F.Level);
  if (!Level)
    return;
  {
    DiagnosticBuilder B = Sink.start(F.Loc, *Level, F.Message + " [" + F.RuleId + "]");
    if (F.Fix)
      B << FixItHint::CreateReplacement(F.Fix->Range, F.Fix->Replacement);
  }
  for (const FindingNote &N : F.Notes) {
    // A note without a place in the unit points into the ruleset.
    SourceLocation Loc = N.Loc.isValid() ? N.Loc : Outside.locate(SM, N.Where.File, N.Where.Line, N.Where.Column);
    Sink.start(Loc, DiagLevel::Note, N.Message);
  }
}

void FindingEmitter::emit(const CallSummary &S) {
  std::string Text =
      S.Callee + " call in " + (S.Function.empty() ? std::string("file scope") : "'" + S.Function + "'") + ":";
  const char *Sep = " ";
  for (unsigned K = 0; K < NumRoles; ++K) {
    if (!S.Bounds[K])
      continue;
    Text += Sep + roleName(static_cast<Role>(K)).str() + " = " + S.Bounds[K]->str();
    Sep = ", ";
  }
  Sink.start(S.Loc, DiagLevel::Remark, Text + " [mmio-audit-call]");
}

std::string errorText(const llvm::ErrorInfoBase &E) {
  const auto *RE = E.isA<RulesetError>() ? static_cast<const RulesetError *>(&E) : nullptr;
  if (!RE)
    return E.message();
  const FileLocation &W = RE->location();
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << W.File;
  if (W.Line)
    OS << ":" << W.Line << ":" << W.Column;
  OS << ": " << RE->text();
  return Text;
}

void emitError(DiagnosticsEngine &Diags, SourceManager *SM, ExternalFileLocations &Outside, llvm::Error E,
               llvm::StringRef Prefix) {
  unsigned ID = Diags.getCustomDiagID(DiagnosticsEngine::Error, "%0");
  llvm::handleAllErrors(std::move(E), [&](const llvm::ErrorInfoBase &Info) {
    if (!Info.isA<RulesetError>()) {
      Diags.Report(ID) << (Prefix + Info.message()).str();
      return;
    }
    const auto &RE = static_cast<const RulesetError &>(Info);
    const FileLocation &W = RE.location();
    SourceLocation Loc = SM ? Outside.locate(*SM, W.File, W.Line, W.Column) : SourceLocation();
    // No file to show (the built-in ruleset, or one that cannot be read): say where in words.
    if (Loc.isValid())
      Diags.Report(Loc, ID) << RE.text();
    else
      Diags.Report(ID) << errorText(Info);
  });
}

} // namespace mmio
