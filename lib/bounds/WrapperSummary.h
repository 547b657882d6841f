// Summarises a wrapper for the units that call it: an allocator call whose bounds come from parameters of the
// externally visible function holding it, forwarded as they are or plus a constant, becomes a derived allocator.
#ifndef MMIO_AUDIT_BOUNDS_WRAPPERSUMMARY_H
#define MMIO_AUDIT_BOUNDS_WRAPPERSUMMARY_H

#include "bounds/DerivedAllocator.h"
#include "bounds/Evaluator.h"
#include "match/CallSite.h"
#include "rules/Ruleset.h"

#include "llvm/ADT/DenseMap.h"

#include <memory>
#include <optional>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace mmio {

/// Summaries of the wrappers of one translation unit.
class WrapperSummarizer {
public:
  WrapperSummarizer(const Ruleset &Rules, clang::ASTContext &Ctx);
  ~WrapperSummarizer();

  /// The derived allocator `Call`'s enclosing function makes, from the call's scenarios on its own (its parameters
  /// open). None unless the function is defined here, externally visible, not inline, not variadic and not an
  /// allocator itself; at least one role is an integer parameter named nowhere else (so not assigned, not
  /// address-taken), as it is or converted, plus or minus a constant; no parameter but a pointer takes part in a
  /// condition, so whether the call is reached does not depend on what callers pass; and the wrappers through which
  /// it reaches the allocator are at most Evaluator::MaxCallDepth deep.
  std::optional<DerivedAllocator> summarize(const AllocatorCall &Call, const std::vector<Scenario> &Scenarios);

  struct ParameterUses;

private:
  /// What a function's body does with its parameters, walked once per function however many calls it holds.
  const ParameterUses &usesIn(const clang::FunctionDecl *W);

  const Ruleset &Rules;
  clang::ASTContext &Ctx;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<ParameterUses>> Uses;
};

} // namespace mmio

#endif
