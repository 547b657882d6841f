// Summarises a wrapper for the units that call it: an allocator call whose bounds come from parameters of the
// externally visible function holding it, forwarded as they are or plus a constant, becomes a derived allocator.
#ifndef MMIO_AUDIT_BOUNDS_WRAPPERSUMMARY_H
#define MMIO_AUDIT_BOUNDS_WRAPPERSUMMARY_H

#include "bounds/DerivedAllocator.h"
#include "bounds/Evaluator.h"
#include "match/CallSite.h"
#include "rules/Ruleset.h"

#include <optional>
#include <vector>

namespace clang {
class ASTContext;
}

namespace mmio {

/// The derived allocator `Call`'s enclosing function makes, from the call's scenarios on its own (its parameters
/// open). None unless the function is defined here, externally visible, not inline, not variadic and not an
/// allocator itself; at least one role is a parameter used nowhere else (not assigned, not address-taken), as it
/// is or converted, plus or minus a constant; no integer parameter takes part in a condition, so whether the call
/// is reached does not depend on what callers pass; and the wrappers through which it reaches the allocator are at
/// most Evaluator::MaxCallDepth deep.
std::optional<DerivedAllocator> summarizeWrapper(const AllocatorCall &Call, const std::vector<Scenario> &Scenarios,
                                                 const Ruleset &Rules, clang::ASTContext &Ctx);

} // namespace mmio

#endif
