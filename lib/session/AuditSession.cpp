#include "session/AuditSession.h"

#include "rules/RulesetLoader.h"

#include "clang/AST/ASTContext.h"

namespace mmio {

namespace {

llvm::Expected<Ruleset> loadRuleset(const AuditSettings &S) {
  if (S.RulesPath.empty())
    return loadBuiltinRuleset();
  if (S.RulesText)
    return parseRuleset(*S.RulesText, S.RulesPath);
  return loadRulesetFile(S.RulesPath);
}

void makeAbsolute(std::string &File) {
  if (!File.empty() && File.front() != '<') // `<builtin>/...` names no file
    File = absolutePath(File, "");
}

void makeRulesetPathsAbsolute(Ruleset &Rules) {
  makeAbsolute(Rules.Source);
  for (Rule &R : Rules.Rules)
    makeAbsolute(R.Where.File);
  for (NamedRange &R : Rules.Ranges)
    makeAbsolute(R.Where.File);
  for (AllocatorSpec &A : Rules.Allocators)
    makeAbsolute(A.Where.File);
}

} // namespace

llvm::Expected<AuditSession> AuditSession::load(const AuditSettings &Settings) {
  llvm::Expected<Ruleset> Rules = loadRuleset(Settings);
  if (!Rules)
    return Rules.takeError();
  CheckOptions Check;
  Check.ReportUnknown = Settings.ReportUnknown;
  for (const std::string &Id : Settings.Disabled) {
    if (!Rules->findRule(Id))
      return llvm::createStringError(std::errc::invalid_argument, "cannot disable rule '%s': no such rule in %s",
                                     Id.c_str(), Rules->Source.c_str());
    Check.DisabledRules.insert(Id);
  }
  if (Settings.AbsoluteRulesetPaths)
    makeRulesetPathsAbsolute(*Rules);
  return AuditSession(std::move(*Rules), std::move(Check), Settings.WarningsAsErrors);
}

std::vector<AuditedFinding> AuditSession::auditUnit(clang::ASTContext &Ctx, clang::Preprocessor *PP) const {
  std::vector<AuditedFinding> Out;
  Checker C(Rules, Check);
  for (Finding &F : C.checkTranslationUnit(Ctx, PP)) {
    AuditedFinding A;
    if (WarningsAsErrors)
      F.Level = Severity::Error;
    // A reviewed call carries `mmio-audit: ignore[RULE] -- REASON`; one without a reason silences nothing.
    if (std::optional<SuppressionComment> S = findSuppression(F, Ctx.getSourceManager())) {
      if (S->valid())
        A.SuppressedBy = std::move(S);
      else
        F.Notes.push_back({S->Loc, S->Where, malformedSuppressionNote(*S)});
    }
    A.F = std::move(F);
    Out.push_back(std::move(A));
  }
  return Out;
}

std::vector<CallSummary> AuditSession::listCalls(clang::ASTContext &Ctx) const {
  return Checker(Rules, Check).listCalls(Ctx);
}

} // namespace mmio
