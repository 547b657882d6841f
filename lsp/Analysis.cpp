#include "Analysis.h"

#include "report/Suppression.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"
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

class AuditConsumer : public ASTConsumer {
public:
  AuditConsumer(CompilerInstance &CI, const AnalysisRequest &Request, const Ruleset &Rules, const CheckOptions &Check,
                AnalysisResult &Out)
      : CI(CI), Request(Request), Rules(Rules), Check(Check), Out(Out) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (CI.getDiagnostics().hasErrorOccurred())
      return;
    SourceManager &SM = Ctx.getSourceManager();
    Checker C(Rules, Check);
    FindingConverter Convert(SM, Ctx.getLangOpts(), Request.Encoding, Rules, Request.WarningsAsErrors, Request.Uri,
                             Request.Command.Directory);
    for (const Finding &F : C.checkTranslationUnit(Ctx, &CI.getPreprocessor())) {
      std::optional<SuppressionComment> Suppression = findSuppression(F, SM);
      if (Suppression && Suppression->valid()) {
        ++Out.Suppressed;
        continue;
      }
      if (std::optional<LspFinding> L = Convert.convert(F, Suppression))
        Out.Findings.push_back(std::move(*L));
      else
        ++Out.Elsewhere;
    }
  }

private:
  CompilerInstance &CI;
  const AnalysisRequest &Request;
  const Ruleset &Rules;
  const CheckOptions &Check;
  AnalysisResult &Out;
};

class AuditAction : public ASTFrontendAction {
public:
  AuditAction(const AnalysisRequest &Request, const Ruleset &Rules, const CheckOptions &Check, AnalysisResult &Out)
      : Request(Request), Rules(Rules), Check(Check), Out(Out) {}

protected:
  bool BeginInvocation(CompilerInstance &CI) override {
    // "N errors generated." would go to stderr; the log says what matters.
    CI.setVerboseOutputStream(std::make_unique<llvm::raw_null_ostream>());
    return true;
  }
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, llvm::StringRef) override {
    return std::make_unique<AuditConsumer>(CI, Request, Rules, Check, Out);
  }

private:
  const AnalysisRequest &Request;
  const Ruleset &Rules;
  const CheckOptions &Check;
  AnalysisResult &Out;
};

} // namespace

AnalysisResult analyse(const AnalysisRequest &Request, const Ruleset &Rules, const CheckOptions &Check) {
  AnalysisResult Out;
  auto Layered = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(llvm::vfs::createPhysicalFileSystem());
  auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  for (const auto &[Path, Text] : Request.Overlay)
    Memory->addFile(Path, /*ModificationTime=*/0, llvm::MemoryBuffer::getMemBufferCopy(Text, Path));
  Layered->pushOverlay(Memory);
  if (std::error_code EC = Layered->setCurrentWorkingDirectory(Request.Command.Directory)) {
    Out.State = AnalysisResult::Status::DidNotCompile;
    Out.Problem = "cannot enter the compile command's directory " + Request.Command.Directory + ": " + EC.message();
    return Out;
  }
  auto Files = llvm::makeIntrusiveRefCnt<FileManager>(FileSystemOptions(), Layered);
  ErrorCollector Errors;
  tooling::ToolInvocation Invocation(Request.Command.Args, std::make_unique<AuditAction>(Request, Rules, Check, Out),
                                     Files.get());
  Invocation.setDiagnosticConsumer(&Errors);
  bool OK = Invocation.run();
  if (!OK || Errors.getNumErrors()) {
    Out.State = AnalysisResult::Status::DidNotCompile;
    Out.Problem = Errors.First.empty() ? "the compiler could not run" : Errors.First;
    Out.Findings.clear();
    Out.Suppressed = Out.Elsewhere = 0;
  }
  return Out;
}

} // namespace mmio::lsp
