// The mmio_audit Clang plugin: audits MMIO allocator calls while the translation unit compiles, and reports the
// findings as the compiler's own diagnostics.
#include "PluginOptions.h"

#include "diag/FindingEmitter.h"
#include "session/AuditConsumer.h"
#include "session/AuditSession.h"

#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <optional>

using namespace clang;

namespace mmio {
namespace {

class DiagnosticsReporter : public UnitReporter {
public:
  DiagnosticsReporter(const AuditSession &Session, bool ListCalls) : Session(Session), ListCalls(ListCalls) {}

  void report(std::vector<AuditedFinding> Findings, CompilerInstance &CI) override {
    EngineDiagnosticSink Sink(CI.getDiagnostics());
    FindingEmitter Emit(Sink, CI.getSourceManager(), Outside);
    for (const AuditedFinding &A : Findings)
      if (!A.suppressed())
        Emit.emit(A.F);
    if (ListCalls)
      for (const CallSummary &S : Session.listCalls(CI.getASTContext()))
        Emit.emit(S);
  }

private:
  const AuditSession &Session;
  bool ListCalls;
  ExternalFileLocations Outside;
};

/// Owns what the consumer refers to, for as long as clang keeps the consumer.
class PluginConsumer : public AuditConsumer {
public:
  PluginConsumer(std::unique_ptr<AuditSession> Session, std::unique_ptr<DiagnosticsReporter> Reporter,
                 CompilerInstance &CI)
      : AuditConsumer(*Session, CI, *Reporter), OwnedSession(std::move(Session)), OwnedReporter(std::move(Reporter)) {}

private:
  std::unique_ptr<AuditSession> OwnedSession;
  std::unique_ptr<DiagnosticsReporter> OwnedReporter;
};

class MmioAuditAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, llvm::StringRef) override {
    llvm::Expected<AuditSession> Session = AuditSession::load(Options.Settings);
    if (!Session) {
      // The compile fails rather than silently checking nothing.
      ExternalFileLocations Outside;
      emitError(CI.getDiagnostics(), CI.hasSourceManager() ? &CI.getSourceManager() : nullptr, Outside,
                Session.takeError(), "mmio_audit: ");
      return std::make_unique<ASTConsumer>();
    }
    auto Owned = std::make_unique<AuditSession>(std::move(*Session));
    auto Reporter = std::make_unique<DiagnosticsReporter>(*Owned, Options.ListCalls);
    return std::make_unique<PluginConsumer>(std::move(Owned), std::move(Reporter), CI);
  }

  bool ParseArgs(const CompilerInstance &CI, const std::vector<std::string> &Args) override {
    llvm::Expected<PluginOptions> Parsed = parsePluginOptions(Args);
    if (!Parsed) {
      DiagnosticsEngine &D = CI.getDiagnostics();
      D.Report(D.getCustomDiagID(DiagnosticsEngine::Error, "mmio_audit: %0")) << toString(Parsed.takeError());
      return false;
    }
    Options = std::move(*Parsed);
    if (Options.Help)
      llvm::errs() << pluginHelpText();
    return true;
  }

  ActionType getActionType() override { return AddAfterMainAction; }

private:
  PluginOptions Options;
};

/// What `-Xclang -plugin -Xclang mmio_audit` finds. That flag asks for a plugin that replaces the compile, which
/// mmio_audit is not (it runs after it, with every compile that loads it); clang would refuse the plugin with no
/// word and exit 1, so this entry, registered first under the same name, says how to load it instead.
class ReplaceActionRefusal : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &, llvm::StringRef) override { return nullptr; }
  bool ParseArgs(const CompilerInstance &CI, const std::vector<std::string> &) override {
    // Also consulted for `-add-plugin mmio_audit`, which the other entry serves: then this one just stays out.
    if (CI.getFrontendOpts().ProgramAction != frontend::PluginAction)
      return false;
    DiagnosticsEngine &D = CI.getDiagnostics();
    D.Report(D.getCustomDiagID(DiagnosticsEngine::Error,
                               "mmio_audit: the plugin runs alongside the compile, not in place of it: load it with "
                               "-fplugin=MmioAudit.so (or -Xclang -load -Xclang MmioAudit.so), without -plugin"));
    return false;
  }
  // Not ReplaceAction: clang makes a loaded ReplaceAction plugin the main action of every compile.
  ActionType getActionType() override { return CmdlineAfterMainAction; }
};

} // namespace
} // namespace mmio

// Registration order matters: `-plugin NAME` takes the first entry of that name, while the compile's own plugins
// are every entry that adds itself to the main action.
static clang::FrontendPluginRegistry::Add<mmio::ReplaceActionRefusal>
    RegisterRefusal("mmio_audit", "audit MMIO allocator calls against an mmio-audit ruleset (load with -fplugin=)");
static clang::FrontendPluginRegistry::Add<mmio::MmioAuditAction>
    RegisterMmioAudit("mmio_audit", "audit MMIO allocator calls against an mmio-audit ruleset");
