#include "bounds/ExprEvaluator.h"

#include "bounds/MemberRef.h"
#include "bounds/ValueArith.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/TargetInfo.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace mmio {

namespace {

constexpr unsigned MaxDepth = 64;

bool isSigned(QualType T) { return T->isSignedIntegerOrEnumerationType(); }

std::string quoted(const NamedDecl *D) { return "'" + D->getNameAsString() + "'"; }

Binding combine(ValueSet V, const Binding &A, const Binding *B = nullptr) {
  Binding R;
  R.Values = std::move(V);
  R.Why = A.Why;
  R.FromOpenParameter = A.FromOpenParameter;
  if (B) {
    appendSteps(R.Why, B->Why);
    R.FromOpenParameter |= B->FromOpenParameter;
  }
  if (!R.Values.isUnknown())
    R.FromOpenParameter = false;
  return R;
}

} // namespace

unsigned widthOf(const ASTContext &Ctx, QualType T) {
  QualType C = T.getCanonicalType();
  if (C->isIntegralOrEnumerationType())
    return Ctx.getIntWidth(C);
  return Ctx.getTargetInfo().getPointerWidth(LangAS::Default);
}

namespace {

/// An operand C does not evaluate: `sizeof x`, `_Alignof x` (the size of a variable-length array is evaluated).
bool isUnevaluated(const Stmt *S) {
  const auto *U = dyn_cast<UnaryExprOrTypeTraitExpr>(S);
  return U && !U->getTypeOfArgument()->isVariableArrayType();
}

} // namespace

void collectChangedVariables(const Stmt *Root, llvm::SmallPtrSetImpl<const VarDecl *> &Out) {
  auto Add = [&](const Expr *E) {
    if (const VarDecl *VD = rootVariable(E))
      Out.insert(VD);
  };
  llvm::SmallVector<const Stmt *, 32> Pending{Root};
  // A subscript is visited before its base, so the base's decay is known to be a subscript's, not an address.
  llvm::SmallPtrSet<const Expr *, 8> Subscripted;
  while (!Pending.empty()) {
    const Stmt *S = Pending.pop_back_val();
    if (!S || isUnevaluated(S))
      continue;
    if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isAssignmentOp()) {
      Add(BO->getLHS());
    } else if (const auto *U = dyn_cast<UnaryOperator>(S)) {
      if (U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf)
        Add(U->getSubExpr());
    } else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(S)) {
      Subscripted.insert(AS->getBase()->IgnoreParens());
    } else if (const auto *C = dyn_cast<ImplicitCastExpr>(S)) {
      if (C->getCastKind() == CK_ArrayToPointerDecay && !Subscripted.count(C))
        Add(C->getSubExpr());
    } else if (const auto *Asm = dyn_cast<AsmStmt>(S)) {
      for (const Expr *Output : Asm->outputs())
        Add(Output);
    }
    for (const Stmt *Child : S->children())
      Pending.push_back(Child);
  }
}

bool namesAnyOf(const Stmt *Root, const llvm::SmallPtrSetImpl<const VarDecl *> &Vars) {
  if (Vars.empty())
    return false;
  llvm::SmallVector<const Stmt *, 32> Pending{Root};
  while (!Pending.empty()) {
    const Stmt *S = Pending.pop_back_val();
    if (!S)
      continue;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()); VD && Vars.count(VD))
        return true;
    for (const Stmt *Child : S->children())
      Pending.push_back(Child);
  }
  return false;
}

bool otherArgumentsChangeWhatItReads(const CallExpr *Call, unsigned I) {
  llvm::SmallPtrSet<const VarDecl *, 4> Changed;
  for (unsigned J = 0; J < Call->getNumArgs(); ++J)
    if (J != I)
      collectChangedVariables(Call->getArg(J), Changed);
  return I < Call->getNumArgs() && namesAnyOf(Call->getArg(I), Changed);
}

