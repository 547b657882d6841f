#include "check/Checker.h"

#include "bounds/Evaluator.h"
#include "bounds/WrapperSummary.h"
#include "check/Requirement.h"
#include "check/Selector.h"
#include "input/PrintableText.h"
#include "match/FindAllocatorCalls.h"

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

std::string valuesText(const RoleValues &Values, Role R) {
  const std::optional<ValueSet> &V = Values[static_cast<unsigned>(R)];
  return V ? V->str() : std::string("unknown");
}

/// Each role's values over every scenario: what the call can be passed.
RoleValues joinScenarios(const std::vector<Scenario> &Scenarios) {
  RoleValues All;
  for (const Scenario &S : Scenarios)
    for (unsigned K = 0; K < NumRoles; ++K) {
      if (!S.Values[K])
        continue;
      if (!All[K])
        All[K] = S.Values[K];
      else if (All[K]->width() == S.Values[K]->width())
        All[K] = All[K]->join(*S.Values[K]);
      else
        All[K] = ValueSet::unknown(All[K]->width());
    }
  return All;
}

/// A rule's verdict over all scenarios, and the explanation from the scenarios that decided it.
struct RuleOutcome {
  RequirementResult Result;
  std::vector<TrailStep> Steps;
  /// The roles' values over the scenarios that decided the verdict: a message names the request that breaks the
  /// rule, not every request the call can make ("no address in [0x100000000, 0xffffffff]", not "[0x0 or ...").
  RoleValues Deciding;
};

RuleOutcome judgeScenarios(const Rule &Rl, const Ruleset &Rules, const std::vector<Scenario> &Scenarios) {
  std::vector<RequirementResult> Each;
  Verdict Overall = Verdict::Holds;
  for (const Scenario &S : Scenarios) {
    Each.push_back(judge(Rl.Require, Rules, S.Values, S.Correlated));
    if (Each.back().Outcome == Verdict::Violated)
      Overall = Verdict::Violated;
    else if (Each.back().Outcome == Verdict::Unknown && Overall == Verdict::Holds)
      Overall = Verdict::Unknown;
  }
  RuleOutcome O;
  O.Result.Outcome = Overall;
  if (Overall == Verdict::Holds)
    return O;
  std::vector<Scenario> Deciding;
  for (size_t K = 0; K < Scenarios.size(); ++K) {
    if (Each[K].Outcome != Overall)
      continue;
    Deciding.push_back(Scenarios[K]);
    if (!O.Result.Range)
      O.Result.Range = Each[K].Range;
    for (Role R : Each[K].Culprits) {
      if (!llvm::is_contained(O.Result.Culprits, R))
        O.Result.Culprits.push_back(R);
      appendSteps(O.Steps, Scenarios[K].Trails[static_cast<unsigned>(R)]);
    }
  }
  O.Deciding = joinScenarios(Deciding);
  return O;
}

/// The value that fills placeholder `P` at this finding.
std::string placeholderText(Placeholder P, const Rule &Rl, const AllocatorCall &Call, const RoleValues &Values,
                            const RequirementResult &Result, llvm::StringRef Function) {
  switch (P) {
  case Placeholder::Min:
  case Placeholder::Max:
  case Placeholder::Size:
  case Placeholder::Align:
  case Placeholder::FbOverlapOk:
    return valuesText(Values, *placeholderRole(P));
  case Placeholder::Destination:
    return Call.DestinationField.empty() ? "?" : Call.DestinationField;
  case Placeholder::Range:
    return Result.Range ? Result.Range->Name : "?";
  case Placeholder::Allocator:
    return Call.allocatorName();
  case Placeholder::Function:
    return Function.str();
  case Placeholder::Rule:
    return Rl.Id;
  }
  return "?";
}

/// The rule's message with its placeholders filled, from the template the loader parsed.
std::string formatMessage(const Rule &Rl, const AllocatorCall &Call, const RoleValues &Values,
                          const RequirementResult &Result, llvm::StringRef Function) {
  std::string Out;
  for (const MessagePiece &Piece : Rl.Template)
    Out += Piece.Fill ? placeholderText(*Piece.Fill, Rl, Call, Values, Result, Function) : Piece.Text;
  return Out;
}

std::string unknownMessage(const RequirementResult &Result, const RoleValues &Values) {
  std::string Out = "cannot decide whether this call satisfies the rule:";
  for (size_t K = 0; K < Result.Culprits.size(); ++K) {
    Role R = Result.Culprits[K];
    Out += (K ? ", " : " ") + roleName(R).str() + " is " + valuesText(Values, R);
  }
  return Out;
}

