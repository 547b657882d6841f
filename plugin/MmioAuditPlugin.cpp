// The mmio_audit Clang plugin: audits MMIO allocator calls while the translation unit compiles.
#include "DiagnosticEmitter.h"
#include "PluginOptions.h"

#include "check/Checker.h"
#include "report/Suppression.h"
#include "rules/RulesetLoader.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>

using namespace clang;

namespace mmio {
namespace {

class AuditConsumer : public ASTConsumer {
public:
  AuditConsumer(CompilerInstance &CI, Ruleset Rules, CheckOptions Check, const PluginOptions &Options)
      : CI(CI), Rules(std::move(Rules)), Check(std::move(Check)), WarningsAsErrors(Options.WarningsAsErrors),
        ListCalls(Options.ListCalls) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    // A translation unit that did not compile has a partial AST; its errors are the user's first concern.
    if (CI.getDiagnostics().hasErrorOccurred())
      return;
    Checker C(Rules, Check);
    Preprocessor *PP = CI.hasPreprocessor() ? &CI.getPreprocessor() : nullptr;
    DiagnosticEmitter Emit(CI, WarningsAsErrors);
    for (Finding &F : C.checkTranslationUnit(Ctx, PP)) {
      // A reviewed call carries `mmio-audit: ignore[RULE] -- REASON`; one without a reason silences nothing.
      if (std::optional<SuppressionComment> S = findSuppression(F, Ctx.getSourceManager())) {
        if (S->valid())
          continue;
        F.Notes.push_back({S->Loc, S->Where, malformedSuppressionNote(*S)});
      }
      Emit.emit(F);
    }
    if (ListCalls)
      for (const CallSummary &S : C.listCalls(Ctx))
        Emit.emit(S);
  }

private:
  CompilerInstance &CI;
  Ruleset Rules;
  CheckOptions Check;
  bool WarningsAsErrors;
  bool ListCalls;
};

class MmioAuditAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, llvm::StringRef) override {
    DiagnosticEmitter Emit(CI, Options.WarningsAsErrors);
    llvm::Expected<Ruleset> Rules =
        Options.RulesPath.empty() ? loadBuiltinRuleset() : loadRulesetFile(Options.RulesPath);
    if (!Rules) {
      Emit.emitError(Rules.takeError());
      return std::make_unique<ASTConsumer>();
    }
    CheckOptions Check;
    Check.ReportUnknown = Options.ReportUnknown;
    for (const std::string &Id : Options.Disabled) {
      if (!Rules->findRule(Id)) {
        Emit.emitError("mmio_audit: cannot disable rule '" + Id + "': no such rule in " + Rules->Source);
        return std::make_unique<ASTConsumer>();
      }
      Check.DisabledRules.insert(Id);
    }
    return std::make_unique<AuditConsumer>(CI, std::move(*Rules), std::move(Check), Options);
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

} // namespace
} // namespace mmio

static clang::FrontendPluginRegistry::Add<mmio::MmioAuditAction>
    RegisterMmioAudit("mmio_audit", "audit MMIO allocator calls against an mmio-audit ruleset");
