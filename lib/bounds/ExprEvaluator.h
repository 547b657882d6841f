// Evaluates an integer expression to the set of values it can take on one group of paths.
#ifndef MMIO_AUDIT_BOUNDS_EXPREVALUATOR_H
#define MMIO_AUDIT_BOUNDS_EXPREVALUATOR_H

#include "bounds/PathState.h"

#include "clang/AST/Type.h"

#include <optional>

namespace clang {
class ASTContext;
class Expr;
} // namespace clang

namespace mmio {

/// The bit width of values of an integer type on the target (1 for _Bool), or of a pointer for anything else.
unsigned widthOf(const clang::ASTContext &Ctx, clang::QualType T);

class ExprEvaluator {
public:
  ExprEvaluator(clang::ASTContext &Ctx, const PathEnv &Env) : Ctx(Ctx), Env(Env) {}

  /// The values of `E`, at the width of its type. Locals and parameters come from the environment, `static const`
  /// globals from their initialisers; anything else read at run time (a field, a call's result, a global that
  /// can be written) is unknown, with a step saying why.
  Binding evaluate(const clang::Expr *E);

  /// The slot of a local aggregate's member that `E` names (`v.f`, or `v[i]` with `i`'s value known here), or
  /// nullopt.
  std::optional<MemberSlot> slotOf(const clang::Expr *E);

private:
  Binding unknown(const clang::Expr *E, const std::string &Why);
  Binding evaluateDecl(const clang::Expr *Ref);
  Binding evaluateCast(const clang::Expr *E, const clang::Expr *Sub);
  Binding evaluateBinary(const clang::Expr *E);
  Binding evaluateUnary(const clang::Expr *E);
  Binding evaluateConditional(const clang::Expr *E);
  Binding evaluateStmtExpr(const clang::Expr *E);
  Binding evaluateMember(const clang::Expr *E);
  /// An arm of a conditional, with the variable its condition compares to a known value narrowed for that arm.
  Binding evaluateArm(const clang::Expr *Cond, bool Taken, const clang::Expr *Arm);
  /// `E` in another environment (a statement expression's locals, a narrowed variable), at this depth.
  Binding evaluateIn(const PathEnv &Other, const clang::Expr *E);
  unsigned Depth = 0;

  clang::ASTContext &Ctx;
  const PathEnv &Env;
};

} // namespace mmio

#endif