std::string callText(const CallExpr *Call, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange Range =
      Lexer::makeFileCharRange(CharSourceRange::getTokenRange(Call->getSourceRange()), SM, Ctx.getLangOpts());
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
  return !S.empty() && isAsciiIdentifierStart(S.front()) &&
         llvm::all_of(S, [](char C) { return isAsciiIdentifierContinue(C); });
}

/// The value of a replacement written as C: an integer literal (any base, with or without a U/L suffix), `true` or
/// `false`, or a macro whose definition is one of those or another such macro. Anything else is not known.
std::optional<uint64_t> literalValue(llvm::StringRef Text, Preprocessor *PP, unsigned Depth = 0) {
  Text = Text.trim();
  while (Text.size() >= 2 && Text.front() == '(' && Text.back() == ')')
    Text = Text.drop_front().drop_back().trim();
  if (Text == "true")
    return 1;
  if (Text == "false")
    return 0;
  llvm::StringRef Digits = Text.rtrim("uUlL");
  uint64_t V = 0;
  if (!Digits.empty() && isDigit(Digits.front()) && !Digits.getAsInteger(0, V))
    return V;
  if (!PP || Depth > 8 || !isIdentifier(Text))
    return std::nullopt;
  // find(), not getIdentifierInfo(): a name the unit never spelled is no macro, and interning it from here would
  // run the table's allocator as inlined into this file (see tools/mmio-audit/Prefilter.cpp).
  auto Found = PP->getIdentifierTable().find(Text);
  if (Found == PP->getIdentifierTable().end())
    return std::nullopt;
  const MacroInfo *MI = PP->getMacroInfo(Found->getValue());
  if (!MI || MI->isFunctionLike())
    return std::nullopt;
  std::string Body;
  for (const Token &T : MI->tokens())
    Body += PP->getSpelling(T);
  return literalValue(Body, PP, Depth + 1);
}

/// The replacement text that compiles in this translation unit, and the value it stands for when known.
std::pair<std::string, std::optional<uint64_t>> replacementFor(const FixItSpec &Fix, const Ruleset &Rules,
                                                               Preprocessor *PP) {
  auto Constant = Rules.Constants.find(Fix.Replacement);
  std::optional<uint64_t> Value;
  if (Constant != Rules.Constants.end())
    Value = Constant->second;
  else
    Value = literalValue(Fix.Replacement, PP);
  if (PP && isIdentifier(Fix.Replacement) && PP->isMacroDefined(Fix.Replacement))
    return {Fix.Replacement, Value};
  if (Constant != Rules.Constants.end())
    return {toHex(llvm::APInt(64, *Value)) + "ULL", Value};
  return {Fix.Replacement, Value};
}

