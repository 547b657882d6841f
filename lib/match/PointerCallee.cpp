#include "match/PointerCallee.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
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

/// The function `E` designates: `f` or `&f`, through parentheses and conversions.
const FunctionDecl *functionNamed(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf)
    E = U->getSubExpr()->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref ? dyn_cast<FunctionDecl>(Ref->getDecl()) : nullptr;
}

bool refersTo(const Expr *E, const VarDecl *VD) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  return Ref && Ref->getDecl() == VD;
}

/// Whether `Body` may give `VD` another value: an assignment to it, or its address taken (through which anything
/// could store), walked without recursion.
bool mayChange(const Stmt *Body, const VarDecl *VD) {
  llvm::SmallVector<const Stmt *, 64> Pending{Body};
  while (!Pending.empty()) {
    const Stmt *S = Pending.pop_back_val();
    if (!S)
      continue;
    if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isAssignmentOp() && refersTo(BO->getLHS(), VD))
      return true;
    if (const auto *U = dyn_cast<UnaryOperator>(S); U && U->getOpcode() == UO_AddrOf && refersTo(U->getSubExpr(), VD))
      return true;
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
  const FunctionDecl *Target = functionNamed(VD->getInit());
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
