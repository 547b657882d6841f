#include "bounds/FlowAnalysis.h"

#include "bounds/ExprEvaluator.h"
#include "bounds/ValueArith.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/Stmt.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/STLExtras.h"

#include <deque>
#include <memory>

using namespace clang;

namespace mmio {

namespace {

/// How many times a block is analysed before its changing variables are widened to unknown.
constexpr unsigned WidenAfter = 3;

/// The state at each block holds each tracked variable: past this many variable-blocks, a function is not
/// analysed (its bounds are unknown, said so) rather than held in memory quadratic in its size. Real functions,
/// kernel ones included, stay orders of magnitude below it.
constexpr uint64_t MaxVariableBlocks = 1'000'000;

/// Locals whose address is taken can change behind the analysis's back.
class EscapeFinder : public RecursiveASTVisitor<EscapeFinder> {
public:
  explicit EscapeFinder(llvm::DenseSet<const VarDecl *> &Out) : Out(Out) {}
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->getOpcode() == UO_AddrOf)
      if (const auto *DRE = dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParenImpCasts()))
        if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
          Out.insert(VD);
    return true;
  }

private:
  llvm::DenseSet<const VarDecl *> &Out;
};

bool passesIntegers(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee) {
    // Through a pointer (which may be an allocator's, see match/PointerCallee.h): the pointer's type says.
    QualType Pointee = Call->getCallee()->getType()->getPointeeType();
    if (Pointee.isNull())
      return false;
    const auto *Proto = Pointee->getAs<FunctionProtoType>();
    return !Proto || llvm::any_of(Proto->param_types(), [](QualType T) { return T->isIntegralOrEnumerationType(); });
  }
  if (!Callee->hasPrototype())
    return true;
  return llvm::any_of(Callee->parameters(),
                      [](const ParmVarDecl *P) { return P->getType()->isIntegralOrEnumerationType(); });
}

const VarDecl *assignedVar(const Expr *LHS) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(LHS->IgnoreParenImpCasts()))
    return dyn_cast<VarDecl>(DRE->getDecl());
  return nullptr;
}

std::string quoted(const VarDecl *VD) { return "'" + VD->getNameAsString() + "'"; }

/// Every variable `E` reads, walked without recursion (an argument may nest tens of thousands deep).
void collectVarRefs(const Stmt *E, llvm::SmallVectorImpl<const VarDecl *> &Out) {
  llvm::SmallVector<const Stmt *, 32> Pending{E};
  while (!Pending.empty()) {
    const Stmt *S = Pending.pop_back_val();
    if (!S)
      continue;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        Out.push_back(VD);
    for (const Stmt *Child : S->children())
      Pending.push_back(Child);
  }
}

/// The variables whose values can reach an argument of a call that passes integers, through initialisers and
/// assignments, flow-insensitively: the only ones the analysis needs to carry. Tracking every local of a large
/// function at every block would cost blocks x locals (2,000 unrelated locals took 6 GB), where the variables
/// a call's arguments depend on are a handful.
llvm::DenseSet<const VarDecl *> relevantVariables(const Stmt *Body) {
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const VarDecl *, 4>> DependsOn;
  llvm::SmallVector<const VarDecl *, 32> Seeds;
  llvm::SmallVector<const Stmt *, 64> Pending{Body};
  while (!Pending.empty()) {
    const Stmt *S = Pending.pop_back_val();
    if (!S)
      continue;
    if (const auto *Call = dyn_cast<CallExpr>(S); Call && passesIntegers(Call)) {
      for (const Expr *Arg : Call->arguments())
        collectVarRefs(Arg, Seeds);
    } else if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isAssignmentOp()) {
      if (const VarDecl *VD = assignedVar(BO->getLHS()))
        collectVarRefs(BO->getRHS(), DependsOn[VD]);
    } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit())
          collectVarRefs(VD->getInit(), DependsOn[VD]);
    }
    for (const Stmt *Child : S->children())
      Pending.push_back(Child);
  }
  llvm::DenseSet<const VarDecl *> Relevant;
  while (!Seeds.empty()) {
    const VarDecl *VD = Seeds.pop_back_val();
    if (!Relevant.insert(VD).second)
      continue;
    auto It = DependsOn.find(VD);
    if (It != DependsOn.end())
      Seeds.append(It->second.begin(), It->second.end());
  }
  return Relevant;
}