std::optional<FindingFix> makeFix(const Rule &Rl, const AllocatorCall &Call, const std::vector<Scenario> &Scenarios,
                                  const Ruleset &Rules, ASTContext &Ctx, Preprocessor *PP) {
  if (!Rl.FixIt)
    return std::nullopt;
  const Expr *Arg = Call.arg(Rl.FixIt->Target);
  if (!Arg)
    return std::nullopt;
  const SourceManager &SM = Ctx.getSourceManager();
  const Expr *Written = Arg->IgnoreImpCasts();
  // Only a constant written at the call is replaced: a variable's value comes from elsewhere, where the fix belongs.
  Expr::EvalResult Constant;
  if (Written->isValueDependent() || Written->containsErrors() || !Written->EvaluateAsInt(Constant, Ctx))
    return std::nullopt;
  // Never a macro's definition, which other calls share.
  CharSourceRange Range =
      Lexer::makeFileCharRange(CharSourceRange::getTokenRange(Written->getSourceRange()), SM, Ctx.getLangOpts());
  if (Range.isInvalid())
    return std::nullopt;
  auto [Text, Value] = replacementFor(*Rl.FixIt, Rules, PP);
  // Offer the fix only if the call, so changed, satisfies the rule on every path and can still be met (its window
  // holds its size): a replacement whose value is not known proves neither, and a fix that trades the finding for
  // a request no address satisfies (min = SZ_4G under max = 0xffffffff) is no fix.
  if (!Value)
    return std::nullopt;
  Requirement CanBeMet;
  CanBeMet.WindowFitsSize = true;
  for (const Scenario &S : Scenarios) {
    RoleValues After = S.Values;
    unsigned Slot = static_cast<unsigned>(Rl.FixIt->Target);
    unsigned Width = After[Slot] ? After[Slot]->width() : 64;
    After[Slot] = ValueSet::constant(Width, *Value);
    if (judge(Rl.Require, Rules, After, S.Correlated).Outcome != Verdict::Holds ||
        judge(CanBeMet, Rules, After, S.Correlated).Outcome == Verdict::Violated)
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

/// A ruleset that reads a role from an argument the call does not have would check nothing about it, silently:
/// that is an error of the ruleset's, shown at the call (where the allocator's real arity is known) with a note at
/// the index in the ruleset.
std::optional<Finding> arityError(const AllocatorCall &Call, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  unsigned Args = Call.Call->getNumArgs();
  for (const auto &[R, Index] : Call.Spec->Params) {
    if (Index < Args)
      continue;
    Finding F;
    F.RuleId = RulesetErrorId;
    F.Level = Severity::Error;
    F.Outcome = Verdict::Unknown;
    F.Message = "the ruleset reads '" + roleName(R).str() + "' from argument " + std::to_string(Index) + " of '" +
                Call.Spec->Name + "', which this call passes " + std::to_string(Args) +
                (Args == 1 ? " argument" : " arguments") + " (counted from 0): the call is not checked";
    F.Loc = Call.Call->getBeginLoc();
    F.Expansion = resolveLocation(SM, SM.getExpansionLoc(F.Loc));
    F.Spelling = resolveLocation(SM, SM.getSpellingLoc(F.Loc));
    F.Function = Call.enclosingName();
    F.Callee = Call.Spec->Name;
    F.CallText = callText(Call.Call, Ctx);
    auto Where = Call.Spec->ParamWhere.find(R);
    FindingNote N;
    if (Where != Call.Spec->ParamWhere.end())
      N.Where = Where->second;
    N.Message = "'" + roleName(R).str() + "' is argument " + std::to_string(Index) + " here";
    F.Notes.push_back(std::move(N));
    return F;
  }
  return std::nullopt;
}

/// Reports place a finding where its bytes are; a `#line` directive's claim (any path at all, from a stranger's
/// source) is only mentioned, so that a person can match the report with the compiler's own messages.
void notePresumedLocation(Finding &F, const SourceManager &SM) {
  SourceLocation At = SM.getExpansionLoc(F.Loc);
  FileLocation Presumed = presumedLocation(SM, At);
  if (!Presumed.valid() || (Presumed.File == F.Expansion.File && Presumed.Line == F.Expansion.Line))
    return;
  F.Notes.push_back(
      {At, F.Expansion,
       "a #line directive presents this line as '" + Presumed.File + "' line " + std::to_string(Presumed.Line)});
}

/// A step in another unit (a wrapper's summary) has only its file location.
FindingNote noteFor(const TrailStep &Step, const SourceManager &SM) {
  return {Step.Loc, Step.Loc.isValid() ? resolveLocation(SM, Step.Loc) : Step.Where, Step.Text};
}

void addNotes(Finding &F, const RuleOutcome &O, const SourceManager &SM) {
  for (const TrailStep &Step : O.Steps)
    F.Notes.push_back(noteFor(Step, SM));
  if (const NamedRange *Range = O.Result.Range) {
    FindingNote N;
    N.Where = Range->Where;
    N.Message = "range '" + Range->Name + "' is " +
                ValueSet::range(llvm::APInt(64, Range->Start), llvm::APInt(64, Range->End)).str();
    if (!Range->Description.empty())
      N.Message += ": " + printableText(Range->Description);
    F.Notes.push_back(std::move(N));
  }
}

} // namespace

std::vector<Finding> Checker::checkTranslationUnit(ASTContext &Ctx, Preprocessor *PP,
                                                   const CrossUnitRequest *CrossUnit) const {
  std::vector<Finding> All;
  std::vector<AllocatorCall> Calls = findAllocatorCalls(Ctx, Rules, CrossUnit ? CrossUnit->Known : nullptr);
  if (Calls.empty())
    return All; // a translation unit without allocator calls pays only for the matcher
  Evaluator Eval(Ctx);
  WrapperSummarizer Summarizer(Rules, Ctx);
  auto Summarize = [&](const AllocatorCall &Call, const CallContext &Direct) {
    if (CrossUnit && CrossUnit->Summaries)
      if (std::optional<DerivedAllocator> D = Summarizer.summarize(Call, Direct.Scenarios))
        CrossUnit->Summaries->push_back(std::move(*D));
  };
  for (const AllocatorCall &Call : Calls) {
    if (Call.DefinedHere) {
      // Its callers in this unit are audited through the allocator call it holds; it may still be wrapped.
      Summarize(Call, directCallContext(Call, Eval));
      Eval.trimCache();
      continue;
    }
    if (std::optional<Finding> F = arityError(Call, Ctx)) {
      All.push_back(std::move(*F));
      continue;
    }
    forEachCallContext(Call, Eval, [&](const CallContext &Context) {
      if (Context.Chain.empty())
        Summarize(Call, Context);
      for (Finding &F : checkCall(Call, Context, Ctx, PP))
        // Through a wrapper only violations count: unknowns are reported once, at the allocator call.
        if (!Context.throughWrapper() || F.Outcome == Verdict::Violated)
          All.push_back(std::move(F));
    });
    Eval.trimCache();
  }
  return All;
}

std::vector<CallSummary> Checker::listCalls(ASTContext &Ctx) const {
  std::vector<CallSummary> List;
  std::vector<AllocatorCall> Calls = findAllocatorCalls(Ctx, Rules);
  if (Calls.empty())
    return List;
  const SourceManager &SM = Ctx.getSourceManager();
  Evaluator Eval(Ctx);
  for (const AllocatorCall &Call : Calls) {
    CallSummary S;
    S.Loc = Call.Call->getBeginLoc();
    S.Expansion = resolveLocation(SM, SM.getExpansionLoc(S.Loc));
    S.Function = Call.enclosingName();
    S.Callee = Call.Spec->Name;
    std::vector<Scenario> Scenarios = Eval.evaluateCall(Call);
    S.Bounds = joinScenarios(Scenarios);
    const std::optional<ValueSet> &Size = S.Bounds[static_cast<unsigned>(Role::Size)];
    ValueSet SizeValues = Size ? *Size : ValueSet::unknown(64);
    for (const Rule &Rl : Rules.Rules)
      if (enabled(Rl) && ruleApplies(Rl, Call, SizeValues))
        S.Verdicts.emplace_back(Rl.Id, judgeScenarios(Rl, Rules, Scenarios).Result.Outcome);
    List.push_back(std::move(S));
    Eval.trimCache();
  }
  return List;
}

std::vector<Finding> Checker::checkCall(const AllocatorCall &Call, const CallContext &Context, ASTContext &Ctx,
                                        Preprocessor *PP) const {
  const SourceManager &SM = Ctx.getSourceManager();
  const std::vector<Scenario> &Scenarios = Context.Scenarios;
  RoleValues Values = joinScenarios(Scenarios);
  const std::optional<ValueSet> &Size = Values[static_cast<unsigned>(Role::Size)];
  ValueSet SizeValues = Size ? *Size : ValueSet::unknown(64);

  std::map<std::string, RuleOutcome> Outcomes;
  for (const Rule &Rl : Rules.Rules)
    if (enabled(Rl) && ruleApplies(Rl, Call, SizeValues))
      Outcomes.emplace(Rl.Id, judgeScenarios(Rl, Rules, Scenarios));
  auto Reported = [&](const Rule &Rl) {
    auto It = Outcomes.find(Rl.Id);
    if (It == Outcomes.end())
      return false;
    Verdict V = It->second.Result.Outcome;
    if (V == Verdict::Violated)
      return true;
    if (V != Verdict::Unknown || Rl.OnUnknown == UnknownPolicy::Never)
      return false;
    return Options.ReportUnknown || Rl.OnUnknown == UnknownPolicy::Report;
  };

  // Through a wrapper, the finding belongs where the wrapper is called.
  const CallExpr *Site = Context.Site;
  std::string Function = Context.SiteFunction ? Context.SiteFunction->getNameAsString() : std::string();

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
    const RuleOutcome &O = Outcomes.find(Rl.Id)->second;

    Finding F;
    F.RuleId = Rl.Id;
    F.Level = Rl.Level;
    F.Outcome = O.Result.Outcome;
    // A ruleset's message may spell control characters with YAML escapes: every report gets them escaped.
    F.Message =
        printableText(O.Result.Outcome == Verdict::Violated ? formatMessage(Rl, Call, O.Deciding, O.Result, Function)
                                                            : unknownMessage(O.Result, Values));
    F.Loc = Site->getBeginLoc();
    F.Expansion = resolveLocation(SM, SM.getExpansionLoc(F.Loc));
    F.Spelling = resolveLocation(SM, SM.getSpellingLoc(F.Loc));
    notePresumedLocation(F, SM);
    F.Function = Function;
    F.Callee = Context.Callee;
    F.CallText = callText(Site, Ctx);
    F.Bounds = Values;
    addNotes(F, O, SM);
    for (const TrailStep &Step : Context.PassedOn)
      F.Notes.push_back(noteFor(Step, SM));
    if (O.Result.Outcome == Verdict::Violated && !Context.throughWrapper())
      F.Fix = makeFix(Rl, Call, Scenarios, Rules, Ctx, PP);
    Findings.push_back(std::move(F));
  }
  return Findings;
}

} // namespace mmio
