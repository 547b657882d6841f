#include "Analysis.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace mmio::lsp {

namespace {

/// Counts errors and keeps the first as "FILE:LINE:COL: MESSAGE", for the log. Nothing is printed: clangd, next to
/// this server, shows compile errors; this server shows findings.
class ErrorCollector : public DiagnosticConsumer {
public:
  void HandleDiagnostic(DiagnosticsEngine::Level Level, const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Error || !First.empty())
      return;
    llvm::SmallString<128> Text;
    Info.FormatDiagnostic(Text);
    llvm::raw_string_ostream OS(First);
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      PresumedLoc P = Info.getSourceManager().getPresumedLoc(Info.getLocation());
      if (P.isValid())
        OS << P.getFilename() << ":" << P.getLine() << ":" << P.getColumn() << ": ";
    }
    OS << Text;
  }
  std::string First;
};

/// The document's findings as LSP diagnostics, while its unit is alive.
class DiagnosticsReporter : public UnitReporter {
public:
  DiagnosticsReporter(const AnalysisRequest &Request, const Ruleset &Rules, AnalysisResult &Out)
      : Request(Request), Rules(Rules), Out(Out) {}

  void report(std::vector<AuditedFinding> Findings, CompilerInstance &CI) override {
    FindingConverter Convert(CI.getSourceManager(), CI.getLangOpts(), Request.Encoding, Rules, Request.Uri,
                             Request.Command.Directory);
    for (const AuditedFinding &A : Findings) {
      if (A.suppressed())
        ++Out.Suppressed;
      else if (std::optional<LspFinding> L = Convert.convert(A.F))
        Out.Findings.push_back(std::move(*L));
      else
        ++Out.Elsewhere;
    }
  }

private:
  const AnalysisRequest &Request;
  const Ruleset &Rules;
  AnalysisResult &Out;
};

} // namespace

AnalysisResult analyse(const AnalysisRequest &Request, const AuditSession &Session) {
  AnalysisResult Out;
  auto Files = fileManagerFor(Request.Command.Directory, &Request.Overlay);
  if (!Files) {
    Out.State = AnalysisResult::Status::DidNotCompile;
    Out.Problem = llvm::toString(Files.takeError());
    return Out;
  }
  ErrorCollector Errors;
  DiagnosticsReporter Reporter(Request, Session.rules(), Out);
  bool OK = auditUnit(Request.Command.Args, **Files, Session, Reporter, Errors);
  if (!OK || Errors.getNumErrors()) {
    Out.State = AnalysisResult::Status::DidNotCompile;
    Out.Problem = Errors.First.empty() ? "the compiler could not run" : Errors.First;
    Out.Findings.clear();
    Out.Suppressed = Out.Elsewhere = 0;
  }
  return Out;
}

} // namespace mmio::lsp