/// Collapses the groups into one and makes every variable that changed since `Old` unknown, so loops terminate.
PathSet widen(const PathSet &Old, const PathSet &New) {
  auto Collapse = [](const PathSet &S) {
    PathEnv All = S.front();
    for (size_t K = 1; K < S.size(); ++K)
      All = mergeEnvs(All, S[K]);
    All.Merged = true;
    return All;
  };
  PathEnv O = Collapse(Old), N = Collapse(joinPaths(Old, New));
  for (auto &[VD, B] : N.Vars) {
    auto It = O.Vars.find(VD);
    if (It == O.Vars.end() || It->second.Values != B.Values) {
      B.Values = ValueSet::unknown(B.Values.width());
      B.Why = {{VD->getLocation(), quoted(VD) + " changes in a loop the analysis does not unroll"}};
      B.FromOpenParameter = false;
    }
  }
  return PathSet{N};
}

} // namespace

FlowAnalysis::FlowAnalysis(ASTContext &Ctx, const FunctionDecl *F, PathSet Entry) : Ctx(Ctx), F(F) {
  if (!F || !F->hasBody())
    return;
  EscapeFinder(Escaped).TraverseStmt(F->getBody());
  Relevant = relevantVariables(F->getBody());
  for (PathEnv &Env : Entry) // parameters no call's argument depends on need not be carried either
    for (auto It = Env.Vars.begin(); It != Env.Vars.end();) {
      auto Here = It++;
      if (!Relevant.count(Here->first))
        Env.Vars.erase(Here);
    }
  run(std::move(Entry));
}

bool FlowAnalysis::isTracked(const VarDecl *VD) const {
  if (!VD)
    return false;
  QualType T = VD->getType();
  return Relevant.count(VD) && !Escaped.count(VD) && !T.isVolatileQualified() && T->isIntegralOrEnumerationType() &&
         (VD->isLocalVarDecl() || isa<ParmVarDecl>(VD)) && !VD->isStaticLocal();
}

const PathSet *FlowAnalysis::before(const CallExpr *Call) const {
  auto It = AtCalls.find(Call);
  return It == AtCalls.end() ? nullptr : &It->second;
}

void FlowAnalysis::transfer(PathEnv &Env, const Stmt *S) {
  auto Assign = [&](const VarDecl *VD, Binding B, SourceLocation Where, const char *Verb) {
    unsigned W = widthOf(Ctx, VD->getType());
    if (B.Values.width() != W)
      B.Values = B.Values.isUnknown() ? ValueSet::unknown(W) : B.Values.zextOrTrunc(W);
    if (!B.Values.isUnknown())
      B.Why.push_back({Where, quoted(VD) + " is " + B.Values.str() + Verb});
    Env.Vars[VD] = std::move(B);
  };

  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD || !isTracked(VD))
        continue;
      if (const Expr *Init = VD->getInit()) {
        Assign(VD, ExprEvaluator(Ctx, Env).evaluate(Init), VD->getLocation(), "");
        continue;
      }
      Binding B;
      B.Values = ValueSet::unknown(widthOf(Ctx, VD->getType()));
      B.Why.push_back({VD->getLocation(), quoted(VD) + " is not initialised"});
      Env.Vars[VD] = std::move(B);
    }
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isAssignmentOp()) {
    if (const VarDecl *VD = assignedVar(BO->getLHS()); VD && isTracked(VD))
      Assign(VD, ExprEvaluator(Ctx, Env).evaluate(BO), BO->getOperatorLoc(), " after this assignment");
    return;
  }
  if (const auto *U = dyn_cast<UnaryOperator>(S); U && U->isIncrementDecrementOp()) {
    const VarDecl *VD = assignedVar(U->getSubExpr());
    if (!VD || !isTracked(VD))
      return;
    Binding B = ExprEvaluator(Ctx, Env).evaluate(U->getSubExpr());
    ValueSet One = ValueSet::constant(B.Values.width(), 1);
    B.Values = applyArith(U->isIncrementOp() ? ArithOp::Add : ArithOp::Sub, B.Values, One);
    Assign(VD, std::move(B), U->getOperatorLoc(), " after this step");
  }
}

