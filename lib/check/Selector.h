// Decides whether a rule's `applies-to` clauses select an allocator call.
#ifndef MMIO_AUDIT_CHECK_SELECTOR_H
#define MMIO_AUDIT_CHECK_SELECTOR_H

#include "bounds/ValueSet.h"
#include "match/CallSite.h"
#include "rules/Ruleset.h"

namespace mmio {

/// Whether every field set in `Clause` matches `Call`; `Size` is the size argument's possible values.
bool clauseSelects(const CallSelector &Clause, const AllocatorCall &Call, const ValueSet &Size);

/// Whether `R` applies to `Call`: it has no clauses, or one of them selects the call.
bool ruleApplies(const Rule &R, const AllocatorCall &Call, const ValueSet &Size);

/// Whether `Glob` matches `Path` or one of its trailing components ("drivers/pci/*.c" matches
/// "/src/linux/drivers/pci/x.c"), so that rulesets need not know where a tree is checked out.
bool pathMatches(const CompiledGlob &Glob, llvm::StringRef Path);

} // namespace mmio

#endif
