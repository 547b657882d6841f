// Whether a known fix is present in one file: every code pattern of the mitigation found in the body of the
// function it lives in, with one identifier per metavariable across all of them.
#ifndef MMIO_AUDIT_MITIGATION_MITIGATIONDETECTOR_H
#define MMIO_AUDIT_MITIGATION_MITIGATIONDETECTOR_H

#include "mitigation/CodePattern.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <vector>

namespace mmio {

/// Where the first pattern matched (1-based line and column in the file's text).
struct PatternMatch {
  unsigned Line = 0, Column = 0;
};

/// Searches each definition of `Function` in `Text` (a C file, NUL-terminated as a MemoryBuffer is). Patterns may
/// match in any order and anywhere in the body. The search has one budget of steps for the whole file, so no file
/// can make it run long: past the budget the fix counts as absent.
std::optional<PatternMatch> findInFunction(llvm::StringRef Text, llvm::StringRef Function,
                                           const std::vector<CodePattern> &Patterns);

} // namespace mmio

#endif
