#include "bounds/Evaluator.h"

#include "bounds/ExprEvaluator.h"
#include "bounds/ValueArith.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace mmio {

namespace {

std::string quoted(const NamedDecl *D) { return "'" + D->getNameAsString() + "'"; }

std::string typeName(QualType T, const ASTContext &Ctx) {
  PrintingPolicy Policy(Ctx.getLangOpts());
  return T.getAsString(Policy);
}

/// When the value written differs from the value passed (a negative number made unsigned, a truncation), says so:
/// " (-1 converted to 'resource_size_t')". Empty when the conversion changes nothing.
std::string describeConversion(const Expr *Arg, const ValueSet &Passed, QualType ParamType, ASTContext &Ctx) {
  const auto *Cast = dyn_cast<ImplicitCastExpr>(Arg->IgnoreParens());
  std::optional<llvm::APInt> P = Passed.singleValue();
  if (!Cast || !P)
    return "";
  const Expr *Written = Cast->getSubExpr();
  Expr::EvalResult R;
  if (Written->isValueDependent() || Written->containsErrors() || !Written->EvaluateAsInt(R, Ctx))
    return "";
  const llvm::APSInt &W = R.Val.getInt();
  bool Same = (!W.isSigned() || !W.isNegative()) && W.getActiveBits() <= P->getBitWidth() &&
              W.zextOrTrunc(P->getBitWidth()) == *P;
  if (Same)
    return "";
  return " (" + llvm::toString(W, 10) + " converted to '" + typeName(ParamType, Ctx) + "')";
}

/// An argument that reads what another argument of the same call changes: the state holds the value after the
/// change, but the arguments are not sequenced, so it may have read the one before.
Binding unknownArgument(const Expr *Arg, const ASTContext &Ctx) {
  Binding B;
  B.Values = ValueSet::unknown(widthOf(Ctx, Arg->getType()));
  B.Why.push_back({Arg->getBeginLoc(), "an argument that reads what another argument of the call changes"});
  return B;
}

} // namespace

void Evaluator::trimCache() {
  constexpr size_t MaxCachedAnalyses = 256;
  if (Analyses.size() > MaxCachedAnalyses)
    Analyses.clear();
}

const CallIndex &Evaluator::calls() {
  if (!Index)
    Index = std::make_unique<CallIndex>(Ctx);
  return *Index;
}

PathSet Evaluator::openEntry(const FunctionDecl *F, const std::string &Why, bool Open) {
  PathEnv Env;
  for (const ParmVarDecl *P : F->parameters()) {
    if (!P->getType()->isIntegralOrEnumerationType())
      continue;
    Binding B;
    B.Values = ValueSet::unknown(widthOf(Ctx, P->getType()));
    B.Why.push_back({P->getLocation(), "parameter " + quoted(P) + " of " + quoted(F) + Why});
    B.FromOpenParameter = Open;
    Env.Vars[P] = std::move(B);
  }
  return PathSet{Env};
}

PathSet Evaluator::entryFor(const FunctionDecl *F, CallChain Chain) {
  if (!Chain.empty()) {
    // Entered through a known call: the parameters are that call's arguments, on each of the caller's paths.
    const CallExpr *Site = Chain.back();
    const FunctionDecl *Caller = calls().callerOf(Site);
    const FlowAnalysis *CallerFlow = Caller ? analysisFor(Caller, Chain.drop_back()) : nullptr;
    const PathSet *AtSite = CallerFlow ? CallerFlow->before(Site) : nullptr;
    PathSet CallerPaths = AtSite ? *AtSite : PathSet{PathEnv()};
    PathSet Result;
    for (const PathEnv &CallerEnv : CallerPaths) {
      PathEnv Env;
      Env.Merged = CallerEnv.Merged;
      Env.Via = Site;
      for (unsigned I = 0; I < F->getNumParams() && I < Site->getNumArgs(); ++I) {
        const ParmVarDecl *P = F->getParamDecl(I);
        if (!P->getType()->isIntegralOrEnumerationType())
          continue;
        Binding B = otherArgumentsChangeWhatItReads(Site, I) ? unknownArgument(Site->getArg(I), Ctx)
                                                             : ExprEvaluator(Ctx, CallerEnv).evaluate(Site->getArg(I));
        unsigned W = widthOf(Ctx, P->getType());
        if (B.Values.width() != W)
          B.Values = convert(B.Values, W, Site->getArg(I)->getType()->isSignedIntegerOrEnumerationType(),
                             P->getType()->isBooleanType());
        B.Why.push_back(
            {Site->getArg(I)->getBeginLoc(), quoted(P) + " is " + B.Values.str() + " in this call of " + quoted(F)});
        Env.Vars[P] = std::move(B);
      }
      Result = joinPaths(Result, PathSet{Env});
    }
    return Result;
  }

  bool TakesIntegers =
      llvm::any_of(F->parameters(), [](const ParmVarDecl *P) { return P->getType()->isIntegralOrEnumerationType(); });
  if (!TakesIntegers)
    return PathSet{PathEnv()}; // nothing for callers to bind: no need to look for them
  if (F->isExternallyVisible())
    return openEntry(F, ", which other translation units can call", /*Open=*/true);
  if (calls().escapes(F))
    return openEntry(F, ", whose address is taken", false);
  llvm::ArrayRef<CallSiteRef> Callers = calls().callersOf(F);
  if (Callers.empty())
    return openEntry(F, ", which nothing in this file calls", false);
  if (InProgress.count(F) || InProgress.size() >= MaxCallDepth)
    return openEntry(F, ", whose callers are too deep or recursive to follow", false);

  // A static function: its parameters take the values its visible callers pass, caller by caller.
  InProgress.insert(F);
  PathSet Result;
  for (const CallSiteRef &C : Callers) {
    const CallExpr *One[] = {C.Call};
    Result = joinPaths(Result, entryFor(F, One));
  }
  InProgress.erase(F);
  return Result;
}

