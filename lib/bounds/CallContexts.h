// The contexts in which an allocator call is audited: the call on its own, and, when a bound comes from a
// parameter of an externally visible function (a wrapper), each call of that wrapper in the unit, wrappers of
// wrappers included. Static helpers need no context of their own: the evaluator takes their callers' arguments.
#ifndef MMIO_AUDIT_BOUNDS_CALLCONTEXTS_H
#define MMIO_AUDIT_BOUNDS_CALLCONTEXTS_H

#include "bounds/Evaluator.h"
#include "bounds/Trail.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <string>
#include <vector>

namespace clang {
class CallExpr;
class FunctionDecl;
} // namespace clang

namespace mmio {

struct CallContext {
  /// The wrapper calls, outermost first, through which the allocator call is reached; empty: the call itself.
  std::vector<const clang::CallExpr *> Chain;
  /// Where a finding belongs: the outermost call, in `SiteFunction` (null at file scope).
  const clang::CallExpr *Site = nullptr;
  const clang::FunctionDecl *SiteFunction = nullptr;
  /// The name called at `Site`: the allocator's, or the outermost wrapper's.
  std::string Callee;
  /// How the values travel from `Site` to the allocator: "'f' passes them on to 'g' here", outermost first.
  std::vector<TrailStep> PassedOn;
  /// The values the roles take in this context.
  std::vector<Scenario> Scenarios;

  /// The call is of a wrapper summarised in another unit (its allocator call is audited there).
  bool ViaSummary = false;

  bool throughWrapper() const { return !Chain.empty() || ViaSummary; }
};

/// Calls `Visit` for each context of `Call`: the call itself first, then each wrapper call depth first, up to
/// Evaluator::MaxCallDepth wrappers deep. A context is valid only during its visit.
/// The call on its own.
CallContext directCallContext(const AllocatorCall &Call, Evaluator &Eval);

void forEachCallContext(const AllocatorCall &Call, Evaluator &Eval,
                        llvm::function_ref<void(const CallContext &)> Visit);

} // namespace mmio

#endif
