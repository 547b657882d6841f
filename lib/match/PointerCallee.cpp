#include "match/PointerCallee.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace mmio {

namespace {

/// The variable `E` names, through parentheses, conversions and a `*` (`(*fp)(...)` calls what `fp(...)` does).
const VarDecl *pointerVariable(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_Deref)
    E = U->getSubExpr()->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

/// The function `E` designates: `f` or `&f`, through parentheses and conversions, written ones included
/// (`(mmio_alloc_fn)vmbus_allocate_mmio` still calls vmbus_allocate_mmio).
const FunctionDecl *functionNamed(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf)
    E = U->getSubExpr()->IgnoreParenCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref ? dyn_cast<FunctionDecl>(Ref->getDecl()) : nullptr;
}

bool refersTo(const Expr *E, const VarDecl *VD) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  return Ref && Ref->getDecl() == VD;
}

/// Whether `Body` may give `VD` another value: an assignment to it, a step (`alloc++`, GNU arithmetic on a function
/// pointer), an inline assembly output naming it, or its address taken (through which anything could store),
/// walked without recursion, into the bodies of blocks too. A `__block` variable may be written by any block that
/// captures it, wherever that block runs.
bool mayChange(const Stmt *Body, const VarDecl *VD) {
  if (VD->hasAttr<BlocksAttr>())
    return true;
  llvm::SmallVector<const Stmt *, 64> Pending{Body};
  while (!Pending.empty()) {
    const Stmt *S = Pending.pop_back_val();
    if (!S)
      continue;
    if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isAssignmentOp() && refersTo(BO->getLHS(), VD))
      return true;
    if (const auto *U = dyn_cast<UnaryOperator>(S);
        U && (U->getOpcode() == UO_AddrOf || U->isIncrementDecrementOp()) && refersTo(U->getSubExpr(), VD))
      return true;
    if (const auto *Asm = dyn_cast<AsmStmt>(S))
      for (const Expr *Output : Asm->outputs())
        if (refersTo(Output, VD))
          return true;
    if (const auto *Block = dyn_cast<BlockExpr>(S)) // its body is no child of the expression
      Pending.push_back(Block->getBody());
    for (const Stmt *Child : S->children())
      Pending.push_back(Child);
  }
  return false;
}

} // namespace

const FunctionDecl *soleTargetOfPointer(const CallExpr *Call, const FunctionDecl *Enclosing) {
  if (Call->getDirectCallee())
    return nullptr;
  const VarDecl *VD = pointerVariable(Call->getCallee());
  if (!VD || !VD->getType()->isFunctionPointerType() || VD->getType().isVolatileQualified())
    return nullptr;
  // The initialiser may be on a later declaration (`static const fn_t f;` used, then defined).
  const FunctionDecl *Target = functionNamed(VD->getAnyInitializer());
  if (!Target)
    return nullptr;
  if (VD->getType().isConstQualified())
    return Target;
  // A pointer that can be written: only a local one, whose every write is in the function it belongs to.
  if (!VD->isLocalVarDecl() || VD->isStaticLocal() || !Enclosing || !Enclosing->getBody() ||
      VD->getDeclContext() != Enclosing)
    return nullptr;
  return mayChange(Enclosing->getBody(), VD) ? nullptr : Target;
}

} // namespace mmio
