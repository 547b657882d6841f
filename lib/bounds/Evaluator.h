// Computes the values an allocator argument can take, as the call passes it, and where they came from.
#ifndef MMIO_AUDIT_BOUNDS_EVALUATOR_H
#define MMIO_AUDIT_BOUNDS_EVALUATOR_H

#include "bounds/ValueSet.h"

#include "clang/AST/Type.h"
#include "clang/Basic/SourceLocation.h"

#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Expr;
} // namespace clang

namespace mmio {

/// One step of the explanation of a value: where it came from and what it was there.
struct TrailStep {
  clang::SourceLocation Loc;
  std::string Text;
};

struct Evaluation {
  ValueSet Values;
  std::vector<TrailStep> Trail;
};

class Evaluator {
public:
  explicit Evaluator(clang::ASTContext &Ctx) : Ctx(Ctx) {}

  /// The values `Arg` can have once converted to `ParamType` (as C converts an argument to its parameter), named
  /// `RoleName` in the explanation. Anything the evaluator cannot compute is unknown, never zero.
  Evaluation evaluateArgument(const clang::Expr *Arg, clang::QualType ParamType, llvm::StringRef RoleName);

  /// The bit width of values of `T` on the target (1 for _Bool).
  unsigned widthOf(clang::QualType T) const;

private:
  clang::ASTContext &Ctx;
};

} // namespace mmio

#endif