Binding ExprEvaluator::unknown(const Expr *E, const std::string &Why) {
  Binding B;
  B.Values = ValueSet::unknown(widthOf(Ctx, E->getType()));
  B.Why.push_back({E->getBeginLoc(), Why});
  return B;
}

Binding ExprEvaluator::evaluate(const Expr *E) {
  if (!E)
    return Binding();
  unsigned W = widthOf(Ctx, E->getType());
  if (E->isValueDependent() || E->isTypeDependent() || E->containsErrors())
    return unknown(E, "the value cannot be computed here");
  if (!E->getType()->isIntegralOrEnumerationType())
    return unknown(E, "not an integer");
  if (Depth > MaxDepth)
    return unknown(E, "the expression is too deep to follow");

  // Constant expressions (literals, macros, enumerators, sizeof, casts of those) the way the compiler folds them.
  Expr::EvalResult R;
  if (!E->HasSideEffects(Ctx) && E->EvaluateAsInt(R, Ctx)) {
    Binding B;
    B.Values = ValueSet::constant(R.Val.getInt().extOrTrunc(W));
    return B;
  }

  struct DepthGuard {
    unsigned &D;
    DepthGuard(unsigned &D) : D(D) { ++D; }
    ~DepthGuard() { --D; }
  } Guard(Depth);

  const Expr *S = E->IgnoreParens();
  if (isa<DeclRefExpr>(S))
    return evaluateDecl(S);
  if (const auto *Cast = dyn_cast<CastExpr>(S))
    return evaluateCast(S, Cast->getSubExpr());
  if (isa<BinaryOperator>(S))
    return evaluateBinary(S);
  if (isa<UnaryOperator>(S))
    return evaluateUnary(S);
  if (isa<AbstractConditionalOperator>(S))
    return evaluateConditional(S);
  if (isa<StmtExpr>(S))
    return evaluateStmtExpr(S);
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *F = Call->getDirectCallee();
    return unknown(E, F ? "the result of " + quoted(F) + ", which the analysis does not follow"
                        : std::string("the result of an indirect call"));
  }
  if (isa<MemberExpr>(S) || isa<ArraySubscriptExpr>(S))
    return evaluateMember(S);
  return unknown(E, "a value read at run time");
}

Binding ExprEvaluator::evaluateDecl(const Expr *Ref) {
  const auto *DRE = cast<DeclRefExpr>(Ref);
  const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
  if (!VD)
    return unknown(Ref, "not a variable");
  auto It = Env.Vars.find(VD);
  if (It != Env.Vars.end()) {
    Binding B = It->second;
    unsigned W = widthOf(Ctx, Ref->getType());
    if (B.Values.width() != W) // the same variable seen through a different (typedef'd) width cannot happen in C
      B.Values = B.Values.zextOrTrunc(W);
    return B;
  }
  if (VD->hasGlobalStorage() && !VD->isLocalVarDecl() && VD->getType().isConstQualified() &&
      !VD->getType().isVolatileQualified()) {
    if (const Expr *Init = VD->getAnyInitializer()) {
      Binding B = evaluate(Init);
      if (!B.Values.isUnknown())
        B.Why.push_back({VD->getLocation(), quoted(VD) + " is " + B.Values.str()});
      return B;
    }
  }
  if (VD->hasGlobalStorage())
    return unknown(Ref, quoted(VD) + " is a variable that can be written elsewhere");
  if (isa<ParmVarDecl>(VD))
    return unknown(Ref, "parameter " + quoted(VD) + " has no value the analysis can see");
  return unknown(Ref, quoted(VD) + " has no value the analysis can follow here");
}

std::optional<MemberSlot> ExprEvaluator::slotOf(const Expr *E) {
  std::optional<MemberRef> M = memberRef(E);
  if (!M)
    return std::nullopt;
  if (M->Field)
    return MemberSlot{M->Var, M->Field->getFieldIndex()};
  // `v[i++]`: which element is meant depends on when the index is read relative to its own step; not pinned down.
  if (M->Index->HasSideEffects(Ctx))
    return std::nullopt;
  std::optional<llvm::APInt> I = evaluate(M->Index).Values.singleValue();
  if (!I || I->getActiveBits() > 63)
    return std::nullopt;
  return MemberSlot{M->Var, I->getZExtValue()};
}

