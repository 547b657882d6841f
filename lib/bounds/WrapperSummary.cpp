#include "bounds/WrapperSummary.h"

#include "bounds/ExprEvaluator.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace mmio {

namespace {

const ParmVarDecl *parameterNamed(const Expr *E, const FunctionDecl *W) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *P = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  return P && P->getDeclContext() == W ? P : nullptr;
}

} // namespace

/// How often each of a function's parameters is named in its body, and whether it jumps through a computed goto.
struct WrapperSummarizer::ParameterUses {
  llvm::DenseMap<const ParmVarDecl *, unsigned> Count;
  bool IndirectJump = false;
};

namespace {

using ParameterUses = WrapperSummarizer::ParameterUses;

ParameterUses parameterUses(const Stmt *Root, const FunctionDecl *W) {
  ParameterUses U;
  llvm::SmallVector<const Stmt *, 64> Pending{Root};
  while (!Pending.empty()) {
    const Stmt *S = Pending.pop_back_val();
    if (!S)
      continue;
    if (const auto *E = dyn_cast<Expr>(S))
      if (const ParmVarDecl *P = parameterNamed(E, W))
        ++U.Count[P];
    U.IndirectJump |= isa<IndirectGotoStmt>(S);
    for (const Stmt *Child : S->children())
      Pending.push_back(Child);
  }
  return U;
}

/// Whether what callers pass can decide anything but the call's arguments: a parameter other than a pointer named
/// outside `Call` (in a condition, or in a local or a helper's argument that a condition then reads), or a computed
/// goto. A pointer's value is never known at a call, so no caller decides a branch on it.
bool callersDecideMore(const FunctionDecl *W, const CallExpr *Call, const ParameterUses &Body) {
  if (Body.IndirectJump)
    return true;
  ParameterUses InCall = parameterUses(Call, W);
  for (const ParmVarDecl *P : W->parameters()) {
    if (P->getType()->isPointerType())
      continue;
    if (Body.Count.lookup(P) != InCall.Count.lookup(P))
      return true;
  }
  return false;
}

struct Forwarding {
  unsigned Param = 0;
  std::vector<ForwardStep> Steps; // from the parameter outwards
};

/// `E` as one of `W`'s parameters, converted and plus or minus constants on the way; none for anything else.
std::optional<Forwarding> forwardedParameter(const Expr *E, const FunctionDecl *W, const ParameterUses &Uses,
                                             ASTContext &Ctx) {
  std::vector<ForwardStep> Outward; // outermost first
  for (unsigned Depth = 0; E && Depth < 32; ++Depth) {
    E = E->IgnoreParens();
    if (const auto *Cast = dyn_cast<CastExpr>(E)) {
      switch (Cast->getCastKind()) {
      case CK_LValueToRValue:
      case CK_NoOp:
        E = Cast->getSubExpr();
        continue;
      case CK_IntegralCast:
      case CK_IntegralToBoolean: {
        ForwardStep S;
        S.Width = widthOf(Ctx, Cast->getType());
        S.FromSigned = Cast->getSubExpr()->getType()->isSignedIntegerOrEnumerationType();
        S.ToBool = Cast->getCastKind() == CK_IntegralToBoolean;
        S.Add = llvm::APInt(S.Width, 0);
        Outward.push_back(S);
        E = Cast->getSubExpr();
        continue;
      }
      default:
        return std::nullopt;
      }
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(E);
        BO && (BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub) && BO->getType()->isIntegerType()) {
      const Expr *L = BO->getLHS(), *R = BO->getRHS();
      Expr::EvalResult C;
      const Expr *Rest = nullptr;
      bool Negate = BO->getOpcode() == BO_Sub;
      if (!R->isValueDependent() && R->EvaluateAsInt(C, Ctx) && !C.HasSideEffects)
        Rest = L;
      else if (!Negate && !L->isValueDependent() && L->EvaluateAsInt(C, Ctx) && !C.HasSideEffects)
        Rest = R;
      else
        return std::nullopt;
      ForwardStep S;
      S.Width = widthOf(Ctx, BO->getType());
      S.FromSigned = BO->getType()->isSignedIntegerOrEnumerationType();
      llvm::APInt V = C.Val.getInt().extOrTrunc(S.Width);
      S.Add = Negate ? -V : V;
      Outward.push_back(S);
      E = Rest;
      continue;
    }
    const ParmVarDecl *P = parameterNamed(E, W);
    if (!P || !P->getType()->isIntegralOrEnumerationType())
      return std::nullopt;
    // Named once, here: never assigned, stepped or address-taken, and read by nothing else.
    auto Count = Uses.Count.find(P);
    if (Count == Uses.Count.end() || Count->second != 1)
      return std::nullopt;
    Forwarding F;
    F.Param = P->getFunctionScopeIndex();
    F.Steps.assign(Outward.rbegin(), Outward.rend());
    return F;
  }
  return std::nullopt;
}

/// Where `Loc` is, its file absolute against the compile's working directory: a caller in another unit may be
/// compiled elsewhere.
FileLocation absoluteLocation(const SourceManager &SM, SourceLocation Loc) {
  FileLocation L = resolveLocation(SM, Loc);
  if (L.File.empty() || L.File.front() == '<')
    return L;
  llvm::SmallString<256> Path(L.File);
  SM.getFileManager().makeAbsolutePath(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  L.File = std::string(Path);
  return L;
}

std::vector<TrailStep> outOfUnit(const std::vector<TrailStep> &Steps, const SourceManager &SM) {
  std::vector<TrailStep> Out;
  for (const TrailStep &S : Steps)
    Out.push_back({SourceLocation(), S.Text, S.Loc.isValid() ? absoluteLocation(SM, S.Loc) : S.Where});
  return Out;
}

bool summarizable(const FunctionDecl *W, const AllocatorCall &Call, const Ruleset &Rules) {
  return W && W->getIdentifier() && W->doesThisDeclarationHaveABody() && W->isExternallyVisible() &&
         W->getStorageClass() != SC_Static && !W->isInlined() && !W->isVariadic() && W->getNumParams() > 0 &&
         !W->isWeak() && // a strong definition elsewhere, never summarised, may replace it
         Call.Callee != W && !Rules.findAllocator(W->getName());
}

} // namespace

WrapperSummarizer::WrapperSummarizer(const Ruleset &Rules, ASTContext &Ctx) : Rules(Rules), Ctx(Ctx) {}

WrapperSummarizer::~WrapperSummarizer() = default;

const ParameterUses &WrapperSummarizer::usesIn(const FunctionDecl *W) {
  std::unique_ptr<ParameterUses> &U = Uses[W];
  if (!U)
    U = std::make_unique<ParameterUses>(parameterUses(W->getBody(), W));
  return *U;
}

std::optional<DerivedAllocator> WrapperSummarizer::summarize(const AllocatorCall &Call,
                                                             const std::vector<Scenario> &Scenarios) {
  const FunctionDecl *W = Call.Enclosing;
  if (!summarizable(W, Call, Rules) || Scenarios.empty())
    return std::nullopt;
  unsigned Depth = Call.Derived ? Call.Derived->Depth + 1 : 1;
  if (Depth > Evaluator::MaxCallDepth)
    return std::nullopt;
  const ParameterUses &Used = usesIn(W);
  if (callersDecideMore(W, Call.Call, Used))
    return std::nullopt;

  const SourceManager &SM = Ctx.getSourceManager();
  DerivedAllocator D;
  D.Spec.Name = W->getNameAsString();
  D.NumParams = W->getNumParams();
  D.Depth = Depth;
  FileLocation At = absoluteLocation(SM, SM.getExpansionLoc(Call.Call->getBeginLoc()));
  D.Spec.Where = At;
  D.PassedOn.push_back(
      {SourceLocation(), "'" + D.Spec.Name + "' passes them on to '" + Call.Spec->Name + "' here", At});
  if (Call.Derived) {
    D.Origin = Call.Derived->Origin;
    D.PassedOn.insert(D.PassedOn.end(), Call.Derived->PassedOn.begin(), Call.Derived->PassedOn.end());
  } else {
    D.Origin = {Call.Spec->Name, Call.enclosingName(), Call.File, Call.DestinationField, Call.SizeMacros};
  }

  // Which parameter each role comes from: the same on every path, as the argument is one expression.
  std::array<std::optional<Forwarding>, NumRoles> Forwarded;
  std::array<bool, NumRoles> Present{};
  for (unsigned K = 1; K < NumRoles; ++K) { // the destination is the origin's business
    Role R = static_cast<Role>(K);
    const Expr *Arg = nullptr;
    std::vector<ForwardStep> Inner;
    if (!Call.Derived) {
      Present[K] = Call.Spec->paramFor(R).has_value();
      Arg = Call.arg(R);
    } else {
      const SummaryRole &Role0 = Call.Derived->Scenarios.front().Roles[K];
      Present[K] = Role0.Present;
      if (Role0.Param && *Role0.Param < Call.Call->getNumArgs()) {
        Arg = Call.Call->getArg(*Role0.Param);
        Inner = Role0.Steps;
      }
    }
    if (!Present[K] || !Arg)
      continue;
    if (std::optional<Forwarding> F = forwardedParameter(Arg, W, Used, Ctx)) {
      F->Steps.insert(F->Steps.end(), Inner.begin(), Inner.end());
      if (F->Steps.size() > MaxForwardSteps)
        continue;
      D.Spec.Params[R] = F->Param;
      Forwarded[K] = std::move(F);
    }
  }
  if (D.Spec.Params.empty())
    return std::nullopt; // every bound is the wrapper's own: its callers change nothing

  std::vector<Scenario> Joined;
  const std::vector<Scenario> *Paths = &Scenarios;
  if (Scenarios.size() > MaxSummaryScenarios) {
    Joined.push_back(joinScenarioList(Scenarios));
    Paths = &Joined;
  }
  for (const Scenario &S : *Paths) {
    SummaryScenario Out;
    Out.Correlated = S.Correlated;
    for (unsigned K = 1; K < NumRoles; ++K) {
      SummaryRole &R = Out.Roles[K];
      R.Present = Present[K];
      if (!R.Present)
        continue;
      if (Forwarded[K]) {
        R.Param = Forwarded[K]->Param;
        R.Steps = Forwarded[K]->Steps;
        continue;
      }
      R.Fixed = S.Values[K] ? *S.Values[K] : ValueSet::unknown(64);
      R.Trail = outOfUnit(S.Trails[K], SM);
    }
    D.Scenarios.push_back(std::move(Out));
  }
  return D;
}

} // namespace mmio
