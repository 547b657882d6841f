#include "session/AuditSession.h"

#include "input/PrintableText.h"
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
  for (MitigationSpec &M : Rules.Mitigations)
    makeAbsolute(M.Where.File);
}

std::string mitigationNote(const FoundMitigation &M) {
  return "mitigated in this tree by " + M.Spec->Commit + " (\"" + printableText(M.Spec->Subject) + "\"), found in " +
         M.Spec->Function + "()";
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
  for (const std::string &Id : Settings.Enabled) {
    if (!Rules->findRule(Id))
      return llvm::createStringError(std::errc::invalid_argument, "cannot enable rule '%s': no such rule in %s",
                                     Id.c_str(), Rules->Source.c_str());
    Check.EnabledRules.insert(Id);
  }
  if (Settings.AbsoluteRulesetPaths)
    makeRulesetPathsAbsolute(*Rules);
  AuditSession Session(std::move(*Rules), std::move(Check), Settings.WarningsAsErrors);
  Session.Mitigations = findTreeMitigations(Session.Rules, Settings.TreeRoot, Settings.TreeOverlay);
  return std::move(Session);
}

std::vector<AuditedFinding> AuditSession::auditUnit(clang::ASTContext &Ctx, clang::Preprocessor *PP,
                                                    const CrossUnitRequest *CrossUnit) const {
  std::vector<AuditedFinding> Out;
  Checker C(Rules, Check);
  for (Finding &F : C.checkTranslationUnit(Ctx, PP, CrossUnit)) {
    AuditedFinding A;
    const Rule *Rl = Rules.findRule(F.RuleId);
    if (const FoundMitigation *M = Rl ? mitigationFor(*Rl, Mitigations) : nullptr) {
      A.MitigatedBy = *M;
      F.Notes.push_back({clang::SourceLocation(), M->Where, mitigationNote(*M)});
    } else if (WarningsAsErrors) {
      F.Level = Severity::Error;
    }
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