const FlowAnalysis *Evaluator::analysisFor(const FunctionDecl *F, CallChain Chain) {
  const FunctionDecl *Def = F->getDefinition();
  if (!Def || !Def->hasBody())
    return nullptr;
  auto Key = std::make_pair(Def, std::vector<const CallExpr *>(Chain.begin(), Chain.end()));
  auto It = Analyses.find(Key);
  if (It != Analyses.end())
    return It->second.get();
  if (Chain.size() > MaxCallDepth)
    return nullptr;
  auto Flow = std::make_unique<FlowAnalysis>(Ctx, Def, entryFor(Def, Chain));
  return (Analyses[Key] = std::move(Flow)).get();
}

namespace {

/// Whether every role is passed a constant expression: then no flow analysis is needed, the common case.
bool allRolesConstant(const AllocatorCall &Call, ASTContext &Ctx) {
  for (const auto &[R, ParamIndex] : Call.Spec->Params) {
    if (R == Role::Destination)
      continue;
    const Expr *Arg = Call.arg(R);
    Expr::EvalResult Result;
    if (!Arg || Arg->isValueDependent() || Arg->containsErrors() || Arg->HasSideEffects(Ctx) ||
        !Arg->EvaluateAsInt(Result, Ctx))
      return false;
  }
  return true;
}

} // namespace

std::vector<Scenario> Evaluator::evaluateCall(const AllocatorCall &Call, CallChain Chain) {
  bool NeedsFlow = Call.Enclosing && !allRolesConstant(Call, Ctx);
  const FlowAnalysis *Flow = NeedsFlow ? analysisFor(Call.Enclosing, Chain) : nullptr;
  const PathSet *Paths = Flow ? Flow->before(Call.Call) : nullptr;
  PathSet Fallback{PathEnv()};
  if (!Paths)
    Paths = &Fallback; // outside a function, or not reached: constants still evaluate, everything else is unknown

  std::vector<Scenario> Result;
  auto Add = [&](const PathEnv &Env, bool FirstPaths) {
    Scenario S;
    S.Correlated = !Env.Merged;
    S.FirstPaths = FirstPaths;
    for (const auto &[R, ParamIndex] : Call.Spec->Params) {
      if (R == Role::Destination)
        continue;
      unsigned Slot = static_cast<unsigned>(R);
      const Expr *Arg = Call.arg(R);
      QualType ParamType = Call.param(R) ? Call.param(R)->getType() : (Arg ? Arg->getType() : QualType());
      if (!Arg || ParamType.isNull()) {
        // The call passes fewer arguments than the ruleset says the allocator takes.
        S.Values[Slot] = ValueSet::unknown(64);
        continue;
      }
      Binding B = otherArgumentsChangeWhatItReads(Call.Call, ParamIndex) ? unknownArgument(Arg, Ctx)
                                                                         : ExprEvaluator(Ctx, Env).evaluate(Arg);
      unsigned W = widthOf(Ctx, ParamType);
      if (B.Values.width() != W)
        B.Values = convert(B.Values, W, Arg->getType()->isSignedIntegerOrEnumerationType(), ParamType->isBooleanType());
      std::string Last = roleName(R).str() + " is " + B.Values.str() +
                         (FirstPaths && !B.Values.isUnknown() ? " on one of the paths to the call" : "");
      if (B.Values.isUnknown() && Flow && !Flow->abandoned().empty())
        B.Why.push_back({Call.Call->getBeginLoc(), Flow->abandoned()});
      if (B.Values.isUnknown() && B.Why.empty())
        Last = roleName(R).str() + " is not a value the analysis can compute";
      B.Why.push_back({Arg->getBeginLoc(), Last + describeConversion(Arg, B.Values, ParamType, Ctx)});
      S.Values[Slot] = std::move(B.Values);
      S.Trails[Slot] = std::move(B.Why);
      S.FromOpenParameter[Slot] = B.FromOpenParameter;
    }
    Result.push_back(std::move(S));
  };
  for (const PathEnv &Env : *Paths)
    Add(Env, false);
  // Where the whole picture leaves a role unknown (a bound a loop changes, widened), the paths that first reached
  // the call still say values that occur: a retry loop entered with min = 0 surely passes 0 once.
  bool SomeUnknown = llvm::any_of(Result, [](const Scenario &S) {
    return llvm::any_of(S.Values, [](const std::optional<ValueSet> &V) { return V && V->isUnknown(); });
  });
  const PathSet *First = SomeUnknown && Flow ? Flow->firstBefore(Call.Call) : nullptr;
  if (First && !samePaths(*First, *Paths))
    for (const PathEnv &Env : *First)
      Add(Env, true);
  return Result;
}

} // namespace mmio
