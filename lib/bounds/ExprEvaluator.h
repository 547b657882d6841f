// Evaluates an integer expression to the set of values it can take on one group of paths.
#ifndef MMIO_AUDIT_BOUNDS_EXPREVALUATOR_H
#define MMIO_AUDIT_BOUNDS_EXPREVALUATOR_H

#include "bounds/PathState.h"

#include "clang/AST/Type.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <optional>

namespace clang {
class ASTContext;
class BinaryOperator;
class CallExpr;
class Expr;
class Stmt;
class VarDecl;
} // namespace clang

namespace mmio {

/// The bit width of values of an integer type on the target (1 for _Bool), or of a pointer for anything else.
unsigned widthOf(const clang::ASTContext &Ctx, clang::QualType T);

/// Adds to `Out` the variables `S` can change when it runs: the root (see rootVariable) of every lvalue it assigns,
/// increments or names as an inline-assembly output, and every variable whose address it takes (`&v`, an array used
/// as a pointer), through which a call can store. Walked without recursion; an operand that is not evaluated
/// (`sizeof x`) changes nothing.
void collectChangedVariables(const clang::Stmt *S, llvm::SmallPtrSetImpl<const clang::VarDecl *> &Out);

/// Whether `S` names any of `Vars`, walked without recursion.
bool namesAnyOf(const clang::Stmt *S, const llvm::SmallPtrSetImpl<const clang::VarDecl *> &Vars);

/// Whether another argument of `Call` changes a variable that argument `I` reads. The state at a call holds what
/// every argument did, and arguments are not sequenced among themselves: what `I` reads may be the value before.
bool otherArgumentsChangeWhatItReads(const clang::CallExpr *Call, unsigned I);

class ExprEvaluator {
public:
  ExprEvaluator(clang::ASTContext &Ctx, const PathEnv &Env) : Ctx(Ctx), Env(Env) {}

  /// The values of `E`, at the width of its type. Locals and parameters come from the environment, `static const`
  /// globals from their initialisers; anything else read at run time (a field, a call's result, a global that
  /// can be written) is unknown, with a step saying why.
  ///
  /// The environment holds the values after `E` ran: the flow analysis applies every subexpression (an assignment,
  /// `i++`) before the expression that contains it. So `i++` is the value before the step, `i += 2` and `++i` what
  /// `i` holds now, and whatever reads a variable that a part of `E` sequenced after it changes is not decided by
  /// that read (a `?:` whose arm writes what its condition tests).
  Binding evaluate(const clang::Expr *E);

  /// The value the assignment `BO` stores, as it runs: its operands evaluated, its own store not yet applied (the
  /// flow analysis's view of the assignment it is applying). `x op= y` computes `x op y` in the computation type.
  Binding evaluateStored(const clang::BinaryOperator *BO);

  /// The slot of a local aggregate's member that `E` names (`v.f`, or `v[i]` with `i`'s value known here), or
  /// nullopt.
  std::optional<MemberSlot> slotOf(const clang::Expr *E);

private:
  Binding unknown(const clang::Expr *E, const std::string &Why);
  Binding evaluateDecl(const clang::Expr *Ref);
  Binding evaluateCast(const clang::Expr *E, const clang::Expr *Sub);
  Binding evaluateBinary(const clang::Expr *E);
  /// `L op R` for an arithmetic, comparison or logical operator, or a compound assignment's operation, both operands
  /// evaluated here.
  Binding evaluateOperation(const clang::BinaryOperator *BO);
  /// An assignment nested in the expression being evaluated: it has run, so its value is what the left side holds.
  Binding evaluateAssignmentResult(const clang::BinaryOperator *BO);
  Binding evaluateUnary(const clang::Expr *E);
  Binding evaluateConditional(const clang::Expr *E);
  Binding evaluateStmtExpr(const clang::Expr *E);
  Binding evaluateMember(const clang::Expr *E);
  /// An arm of a conditional, with the variable its condition compares to a known value narrowed for that arm.
  /// Not when the condition or the arm can change that variable: the state holds its value after both ran.
  Binding evaluateArm(const clang::Expr *Cond, bool Taken, const clang::Expr *Arm);
  /// `E` in another environment (a statement expression's locals, a narrowed variable), at this depth.
  Binding evaluateIn(const PathEnv &Other, const clang::Expr *E);
  unsigned Depth = 0;

  clang::ASTContext &Ctx;
  const PathEnv &Env;
};

} // namespace mmio

#endif
