#include "bounds/FlowAnalysis.h"

#include "bounds/ExprEvaluator.h"
#include "bounds/MemberRef.h"
#include "bounds/ValueArith.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/Stmt.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

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

/// Locals whose address is taken can change behind the analysis's back: `&v`, `&v.f`, `&v[i]`, and an array used
/// as a pointer anywhere but as the base of a subscript. So can the outputs of inline assembly (`"+r"(v)`,
/// `"=m"(v.f)`), whose new values the analysis cannot compute.
class EscapeFinder : public RecursiveASTVisitor<EscapeFinder> {
public:
  explicit EscapeFinder(llvm::DenseSet<const VarDecl *> &Out) : Out(Out) {}
  bool VisitAsmStmt(AsmStmt *A) {
    for (const Expr *Output : A->outputs())
      if (const VarDecl *VD = rootVariable(Output))
        Out.insert(VD);
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->getOpcode() == UO_AddrOf)
      if (const VarDecl *VD = rootVariable(U->getSubExpr()))
        Out.insert(VD);
    return true;
  }
  // Visited before its children: the decay of a subscript's base is marked as that, not an escape.
  bool VisitArraySubscriptExpr(ArraySubscriptExpr *AS) {
    Subscripted.insert(AS->getBase()->IgnoreParens());
    return true;
  }
  bool VisitImplicitCastExpr(ImplicitCastExpr *C) {
    if (C->getCastKind() == CK_ArrayToPointerDecay && !Subscripted.count(C))
      if (const VarDecl *VD = rootVariable(C->getSubExpr()))
        Out.insert(VD);
    return true;
  }

private:
  llvm::DenseSet<const VarDecl *> &Out;
  llvm::DenseSet<const Expr *> Subscripted;
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
      if (const VarDecl *VD = rootVariable(BO->getLHS()))
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
  auto Widen = [](auto &NewMap, const auto &OldMap, auto VarOf) {
    for (auto &[K, B] : NewMap) {
      auto It = OldMap.find(K);
      if (It == OldMap.end() || It->second.Values != B.Values) {
        const VarDecl *VD = VarOf(K);
        B.Values = ValueSet::unknown(B.Values.width());
        B.Why = {{VD->getLocation(), quoted(VD) + " changes in a loop the analysis does not unroll"}};
        B.FromOpenParameter = false;
      }
    }
  };
  Widen(N.Vars, O.Vars, [](const VarDecl *VD) { return VD; });
  Widen(N.Members, O.Members, [](const MemberSlot &S) { return S.first; });
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