Binding ExprEvaluator::evaluateMember(const Expr *E) {
  std::optional<MemberRef> M = memberRef(E);
  if (!M)
    return unknown(E, isa<MemberExpr>(E) ? "a field read at run time" : "an element read at run time");
  std::optional<MemberSlot> Slot = slotOf(E);
  if (!Slot)
    return unknown(E, "an element of " + quoted(M->Var) + " at an index the analysis cannot pin down");
  auto It = Env.Members.find(*Slot);
  if (It == Env.Members.end())
    return unknown(E, "a member of " + quoted(M->Var) + " with no value the analysis can follow here");
  Binding B = It->second;
  unsigned W = widthOf(Ctx, E->getType());
  if (B.Values.width() != W)
    B.Values = B.Values.zextOrTrunc(W);
  return B;
}

Binding ExprEvaluator::evaluateCast(const Expr *E, const Expr *Sub) {
  const auto *Cast = cast<CastExpr>(E);
  unsigned W = widthOf(Ctx, E->getType());
  switch (Cast->getCastKind()) {
  case CK_LValueToRValue:
  case CK_NoOp:
    return evaluate(Sub);
  case CK_IntegralCast:
  case CK_IntegralToBoolean:
  case CK_BooleanToSignedIntegral: {
    Binding B = evaluate(Sub);
    return combine(convert(B.Values, W, isSigned(Sub->getType()), E->getType()->isBooleanType()), B);
  }
  default:
    return unknown(E, "a conversion the analysis does not follow");
  }
}

Binding ExprEvaluator::evaluateUnary(const Expr *E) {
  const auto *U = cast<UnaryOperator>(E);
  unsigned W = widthOf(Ctx, E->getType());
  Binding B = evaluate(U->getSubExpr());
  ValueSet One = ValueSet::constant(B.Values.width(), 1);
  switch (U->getOpcode()) {
  case UO_Plus:
  case UO_PreInc: // the step has been applied: the value is what the operand holds now
  case UO_PreDec:
    return B;
  case UO_PostInc:
  case UO_PostDec:
    // The value before the step the state already holds. A _Bool's ++ sets it to 1 whatever it was: no way back.
    if (U->getSubExpr()->getType()->isBooleanType())
      return unknown(E, "the value of a _Bool before its step");
    return combine(applyArith(U->getOpcode() == UO_PostInc ? ArithOp::Sub : ArithOp::Add, B.Values, One), B);
  case UO_Minus:
    return combine(negate(B.Values), B);
  case UO_Not:
    return combine(bitNot(B.Values), B);
  case UO_LNot:
    return combine(logicalNot(B.Values, W), B);
  default:
    return unknown(E, "a value read through a pointer");
  }
}

Binding ExprEvaluator::evaluateBinary(const Expr *E) {
  const auto *BO = cast<BinaryOperator>(E);
  if (BO->isAssignmentOp())
    return evaluateAssignmentResult(BO);
  if (BO->getOpcode() == BO_Comma) // the left side has run; the right side is read after it, in the state as it is
    return evaluate(BO->getRHS());
  return evaluateOperation(BO);
}

Binding ExprEvaluator::evaluateStored(const BinaryOperator *BO) {
  if (!BO->getType()->isIntegralOrEnumerationType())
    return unknown(BO, "not an integer");
  if (BO->getOpcode() == BO_Assign)
    return evaluate(BO->getRHS());
  if (!BO->isCompoundAssignmentOp())
    return evaluate(BO);
  return evaluateOperation(BO);
}

