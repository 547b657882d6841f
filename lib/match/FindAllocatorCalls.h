// Finds every call of a ruleset's allocators in a translation unit, walking the bodies of its functions.
#ifndef MMIO_AUDIT_MATCH_FINDALLOCATORCALLS_H
#define MMIO_AUDIT_MATCH_FINDALLOCATORCALLS_H

#include "match/CallSite.h"

#include <vector>

namespace clang {
class ASTContext;
}

namespace mmio {

class DerivedAllocators;

/// Every call in `Ctx`'s translation unit of a function named by one of `Rules.Allocators`, or by one of `Derived`
/// (wrappers summarised in other units), in source order.
std::vector<AllocatorCall> findAllocatorCalls(clang::ASTContext &Ctx, const Ruleset &Rules,
                                              const DerivedAllocators *Derived = nullptr);

} // namespace mmio

#endif