/// What a call's arguments can read of `State`: kept per call, so a function of many calls and many variables
/// costs their sum, not their product.
static PathSet stateForArguments(const PathSet &State, const CallExpr *Call) {
  llvm::SmallVector<const VarDecl *, 8> Read;
  for (const Expr *Arg : Call->arguments())
    collectVarRefs(Arg, Read);
  PathSet Out;
  for (const PathEnv &Env : State) {
    PathEnv Kept;
    Kept.Merged = Env.Merged;
    Kept.Via = Env.Via;
    for (const VarDecl *VD : Read)
      if (auto It = Env.Vars.find(VD); It != Env.Vars.end())
        Kept.Vars.try_emplace(VD, It->second);
    Out.push_back(std::move(Kept));
  }
  return Out;
}

void FlowAnalysis::run(PathSet Entry) {
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd(); // every subexpression gets its own element, so nested assignments are seen in order
  std::unique_ptr<CFG> Graph = CFG::buildCFG(F, F->getBody(), &Ctx, Options);
  if (!Graph)
    return;
  size_t Tracked = llvm::count_if(Relevant, [&](const VarDecl *VD) { return isTracked(VD); });
  if (uint64_t(Tracked) * Graph->getNumBlockIDs() > MaxVariableBlocks) {
    Abandoned = "'" + F->getNameAsString() + "' is too large for the flow analysis (" + std::to_string(Tracked) +
                " variables over " + std::to_string(Graph->getNumBlockIDs()) + " blocks)";
    return;
  }

  std::vector<PathSet> In(Graph->getNumBlockIDs());
  std::vector<bool> Reached(Graph->getNumBlockIDs(), false);
  std::vector<unsigned> Visits(Graph->getNumBlockIDs(), 0);
  const CFGBlock &EntryBlock = Graph->getEntry();
  In[EntryBlock.getBlockID()] = std::move(Entry);
  Reached[EntryBlock.getBlockID()] = true;

  std::deque<const CFGBlock *> Work{&EntryBlock};
  std::vector<bool> Queued(Graph->getNumBlockIDs(), false);
  Queued[EntryBlock.getBlockID()] = true;
  // A generous bound: widening makes every block settle within a few visits.
  unsigned Budget = 64 * Graph->getNumBlockIDs() + 64;
  while (!Work.empty() && Budget--) {
    const CFGBlock *B = Work.front();
    Work.pop_front();
    Queued[B->getBlockID()] = false;
    ++Visits[B->getBlockID()];

    PathSet State = In[B->getBlockID()];
    for (const CFGElement &E : *B) {
      std::optional<CFGStmt> CS = E.getAs<CFGStmt>();
      if (!CS)
        continue;
      const Stmt *S = CS->getStmt();
      // Only calls that pass integers need the state: allocator calls, and calls of helpers whose parameters the
      // analysis binds to their arguments.
      if (const auto *Call = dyn_cast<CallExpr>(S); Call && passesIntegers(Call))
        AtCalls[Call] = stateForArguments(State, Call);
      for (PathEnv &Env : State)
        transfer(Env, S);
    }

    for (const CFGBlock::AdjacentBlock &Succ : B->succs()) {
      const CFGBlock *N = Succ.getReachableBlock();
      if (!N)
        continue;
      unsigned Id = N->getBlockID();
      PathSet Next = Reached[Id] ? joinPaths(In[Id], State) : State;
      if (Reached[Id] && Visits[Id] >= WidenAfter)
        Next = widen(In[Id], Next);
      if (Reached[Id] && samePaths(Next, In[Id]))
        continue;
      In[Id] = std::move(Next);
      Reached[Id] = true;
      if (!Queued[Id]) {
        Queued[Id] = true;
        Work.push_back(N);
      }
    }
  }
  if (!Work.empty()) // the budget ran out: what was recorded may not be a fixed point, so it is not used
    AtCalls.clear();
}

} // namespace mmio