Binding ExprEvaluator::evaluateAssignmentResult(const BinaryOperator *BO) {
  const Expr *LHS = BO->getLHS();
  // `x = y` stores y, which is its value, unless the left side is a bit-field (truncated) or a variable the state
  // follows, which holds the stored value now, whereas y, read after the store, may read x itself (`x = x + 1`).
  if (BO->getOpcode() == BO_Assign && !LHS->refersToBitField()) {
    const VarDecl *Root = rootVariable(LHS);
    bool Followed = Root && (Env.Vars.count(Root) ||
                             llvm::any_of(Env.Members, [&](const auto &M) { return M.first.first == Root; }));
    if (!Followed)
      return evaluate(BO->getRHS());
  }
  // `x op= y`: computing x op y again would apply the operation twice; x holds the result.
  return evaluate(LHS);
}

Binding ExprEvaluator::evaluateOperation(const BinaryOperator *BO) {
  const Expr *E = BO;
  BinaryOperatorKind Op = BO->getOpcode();
  unsigned W = widthOf(Ctx, E->getType());
  QualType OperandType = BO->getLHS()->getType();
  Binding L = evaluate(BO->getLHS());
  Binding R = evaluate(BO->getRHS());
  ValueSet LV = L.Values, RV = R.Values;
  if (const auto *CAO = dyn_cast<CompoundAssignOperator>(BO)) {
    // x op= y computes in the computation type, then converts back to x's type.
    OperandType = CAO->getComputationLHSType();
    unsigned CW = widthOf(Ctx, OperandType);
    LV = convert(LV, CW, isSigned(BO->getLHS()->getType()), false);
    if (!BinaryOperator::isShiftOp(BinaryOperator::getOpForCompoundAssignment(Op)))
      RV = convert(RV, CW, isSigned(BO->getRHS()->getType()), false);
    Op = BinaryOperator::getOpForCompoundAssignment(Op);
  }
  bool Signed = isSigned(OperandType);
  if (BinaryOperator::isShiftOp(Op)) // the shift amount has its own type
    RV = convert(RV, LV.width(), isSigned(BO->getRHS()->getType()), false);

  auto Arith = [&](ArithOp A) {
    ValueSet V = applyArith(A, LV, RV);
    if (isa<CompoundAssignOperator>(BO))
      V = convert(V, W, Signed, E->getType()->isBooleanType());
    return combine(V, L, &R);
  };
  auto Compare = [&](CompareOp U, CompareOp S) { return combine(compare(Signed ? S : U, LV, RV, W), L, &R); };
  switch (Op) {
  case BO_Add:
    return Arith(ArithOp::Add);
  case BO_Sub:
    return Arith(ArithOp::Sub);
  case BO_Mul:
    return Arith(ArithOp::Mul);
  case BO_Shl:
    return Arith(ArithOp::Shl);
  case BO_Shr:
    return Arith(Signed ? ArithOp::AShr : ArithOp::LShr);
  case BO_And:
    return Arith(ArithOp::And);
  case BO_Or:
    return Arith(ArithOp::Or);
  case BO_Xor:
    return Arith(ArithOp::Xor);
  case BO_Div:
    return Arith(Signed ? ArithOp::SDiv : ArithOp::UDiv);
  case BO_Rem:
    return Arith(Signed ? ArithOp::SRem : ArithOp::URem);
  case BO_EQ:
    return Compare(CompareOp::EQ, CompareOp::EQ);
  case BO_NE:
    return Compare(CompareOp::NE, CompareOp::NE);
  case BO_LT:
    return Compare(CompareOp::ULT, CompareOp::SLT);
  case BO_LE:
    return Compare(CompareOp::ULE, CompareOp::SLE);
  case BO_GT:
    return Compare(CompareOp::UGT, CompareOp::SGT);
  case BO_GE:
    return Compare(CompareOp::UGE, CompareOp::SGE);
  case BO_LAnd:
  case BO_LOr: {
    ValueSet NotL = logicalNot(LV, W), NotR = logicalNot(RV, W);
    ValueSet V = ValueSet::unknown(W);
    // The right side runs after the left: if it changes what the left reads, the left's value here is not the one
    // that was tested. Either way the result is 0 or 1.
    llvm::SmallPtrSet<const VarDecl *, 4> ChangedByRight;
    collectChangedVariables(BO->getRHS(), ChangedByRight);
    if (namesAnyOf(BO->getLHS(), ChangedByRight))
      V = ValueSet::constant(W, 0).join(ValueSet::constant(W, 1)).dropExactEnds();
    else if (auto A = NotL.singleValue(), B = NotR.singleValue(); A && B)
      V = ValueSet::constant(W, Op == BO_LAnd ? (A->isZero() && B->isZero()) : (A->isZero() || B->isZero()));
    else if (!NotL.isUnknown() && !NotR.isUnknown())
      V = ValueSet::constant(W, 0).join(ValueSet::constant(W, 1)).dropExactEnds();
    return combine(V, L, &R);
  }
  default:
    return unknown(E, "an operation the analysis does not follow");
  }
}

