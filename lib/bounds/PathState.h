// What the flow analysis knows at a program point: for each group of paths, the values of the tracked variables.
#ifndef MMIO_AUDIT_BOUNDS_PATHSTATE_H
#define MMIO_AUDIT_BOUNDS_PATHSTATE_H

#include "bounds/Trail.h"
#include "bounds/ValueSet.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace clang {
class CallExpr;
class VarDecl;
} // namespace clang

namespace mmio {

/// A variable's possible values and the steps that explain them.
struct Binding {
  ValueSet Values = ValueSet::unknown(64);
  std::vector<TrailStep> Why;
  /// Unknown because a parameter's callers are out of sight: the enclosing function may be a wrapper whose own
  /// call sites can be audited instead.
  bool FromOpenParameter = false;
};

/// One integer member of a local aggregate: the variable, and the field's index in its struct or the element's in
/// its array.
using MemberSlot = std::pair<const clang::VarDecl *, uint64_t>;

/// The values of the tracked variables along one group of paths. A variable that is not bound has no value the
/// analysis knows.
struct PathEnv {
  llvm::DenseMap<const clang::VarDecl *, Binding> Vars;
  /// Members of local structs and arrays, followed like scalar locals; a member not bound is unknown.
  llvm::DenseMap<MemberSlot, Binding> Members;
  /// Several groups were joined into this one: values of different variables may come from different paths.
  bool Merged = false;
  /// For a function entered from a visible caller: the call these paths came through.
  const clang::CallExpr *Via = nullptr;

  /// Same values (explanations aside).
  bool sameValues(const PathEnv &Other) const;
};

/// A disjunction of path groups, kept apart so that values that travel together (min and max set on one branch)
/// stay together, up to MaxPaths groups.
using PathSet = llvm::SmallVector<PathEnv, 2>;
constexpr unsigned MaxPaths = 8;

/// Variable-wise join of two groups; the result is marked Merged.
PathEnv mergeEnvs(const PathEnv &A, const PathEnv &B);
/// A ∪ B, identical groups once, merged into one group past MaxPaths.
PathSet joinPaths(const PathSet &A, const PathSet &B);
bool samePaths(const PathSet &A, const PathSet &B);

/// Appends explanation steps, at most a handful, never the same place twice.
void appendSteps(std::vector<TrailStep> &To, const std::vector<TrailStep> &From);

} // namespace mmio

#endif
