// Turns findings and ruleset errors into clang diagnostics: warning or error by severity, notes, fix-its.
#ifndef MMIO_AUDIT_PLUGIN_DIAGNOSTICEMITTER_H
#define MMIO_AUDIT_PLUGIN_DIAGNOSTICEMITTER_H

#include "check/Checker.h"
#include "check/Finding.h"
#include "report/ExternalFileLocations.h"

#include "clang/Basic/Diagnostic.h"
#include "llvm/Support/Error.h"

namespace clang {
class CompilerInstance;
}

namespace mmio {

class DiagnosticEmitter {
public:
  DiagnosticEmitter(clang::CompilerInstance &CI, bool WarningsAsErrors);

  void emit(const Finding &F);
  /// A remark naming the call and every role's values.
  void emit(const CallSummary &S);
  /// A ruleset error at its FILE:LINE:COL when the file can be shown, else as a plain error.
  void emitError(llvm::Error E);
  void emitError(llvm::StringRef Message);

private:
  /// The location of a line and column in a file outside the translation unit (a ruleset), loaded on demand.
  clang::SourceLocation locationIn(llvm::StringRef File, unsigned Line, unsigned Column);
  clang::DiagnosticsEngine::Level levelFor(Severity S) const;

  clang::CompilerInstance &CI;
  clang::DiagnosticsEngine &Diags;
  bool WarningsAsErrors;
  ExternalFileLocations External;
};

} // namespace mmio

#endif