Binding ExprEvaluator::evaluateConditional(const Expr *E) {
  const auto *C = cast<AbstractConditionalOperator>(E);
  // The state holds the values after the arm that ran: if an arm changes what the condition reads, the condition's
  // value here is not the one that was tested, and decides nothing (`b >= SZ_4G ? (b = 0, b) : SZ_4G`).
  llvm::SmallPtrSet<const VarDecl *, 4> ChangedByArms;
  if (!isa<BinaryConditionalOperator>(C)) // `c ?: d`: the first arm is the condition itself
    collectChangedVariables(C->getTrueExpr(), ChangedByArms);
  collectChangedVariables(C->getFalseExpr(), ChangedByArms);
  bool Stale = namesAnyOf(C->getCond(), ChangedByArms);
  if (!Stale) {
    Binding Cond = evaluate(C->getCond());
    ValueSet IsFalse = logicalNot(Cond.Values, 1);
    // A condition the analysis decides picks one arm; otherwise either arm can be taken.
    if (std::optional<llvm::APInt> F = IsFalse.singleValue())
      return evaluate(F->isZero() ? C->getTrueExpr() : C->getFalseExpr());
  }
  // `x > SZ_4G ? x : SZ_4G` (the kernel's max()): in each arm, x has the values its condition lets through there.
  const Expr *Guard = isa<BinaryConditionalOperator>(C) || Stale ? nullptr : C->getCond();
  Binding T = evaluateArm(Guard, true, C->getTrueExpr());
  Binding F = evaluateArm(Guard, false, C->getFalseExpr());
  if (T.Values.width() != F.Values.width())
    return unknown(E, "arms of different widths");
  if (T.Values.isEmpty() && F.Values.isEmpty())
    return unknown(E, "a condition that neither arm's values can pass");
  Binding R = combine(T.Values.join(F.Values), T, &F);
  // A parameter narrowed by the condition is still a parameter: its callers may decide it exactly.
  R.FromOpenParameter = T.FromOpenParameter || F.FromOpenParameter;
  return R;
}

