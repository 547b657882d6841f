// Forward data flow over one function's CFG: the values each integer local and parameter can hold at each call.
#ifndef MMIO_AUDIT_BOUNDS_FLOWANALYSIS_H
#define MMIO_AUDIT_BOUNDS_FLOWANALYSIS_H

#include "bounds/PathState.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <string>

namespace clang {
class ASTContext;
class VarDecl;
class CallExpr;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace mmio {

class FlowAnalysis {
public:
  /// Analyses `F` entered with `Entry` (its parameters bound). A group of paths whose values decide a branch's
  /// condition takes that branch only; any other branch is taken both ways, its condition narrowing nothing. Loops
  /// are widened: a variable still changing after a few rounds is unknown.
  FlowAnalysis(clang::ASTContext &Ctx, const clang::FunctionDecl *F, PathSet Entry);

  /// The path groups reaching the call `Call` in F, just before it runs; null if the analysis never reached it.
  const PathSet *before(const clang::CallExpr *Call) const;
  /// The path groups the analysis first brought to `Call`: a subset of `before`'s paths, each value of which occurs
  /// (the first iteration of a loop, before widening forgets what the loop changes); null if never reached.
  const PathSet *firstBefore(const clang::CallExpr *Call) const;

  /// Whether the analysis tracks `VD` in F: not if its address is taken or inline assembly writes it, it is volatile
  /// or not an integer, or no call's integer argument can depend on it.
  bool isTracked(const clang::VarDecl *VD) const;
  /// Whether the analysis follows `VD`'s members: a local struct or small integer array, relevant, not escaping.
  bool isTrackedAggregate(const clang::VarDecl *VD) const;

  /// Why F was not analysed at all (too large), or empty.
  const std::string &abandoned() const { return Abandoned; }

private:
  void run(PathSet Entry);
  void transfer(PathEnv &Env, const clang::Stmt *S);
  /// Binds the integer members a local aggregate's initialiser list gives (omitted ones are zero, as in C).
  void bindInitialisers(PathEnv &Env, const clang::VarDecl *VD);

  clang::ASTContext &Ctx;
  const clang::FunctionDecl *F;
  llvm::DenseSet<const clang::VarDecl *> Escaped;
  llvm::DenseSet<const clang::VarDecl *> Relevant;
  llvm::DenseMap<const clang::CallExpr *, PathSet> AtCalls;
  llvm::DenseMap<const clang::CallExpr *, PathSet> FirstAtCalls;
  std::string Abandoned;
};

} // namespace mmio

#endif