bool FlowAnalysis::isTrackedAggregate(const VarDecl *VD) const {
  return VD && Relevant.count(VD) && !Escaped.count(VD) && isAggregateLocal(VD);
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

const PathSet *FlowAnalysis::firstBefore(const CallExpr *Call) const {
  auto It = FirstAtCalls.find(Call);
  return It == FirstAtCalls.end() ? before(Call) : &It->second;
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

  auto ForgetMembers = [&](const VarDecl *VD) {
    for (auto It = Env.Members.begin(); It != Env.Members.end();) {
      auto Here = It++;
      if (Here->first.first == VD)
        Env.Members.erase(Here);
    }
  };
  auto AssignMember = [&](MemberSlot Slot, QualType T, Binding B, SourceLocation Where, const char *Verb,
                          const std::string &Name) {
    unsigned W = widthOf(Ctx, T);
    if (B.Values.width() != W)
      B.Values = B.Values.isUnknown() ? ValueSet::unknown(W) : B.Values.zextOrTrunc(W);
    if (!B.Values.isUnknown())
      B.Why.push_back({Where, Name + " is " + B.Values.str() + Verb});
    Env.Members[Slot] = std::move(B);
  };
  // `v.f = ...`, `v[i] += ...`, `v[i]++`: the member's slot, or every member forgotten when the index is not known.
  auto AssignToMember = [&](const Expr *LHS, llvm::function_ref<Binding(ExprEvaluator &)> Value, SourceLocation Where,
                            const char *Verb) {
    std::optional<MemberRef> M = memberRef(LHS);
    if (!M || !isTrackedAggregate(M->Var))
      return false;
    ExprEvaluator Eval(Ctx, Env);
    std::optional<MemberSlot> Slot = Eval.slotOf(LHS);
    if (!Slot) {
      ForgetMembers(M->Var);
      return true;
    }
    std::string Name = "'" + M->Var->getNameAsString() +
                       (M->Field ? "." + M->Field->getNameAsString() : "[" + std::to_string(Slot->second) + "]") + "'";
    AssignMember(*Slot, LHS->getType(), Value(Eval), Where, Verb, Name);
    return true;
  };

  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (VD && isTrackedAggregate(VD)) {
        ForgetMembers(VD);
        bindInitialisers(Env, VD);
        continue;
      }
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
    // The value stored, computed as the assignment runs (evaluating `BO` itself would read the stored value back).
    if (AssignToMember(
            BO->getLHS(), [&](ExprEvaluator &Eval) { return Eval.evaluateStored(BO); }, BO->getOperatorLoc(),
            " after this assignment"))
      return;
    if (const VarDecl *VD = assignedVar(BO->getLHS()); VD && isTrackedAggregate(VD))
      ForgetMembers(VD); // a whole struct assigned: its members are not followed through the copy
    if (const VarDecl *VD = assignedVar(BO->getLHS()); VD && isTracked(VD))
      Assign(VD, ExprEvaluator(Ctx, Env).evaluateStored(BO), BO->getOperatorLoc(), " after this assignment");
    return;
  }
  if (const auto *U = dyn_cast<UnaryOperator>(S); U && U->isIncrementDecrementOp()) {
    auto Step = [&](ExprEvaluator &Eval) {
      Binding B = Eval.evaluate(U->getSubExpr());
      if (U->getSubExpr()->getType()->isBooleanType()) {
        // A _Bool's ++ makes it 1, its -- flips it: not integer arithmetic at width 1.
        B.Values = U->isIncrementOp() ? ValueSet::constant(B.Values.width(), 1) : logicalNot(B.Values, 1);
        return B;
      }
      ValueSet One = ValueSet::constant(B.Values.width(), 1);
      B.Values = applyArith(U->isIncrementOp() ? ArithOp::Add : ArithOp::Sub, B.Values, One);
      return B;
    };
    if (AssignToMember(U->getSubExpr(), Step, U->getOperatorLoc(), " after this step"))
      return;
    const VarDecl *VD = assignedVar(U->getSubExpr());
    if (!VD || !isTracked(VD))
      return;
    ExprEvaluator Eval(Ctx, Env);
    Assign(VD, Step(Eval), U->getOperatorLoc(), " after this step");
  }
}

void FlowAnalysis::bindInitialisers(PathEnv &Env, const VarDecl *VD) {
  const auto *Init = dyn_cast_or_null<InitListExpr>(VD->getInit() ? VD->getInit()->IgnoreParenImpCasts() : nullptr);
  if (!Init)
    return; // uninitialised, or copied from another aggregate: every member unknown
  if (Init->isSyntacticForm() && Init->getSemanticForm())
    Init = Init->getSemanticForm();
  auto Bind = [&](uint64_t Index, QualType T, const Expr *E, const std::string &Name) {
    if (!E || !T->isIntegralOrEnumerationType())
      return;
    Binding B = ExprEvaluator(Ctx, Env).evaluate(E);
    unsigned W = widthOf(Ctx, T);
    if (B.Values.width() != W)
      B.Values = B.Values.isUnknown() ? ValueSet::unknown(W) : B.Values.zextOrTrunc(W);
    // An omitted member's zero is written nowhere: the declaration says it.
    SourceLocation Where = E->getBeginLoc().isValid() ? E->getBeginLoc() : VD->getLocation();
    if (!B.Values.isUnknown())
      B.Why.push_back({Where, "'" + Name + "' is " + B.Values.str()});
    Env.Members[{VD, Index}] = std::move(B);
  };
  std::string Base = VD->getNameAsString();
  if (const auto *R = VD->getType()->getAsRecordDecl()) {
    // The initialiser list has no entry for an unnamed bit-field, so entries are counted as CodeGen counts them;
    // the slot stays the field's index, as member accesses name it.
    unsigned Entry = 0;
    for (const FieldDecl *F : R->fields()) {
      if (F->isUnnamedBitField())
        continue;
      if (F->getType()->isIncompleteArrayType() || Entry >= Init->getNumInits())
        break; // a flexible array member ends the list; omitted trailing members are not bound
      const Expr *E = Init->getInit(Entry++);
      if (!F->isBitField())
        Bind(F->getFieldIndex(), F->getType(), E, Base + "." + F->getNameAsString());
    }
    return;
  }
  const auto *A = Ctx.getAsConstantArrayType(VD->getType());
  if (!A)
    return;
  // Elements past the written ones are zero (the array filler).
  for (uint64_t I = 0, N = A->getSize().getZExtValue(); I < N; ++I)
    Bind(I, A->getElementType(), I < Init->getNumInits() ? Init->getInit(I) : Init->getArrayFiller(),
         Base + "[" + std::to_string(I) + "]");
}