namespace {

/// The variable `E` reads, seen at its own width and signedness (no conversion but lvalue-to-rvalue), or null.
const VarDecl *plainVariable(const Expr *E) {
  E = E->IgnoreParens();
  while (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
    if (Cast->getCastKind() != CK_LValueToRValue && Cast->getCastKind() != CK_NoOp)
      return nullptr;
    E = Cast->getSubExpr()->IgnoreParens();
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

std::optional<CompareOp> unsignedCompare(BinaryOperatorKind Op, bool Swapped) {
  switch (Op) {
  case BO_EQ:
    return CompareOp::EQ;
  case BO_NE:
    return CompareOp::NE;
  case BO_LT:
    return Swapped ? CompareOp::UGT : CompareOp::ULT;
  case BO_LE:
    return Swapped ? CompareOp::UGE : CompareOp::ULE;
  case BO_GT:
    return Swapped ? CompareOp::ULT : CompareOp::UGT;
  case BO_GE:
    return Swapped ? CompareOp::ULE : CompareOp::UGE;
  default:
    return std::nullopt;
  }
}

CompareOp negated(CompareOp Op) {
  switch (Op) {
  case CompareOp::EQ:
    return CompareOp::NE;
  case CompareOp::NE:
    return CompareOp::EQ;
  case CompareOp::ULT:
    return CompareOp::UGE;
  case CompareOp::ULE:
    return CompareOp::UGT;
  case CompareOp::UGT:
    return CompareOp::ULE;
  case CompareOp::UGE:
    return CompareOp::ULT;
  default:
    return Op;
  }
}

} // namespace

Binding ExprEvaluator::evaluateArm(const Expr *Cond, bool Taken, const Expr *Arm) {
  const auto *BO = Cond ? dyn_cast<BinaryOperator>(Cond->IgnoreParens()) : nullptr;
  if (!BO || !BO->isComparisonOp() || BO->getLHS()->getType()->isSignedIntegerOrEnumerationType() ||
      !BO->getLHS()->getType()->isIntegralOrEnumerationType())
    return evaluate(Arm);
  // One side a variable, the other a single known value, compared unsigned at the variable's own width.
  for (bool Swapped : {false, true}) {
    const Expr *Var = Swapped ? BO->getRHS() : BO->getLHS();
    const Expr *Other = Swapped ? BO->getLHS() : BO->getRHS();
    const VarDecl *VD = plainVariable(Var);
    std::optional<CompareOp> Op = unsignedCompare(BO->getOpcode(), Swapped);
    if (!VD || !Op || VD->getType()->isSignedIntegerOrEnumerationType() ||
        widthOf(Ctx, VD->getType()) != widthOf(Ctx, BO->getLHS()->getType()))
      continue;
    auto It = Env.Vars.find(VD);
    if (It == Env.Vars.end())
      continue;
    // The arm reads VD after the condition and the arm ran: narrowed only if neither can change it (an assignment,
    // a step, its address handed to a call), as the values that passed the test are then the ones it still holds.
    llvm::SmallPtrSet<const VarDecl *, 4> Changed;
    collectChangedVariables(Cond, Changed);
    collectChangedVariables(Arm, Changed);
    if (Changed.count(VD))
      continue;
    std::optional<llvm::APInt> C = evaluate(Other).Values.singleValue();
    if (!C || C->getBitWidth() != It->second.Values.width())
      continue;
    PathEnv Narrowed = Env;
    Binding &B = Narrowed.Vars[VD];
    B.Values = assume(Taken ? *Op : negated(*Op), B.Values, *C);
    if (B.Values.isEmpty()) // the arm cannot be taken: it adds no value
      return Binding{ValueSet::empty(widthOf(Ctx, Arm->getType())), {}, false};
    return evaluateIn(Narrowed, Arm);
  }
  return evaluate(Arm);
}

Binding ExprEvaluator::evaluateIn(const PathEnv &Other, const Expr *E) {
  ExprEvaluator Inner(Ctx, Other);
  Inner.Depth = Depth;
  return Inner.evaluate(E);
}

namespace {

/// What a statement expression's body does, found in one walk without recursion (a body, like any expression, can
/// nest as deep as its source: a sum of 40,000 terms).
struct BodyFacts {
  /// Why its statements cannot be followed, or null: the locals are bound to their initialisers only when nothing
  /// in the body, its last expression included, can change a variable after its declaration.
  const char *NotFollowed = nullptr;
  /// Its locals whose address appears anywhere in it: whatever holds that address (a pointer, a struct, a call's
  /// argument) can store through it, so they are not bound.
  llvm::SmallPtrSet<const VarDecl *, 4> AddressTaken;
};

/// Nothing in the body may assign, step, run inline assembly, jump (a `goto` can skip a declaration), call through a
/// pointer, or hand a local's address to a call. Any other direct call (the `__attribute__((error))` sink of a
/// compile-time assertion, as the kernel's BUILD_BUG_ON_MSG() declares one inside a `do { } while (0)`) can change
/// no bound local: the tracked locals of the function never have their address taken, and the body's own locals
/// whose address appears stay unbound. Globals are never bound but `static const` ones, which nothing may write.
BodyFacts scanBody(const CompoundStmt *Body) {
  BodyFacts Facts;
  struct Item {
    const Stmt *S;
    bool InCallArgument;
  };
  llvm::SmallVector<Item, 64> Pending{{Body, false}};
  llvm::SmallPtrSet<const Expr *, 8> Subscripted;
  auto NoteAddress = [&](const Expr *Of, bool InCallArgument) {
    const VarDecl *VD = rootVariable(Of);
    if (!VD || !VD->hasLocalStorage())
      return true;
    Facts.AddressTaken.insert(VD);
    return !InCallArgument;
  };
  while (!Pending.empty()) {
    auto [S, InArg] = Pending.pop_back_val();
    if (!S || isUnevaluated(S))
      continue;
    if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isAssignmentOp()) {
      Facts.NotFollowed = "a statement expression that assigns a variable";
      return Facts;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(S)) {
      if (U->isIncrementDecrementOp()) {
        Facts.NotFollowed = "a statement expression that increments or decrements a variable";
        return Facts;
      }
      if (U->getOpcode() == UO_AddrOf && !NoteAddress(U->getSubExpr(), InArg)) {
        Facts.NotFollowed = "a statement expression that hands a local's address to a call";
        return Facts;
      }
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(S))
      Subscripted.insert(AS->getBase()->IgnoreParens());
    if (const auto *C = dyn_cast<ImplicitCastExpr>(S); C && C->getCastKind() == CK_ArrayToPointerDecay &&
                                                       !Subscripted.count(C) && !NoteAddress(C->getSubExpr(), InArg)) {
      Facts.NotFollowed = "a statement expression that hands a local's address to a call";
      return Facts;
    }
    if (isa<AsmStmt>(S)) {
      Facts.NotFollowed = "a statement expression with inline assembly";
      return Facts;
    }
    if (isa<GotoStmt, IndirectGotoStmt>(S)) {
      Facts.NotFollowed = "a statement expression with a goto";
      return Facts;
    }
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      if (!Call->getDirectCallee()) {
        Facts.NotFollowed = "a statement expression that calls through a pointer";
        return Facts;
      }
      Pending.push_back({Call->getCallee(), InArg});
      for (const Expr *Arg : Call->arguments())
        Pending.push_back({Arg, true});
      continue;
    }
    for (const Stmt *Child : S->children())
      Pending.push_back({Child, InArg});
  }
  return Facts;
}

} // namespace

