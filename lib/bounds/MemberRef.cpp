#include "bounds/MemberRef.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Type.h"

using namespace clang;

namespace mmio {

namespace {

/// More elements than this and the array is not followed: such tables are not where bounds live.
constexpr uint64_t MaxElements = 64;

const VarDecl *localVariable(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

} // namespace

const VarDecl *rootVariable(const Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(E); ME && !ME->isArrow())
      E = ME->getBase();
    else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
      E = AS->getBase();
    else
      break;
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}

bool isAggregateLocal(const VarDecl *VD) {
  QualType T = VD->getType().getCanonicalType();
  if (!VD->isLocalVarDecl() || VD->isStaticLocal() || T.isVolatileQualified())
    return false;
  if (const auto *R = T->getAs<RecordType>())
    return !R->getDecl()->isUnion();
  if (const auto *A = dyn_cast<ConstantArrayType>(T.getTypePtr()))
    return A->getElementType()->isIntegralOrEnumerationType() && A->getSize().ule(MaxElements);
  return false;
}

std::optional<MemberRef> memberRef(const Expr *E) {
  E = E->IgnoreParens();
  if (!E->getType()->isIntegralOrEnumerationType())
    return std::nullopt;
  MemberRef M;
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (ME->isArrow() || !FD || FD->isBitField())
      return std::nullopt;
    M.Var = localVariable(ME->getBase());
    M.Field = FD;
  } else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
    M.Var = localVariable(AS->getBase());
    M.Index = AS->getIdx();
  } else {
    return std::nullopt;
  }
  if (!M.Var || !isAggregateLocal(M.Var))
    return std::nullopt;
  // `i[arr]` and a field of a struct reached through an array element are not this shape.
  if (M.Field ? !M.Var->getType()->isRecordType() : !M.Var->getType()->isArrayType())
    return std::nullopt;
  return M;
}

} // namespace mmio
