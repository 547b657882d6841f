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
  if (!Callee)
    return false;
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
  run(std::move(Entry));
}

bool FlowAnalysis::isTracked(const VarDecl *VD) const {
  if (!VD)
    return false;
  QualType T = VD->getType();
  return !Escaped.count(VD) && !T.isVolatileQualified() && T->isIntegralOrEnumerationType() &&
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

void FlowAnalysis::run(PathSet Entry) {
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd(); // every subexpression gets its own element, so nested assignments are seen in order
  std::unique_ptr<CFG> Graph = CFG::buildCFG(F, F->getBody(), &Ctx, Options);
  if (!Graph)
    return;

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
        AtCalls[Call] = State;
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