Binding ExprEvaluator::evaluateStmtExpr(const Expr *E) {
  // `({ typeof(x) __x = (x); ...; __x < __y ? __x : __y; })`, as the kernel's min() and max() expand: the value of
  // the last expression, with the locals declared before it bound to their initialisers.
  const CompoundStmt *Body = cast<StmtExpr>(E)->getSubStmt();
  const Expr *Result = Body->body_empty() ? nullptr : dyn_cast<Expr>(Body->body_back());
  if (!Result)
    return unknown(E, "a statement expression without a value");
  BodyFacts Facts = scanBody(Body);
  if (Facts.NotFollowed)
    return unknown(E, Facts.NotFollowed);
  PathEnv Local = Env;
  for (const Stmt *S : Body->body()) {
    if (S == Body->body_back())
      break;
    const auto *DS = dyn_cast<DeclStmt>(S);
    if (!DS)
      continue;
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD || !VD->isLocalVarDecl() || VD->isStaticLocal() || !VD->getType()->isIntegralOrEnumerationType())
        continue;
      if (!VD->getInit() || Facts.AddressTaken.count(VD) || VD->getType().isVolatileQualified()) {
        Local.Vars.erase(VD);
        continue;
      }
      Binding B = evaluateIn(Local, VD->getInit());
      unsigned W = widthOf(Ctx, VD->getType());
      if (B.Values.width() != W)
        B.Values = convert(B.Values, W, isSigned(VD->getInit()->getType()), VD->getType()->isBooleanType());
      Local.Vars[VD] = std::move(B);
    }
  }
  return evaluateIn(Local, Result);
}

} // namespace mmio
