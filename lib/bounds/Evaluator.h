// Computes, for an allocator call, the values each role can take and where they came from: through locals and
// branches (FlowAnalysis), and through the callers of static helpers and of wrappers.
#ifndef MMIO_AUDIT_BOUNDS_EVALUATOR_H
#define MMIO_AUDIT_BOUNDS_EVALUATOR_H

#include "bounds/CallIndex.h"
#include "bounds/FlowAnalysis.h"
#include "bounds/Trail.h"
#include "bounds/ValueSet.h"
#include "match/CallSite.h"

#include "llvm/ADT/ArrayRef.h"

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

namespace clang {
class ASTContext;
class CallExpr;
class FunctionDecl;
} // namespace clang

namespace mmio {

/// The values of each role of one call; a role the allocator does not have is absent.
using RoleValues = std::array<std::optional<ValueSet>, NumRoles>;

/// One way the call can be reached: the role values on one group of paths.
struct Scenario {
  RoleValues Values;
  std::array<std::vector<TrailStep>, NumRoles> Trails;
  /// A role is unknown only because the enclosing function's parameters come from callers out of sight.
  std::array<bool, NumRoles> FromOpenParameter{};
  /// The roles' values come from one group of paths, so they occur together.
  bool Correlated = true;
  /// From the paths the analysis first brought to the call (see FlowAnalysis::firstBefore): added where the
  /// complete picture leaves a role unknown, as on the first iteration of a loop that later changes the bound.
  bool FirstPaths = false;
};

/// A call string: the calls, outermost first, through which the allocator call is reached. Empty: the enclosing
/// function on its own (its parameters from its visible callers when it is static, unknown otherwise).
using CallChain = llvm::ArrayRef<const clang::CallExpr *>;

class Evaluator {
public:
  explicit Evaluator(clang::ASTContext &Ctx) : Ctx(Ctx) {}

  /// The scenarios under which `Call` runs, reached through `Chain`. Never empty.
  std::vector<Scenario> evaluateCall(const AllocatorCall &Call, CallChain Chain = {});

  /// Who calls whom; built on first use, as only helpers and wrappers need it.
  const CallIndex &calls();

  /// Drops cached function analyses past a few hundred, so memory stays bounded on huge inputs. Call only between
  /// calls of evaluateCall (results refer into the cache).
  void trimCache();

  /// How many callers deep the analysis follows parameters.
  static constexpr unsigned MaxCallDepth = 4;

private:
  const FlowAnalysis *analysisFor(const clang::FunctionDecl *F, CallChain Chain);
  PathSet entryFor(const clang::FunctionDecl *F, CallChain Chain);
  PathSet openEntry(const clang::FunctionDecl *F, const std::string &Why, bool Open);

  clang::ASTContext &Ctx;
  std::unique_ptr<CallIndex> Index;
  std::map<std::pair<const clang::FunctionDecl *, std::vector<const clang::CallExpr *>>, std::unique_ptr<FlowAnalysis>>
      Analyses;
  std::set<const clang::FunctionDecl *> InProgress;
};

} // namespace mmio

#endif
