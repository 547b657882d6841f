// Wrapper summaries (derived allocators) as JSON: kept in the result cache beside the unit that made them, and
// written into the keys of the units audited with them.
#ifndef MMIO_AUDIT_TOOLS_SUMMARYJSON_H
#define MMIO_AUDIT_TOOLS_SUMMARYJSON_H

#include "bounds/DerivedAllocator.h"

#include "llvm/Support/JSON.h"

#include <optional>

namespace mmio {

llvm::json::Value summaryToJSON(const DerivedAllocator &D);

/// None for anything `summaryToJSON` would not have written (a damaged cache entry is a miss, never a crash).
std::optional<DerivedAllocator> summaryFromJSON(const llvm::json::Value &V);

} // namespace mmio

#endif