/// The condition of `B`'s two-way branch (an `if`, a loop's test, a `?:`, the left side of `&&` or `||`), whose
/// first successor is taken when it holds; null for any other block.
static const Expr *twoWayCondition(const CFGBlock &B) {
  const Stmt *T = B.getTerminatorStmt();
  if (!T || B.succ_size() != 2 || B.getTerminator().getKind() != CFGTerminator::StmtBranch)
    return nullptr;
  const auto *BO = dyn_cast<BinaryOperator>(T);
  if (!isa<IfStmt, WhileStmt, DoStmt, ForStmt, ConditionalOperator>(T) && !(BO && BO->isLogicalOp()))
    return nullptr;
  const auto *Cond = dyn_cast_or_null<Expr>(B.getTerminatorCondition(/*StripParens=*/false));
  return Cond && Cond->getType()->isIntegralOrEnumerationType() ? Cond : nullptr;
}

/// The groups of `State` that can take the branch of `Cond` that `Holds` says: a group whose values decide the
/// condition the other way does not go there. The state at the end of the block holds the condition's own effects
/// (`lo++ < n`), as the evaluator expects.
static PathSet pathsTaking(ASTContext &Ctx, const PathSet &State, const Expr *Cond, bool Holds) {
  PathSet Out;
  for (const PathEnv &Env : State) {
    std::optional<llvm::APInt> IsFalse = logicalNot(ExprEvaluator(Ctx, Env).evaluate(Cond).Values, 1).singleValue();
    if (!IsFalse || IsFalse->isZero() == Holds)
      Out.push_back(Env);
  }
  return Out;
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
    if (!Env.Members.empty()) {
      llvm::SmallPtrSet<const VarDecl *, 8> Readable(Read.begin(), Read.end());
      for (const auto &[Slot, B] : Env.Members)
        if (Readable.count(Slot.first))
          Kept.Members.try_emplace(Slot, B);
    }
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
      if (const auto *Call = dyn_cast<CallExpr>(S); Call && passesIntegers(Call)) {
        PathSet Now = stateForArguments(State, Call);
        // The first state is kept apart only once a later visit changes it: most calls are reached once.
        auto [It, New] = AtCalls.try_emplace(Call);
        if (!New && !FirstAtCalls.count(Call) && !samePaths(It->second, Now))
          FirstAtCalls[Call] = std::move(It->second);
        It->second = std::move(Now);
      }
      for (PathEnv &Env : State)
        transfer(Env, S);
    }

    // A branch the values decide is followed one way only: without it, a loop's first state would leave by an exit
    // its condition forbids (`while (lo < SZ_4G) lo += SZ_1G;` never leaves with lo = 0), and be taken for a value
    // that occurs (see firstBefore).
    const Expr *Cond = twoWayCondition(*B);
    unsigned SuccIndex = 0;
    for (const CFGBlock::AdjacentBlock &Succ : B->succs()) {
      bool Holds = SuccIndex++ == 0;
      const CFGBlock *N = Succ.getReachableBlock();
      if (!N)
        continue;
      PathSet Along = Cond ? pathsTaking(Ctx, State, Cond, Holds) : State;
      if (Along.empty())
        continue;
      unsigned Id = N->getBlockID();
      PathSet Next = Reached[Id] ? joinPaths(In[Id], Along) : Along;
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
  if (!Work.empty()) { // the budget ran out: what was recorded may not be a fixed point, so it is not used
    AtCalls.clear();
    FirstAtCalls.clear();
  }
}

} // namespace mmio
