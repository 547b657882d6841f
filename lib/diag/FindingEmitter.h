// Turns findings into clang diagnostics for every front end that speaks them: the plugin (the compiler's own
// diagnostics), the clang-tidy module (clang-tidy's) and the CLI's text report (clang's text printer). A front end
// supplies only the sink that starts a diagnostic.
#ifndef MMIO_AUDIT_DIAG_FINDINGEMITTER_H
#define MMIO_AUDIT_DIAG_FINDINGEMITTER_H

#include "check/Checker.h"
#include "check/Finding.h"
#include "source/ExternalFileLocations.h"

#include "clang/Basic/Diagnostic.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>

namespace mmio {

enum class DiagLevel { Remark, Note, Warning, Error };

/// Where diagnostics go. `start` begins one with `Text` already streamed in; the emitter adds fix-its.
class DiagnosticSink {
public:
  virtual ~DiagnosticSink() = default;
  /// The level a finding of severity `S` is shown at; nothing when it is not shown.
  virtual std::optional<DiagLevel> levelFor(Severity S) const = 0;
  virtual clang::DiagnosticBuilder start(clang::SourceLocation Loc, DiagLevel Level, llvm::StringRef Text) = 0;
};

/// A DiagnosticsEngine as a sink. Custom diagnostics ignore -Werror and -w on LLVM 19, so the engine's own
/// settings are applied here, as clazy does.
class EngineDiagnosticSink : public DiagnosticSink {
public:
  explicit EngineDiagnosticSink(clang::DiagnosticsEngine &Diags) : Diags(Diags) {}
  std::optional<DiagLevel> levelFor(Severity S) const override;
  clang::DiagnosticBuilder start(clang::SourceLocation Loc, DiagLevel Level, llvm::StringRef Text) override;

private:
  clang::DiagnosticsEngine &Diags;
};

class FindingEmitter {
public:
  /// `Outside` loads the ruleset files notes point into; it may outlive the emitter (one per translation unit).
  FindingEmitter(DiagnosticSink &Sink, clang::SourceManager &SM, ExternalFileLocations &Outside)
      : Sink(Sink), SM(SM), Outside(Outside) {}

  /// "MESSAGE [rule-id]" at the call, its fix-it, then its notes; at the level `Sink` gives its severity.
  void emit(const Finding &F);
  /// A remark naming the call and every role's values (an audit's inventory).
  void emit(const CallSummary &S);

private:
  DiagnosticSink &Sink;
  clang::SourceManager &SM;
  ExternalFileLocations &Outside;
};

/// A ruleset error's place and text, "FILE:LINE:COL: MESSAGE" leaving out what is unknown, for front ends that
/// cannot point into the ruleset file; other errors give their message.
std::string errorText(const llvm::ErrorInfoBase &E);

/// Reports `E` through `Diags` as an error: a ruleset error at its line of the ruleset when the file can be shown,
/// else in words; any other error after `Prefix` (the front end's name).
void emitError(clang::DiagnosticsEngine &Diags, clang::SourceManager *SM, ExternalFileLocations &Outside, llvm::Error E,
               llvm::StringRef Prefix = "");

} // namespace mmio

#endif
