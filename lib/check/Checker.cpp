#include "check/Checker.h"

#include "bounds/Evaluator.h"
#include "check/Requirement.h"
#include "check/Selector.h"
#include "match/CallMatcher.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/STLExtras.h"

#include <map>

using namespace clang;

namespace mmio {

namespace {

/// The evaluated roles of one call, with the explanation of each.
struct CallValues {
  RoleValues Values;
  std::array<std::vector<TrailStep>, NumRoles> Trails;
};

CallValues evaluateCall(const AllocatorCall &Call, ASTContext &Ctx) {
  Evaluator Eval(Ctx);
  CallValues CV;
  for (const auto &[R, Index] : Call.Spec->Params) {
    if (R == Role::Destination)
      continue;
    unsigned Slot = static_cast<unsigned>(R);
    const Expr *Arg = Call.arg(R);
    QualType ParamType;
    if (const ParmVarDecl *P = Call.param(R))
      ParamType = P->getType();
    else if (Arg)
      ParamType = Arg->getType(); // no prototype: the argument is passed as it is (after promotions)
    if (ParamType.isNull()) {
      // The call has fewer arguments than the ruleset says the allocator takes.
      CV.Values[Slot] = ValueSet::unknown(64);
      continue;
    }
    Evaluation E = Eval.evaluateArgument(Arg, ParamType, roleName(R));
    CV.Values[Slot] = std::move(E.Values);
    CV.Trails[Slot] = std::move(E.Trail);
  }
  return CV;
}

std::string valuesText(const RoleValues &Values, Role R) {
  const std::optional<ValueSet> &V = Values[static_cast<unsigned>(R)];
  return V ? V->str() : std::string("unknown");
}

/// Fills the message's placeholders; the loader has rejected any other.
std::string formatMessage(const Rule &Rl, const AllocatorCall &Call, const CallValues &CV,
                          const RequirementResult &Result) {
  std::string Out;
  llvm::StringRef M = Rl.Message;
  while (!M.empty()) {
    size_t Open = M.find('{');
    Out += M.substr(0, Open).str();
    if (Open == llvm::StringRef::npos)
      break;
    size_t Close = M.find('}', Open);
    if (Close == llvm::StringRef::npos) {
      Out += M.substr(Open).str();
      break;
    }
    llvm::StringRef Name = M.slice(Open + 1, Close);
    if (std::optional<Role> R = roleFromName(Name); R && *R != Role::Destination)
      Out += valuesText(CV.Values, *R);
    else if (Name == "destination")
      Out += Call.DestinationField.empty() ? "?" : Call.DestinationField;
    else if (Name == "range")
      Out += Result.Range ? Result.Range->Name : "?";
    else if (Name == "allocator")
      Out += Call.Spec->Name;
    else if (Name == "function")
      Out += Call.enclosingName();
    else if (Name == "rule")
      Out += Rl.Id;
    else
      Out += ("{" + Name + "}").str();
    M = M.substr(Close + 1);
  }
  return Out;
}

std::string unknownMessage(const RequirementResult &Result, const CallValues &CV) {
  std::string Out = "cannot decide whether this call satisfies the rule:";
  for (size_t K = 0; K < Result.Culprits.size(); ++K) {
    Role R = Result.Culprits[K];
    Out += (K ? ", " : " ") + roleName(R).str() + " is " + valuesText(CV.Values, R);
  }
  return Out;
}

std::string callText(const CallExpr *Call, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange Range = Lexer::makeFileCharRange(CharSourceRange::getTokenRange(Call->getSourceRange()), SM,
                                                   Ctx.getLangOpts());
  if (Range.isInvalid())
    Range = CharSourceRange::getTokenRange(SM.getExpansionRange(Call->getSourceRange()).getAsRange());
  llvm::StringRef Text = Lexer::getSourceText(Range, SM, Ctx.getLangOpts());
  std::string Collapsed;
  for (char C : Text) {
    if (isWhitespace(C)) {
      if (!Collapsed.empty() && Collapsed.back() != ' ')
        Collapsed += ' ';
      continue;
    }
    Collapsed += C;
  }
  return Collapsed;
}

bool isIdentifier(llvm::StringRef S) {
  return !S.empty() && isAsciiIdentifierStart(S.front()) && llvm::all_of(S, [](char C) { return isAsciiIdentifierContinue(C); });
}

/// The replacement text that compiles in this translation unit, and the value it stands for when known.
std::pair<std::string, std::optional<uint64_t>> replacementFor(const FixItSpec &Fix, const Ruleset &Rules,
                                                               Preprocessor *PP) {
  auto Constant = Rules.Constants.find(Fix.Replacement);
  std::optional<uint64_t> Value;
  if (Constant != Rules.Constants.end())
    Value = Constant->second;
  if (PP && isIdentifier(Fix.Replacement) && PP->isMacroDefined(Fix.Replacement))
    return {Fix.Replacement, Value};
  if (Value)
    return {toHex(llvm::APInt(64, *Value)) + "ULL", Value};
  return {Fix.Replacement, std::nullopt};
}

std::optional<FindingFix> makeFix(const Rule &Rl, const Requirement &Req, const AllocatorCall &Call,
                                  const CallValues &CV, const Ruleset &Rules, ASTContext &Ctx,
                                  Preprocessor *PP) {
  if (!Rl.FixIt)
    return std::nullopt;
  const Expr *Arg = Call.arg(Rl.FixIt->Target);
  if (!Arg)
    return std::nullopt;
  const SourceManager &SM = Ctx.getSourceManager();
  const Expr *Written = Arg->IgnoreImpCasts();
  // Only text the user wrote at the call is replaced: never a macro's definition, which other calls share.
  CharSourceRange Range = Lexer::makeFileCharRange(CharSourceRange::getTokenRange(Written->getSourceRange()), SM,
                                                   Ctx.getLangOpts());
  if (Range.isInvalid())
    return std::nullopt;
  auto [Text, Value] = replacementFor(*Rl.FixIt, Rules, PP);
  if (Value) {
    // Offer the fix only if the call, so changed, satisfies the rule.
    RoleValues After = CV.Values;
    unsigned Slot = static_cast<unsigned>(Rl.FixIt->Target);
    unsigned Width = After[Slot] ? After[Slot]->width() : 64;
    After[Slot] = ValueSet::constant(Width, *Value);
    if (judge(Req, Rules, After).Outcome == Verdict::Violated)
      return std::nullopt;
  }
  FindingFix F;
  F.Range = Range;
  F.Begin = resolveLocation(SM, Range.getBegin());
  F.Offset = SM.getFileOffset(Range.getBegin());
  F.Length = SM.getFileOffset(Range.getEnd()) - F.Offset;
  F.Replacement = std::move(Text);
  return F;
}

void addNotes(Finding &F, const RequirementResult &Result, const CallValues &CV, const SourceManager &SM) {
  for (Role R : Result.Culprits)
    for (const TrailStep &Step : CV.Trails[static_cast<unsigned>(R)])
      F.Notes.push_back({Step.Loc, resolveLocation(SM, Step.Loc), Step.Text});
  if (const NamedRange *Range = Result.Range) {
    FindingNote N;
    N.Where = {Range->Where.File, Range->Where.Line, Range->Where.Column};
    N.Message = "range '" + Range->Name + "' is " +
                ValueSet::range(llvm::APInt(64, Range->Start), llvm::APInt(64, Range->End)).str();
    if (!Range->Description.empty())
      N.Message += ": " + Range->Description;
    F.Notes.push_back(std::move(N));
  }
}

} // namespace

std::vector<Finding> Checker::checkTranslationUnit(ASTContext &Ctx, Preprocessor *PP) const {
  std::vector<Finding> All;
  for (const AllocatorCall &Call : findAllocatorCalls(Ctx, Rules)) {
    std::vector<Finding> ForCall = checkCall(Call, Ctx, PP);
    std::move(ForCall.begin(), ForCall.end(), std::back_inserter(All));
  }
  return All;
}

std::vector<Finding> Checker::checkCall(const AllocatorCall &Call, ASTContext &Ctx, Preprocessor *PP) const {
  const SourceManager &SM = Ctx.getSourceManager();
  CallValues CV = evaluateCall(Call, Ctx);
  const std::optional<ValueSet> &Size = CV.Values[static_cast<unsigned>(Role::Size)];
  ValueSet SizeValues = Size ? *Size : ValueSet::unknown(64);

  std::map<std::string, RequirementResult> Results;
  for (const Rule &Rl : Rules.Rules)
    if (enabled(Rl) && ruleApplies(Rl, Call, SizeValues))
      Results.emplace(Rl.Id, judge(Rl.Require, Rules, CV.Values));
  auto Reported = [&](const Rule &Rl) {
    auto It = Results.find(Rl.Id);
    if (It == Results.end())
      return false;
    Verdict V = It->second.Outcome;
    return V == Verdict::Violated || (V == Verdict::Unknown && (Options.ReportUnknown || Rl.ReportUnknown));
  };

  std::vector<Finding> Findings;
  for (const Rule &Rl : Rules.Rules) {
    if (!Reported(Rl))
      continue;
    // One root cause, one finding: a rule implied by another that is reported here stays silent.
    bool Implied = llvm::any_of(Rl.ImpliedBy, [&](const std::string &Other) {
      const Rule *O = Rules.findRule(Other);
      return O && Reported(*O);
    });
    if (Implied)
      continue;
    const RequirementResult &Result = Results.find(Rl.Id)->second;

    Finding F;
    F.RuleId = Rl.Id;
    F.Level = Rl.Level;
    F.Outcome = Result.Outcome;
    F.Message = Result.Outcome == Verdict::Violated ? formatMessage(Rl, Call, CV, Result)
                                                    : unknownMessage(Result, CV);
    F.Loc = Call.Call->getBeginLoc();
    F.Expansion = resolveLocation(SM, SM.getExpansionLoc(F.Loc));
    F.Spelling = resolveLocation(SM, SM.getSpellingLoc(F.Loc));
    F.Function = Call.enclosingName();
    F.Callee = Call.Spec->Name;
    F.CallText = callText(Call.Call, Ctx);
    F.Bounds = CV.Values;
    addNotes(F, Result, CV, SM);
    if (Result.Outcome == Verdict::Violated)
      F.Fix = makeFix(Rl, Rl.Require, Call, CV, Rules, Ctx, PP);
    Findings.push_back(std::move(F));
  }
  return Findings;
}

} // namespace mmio
