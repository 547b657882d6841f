// Turns ruleset text into one yaml-cpp document, working around what yaml-cpp does badly: its exceptions, more than
// one document, invalid bytes, endless input.
//
// Free of yaml-cpp (its types are only declared here). The callback runs inside the code that catches yaml-cpp's
// exceptions, so whatever it calls may throw; code built without exceptions must not itself touch yaml-cpp there.
#ifndef MMIO_AUDIT_RULES_YAMLDOCUMENT_H
#define MMIO_AUDIT_RULES_YAMLDOCUMENT_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>

namespace YAML {
class Node;
} // namespace YAML

namespace mmio {

class FieldReader;

/// Far above any hand-written ruleset (the shipped one is 6 KB; 1 MiB holds some 25,000 ranges), and low enough
/// that parsing one, which yaml-cpp does whole before the schema can point at an error on line 2, stays cheap:
/// yaml-cpp needs about 70 bytes of memory per byte of YAML (a 15 MB ruleset took 1 GB and 7 s to be refused).
constexpr uint64_t MaxRulesetBytes = uint64_t(1) << 20;

/// An error when `Size` bytes is more than any ruleset needs (MaxRulesetBytes); `Name` is the file, for the error.
llvm::Error checkRulesetSize(llvm::StringRef Name, uint64_t Size);

/// Checks `Text` (size, encoding, a single document whose top is a mapping) and hands its top to `Read`, with a
/// FieldReader for `Name`. Every yaml-cpp exception, thrown here or in `Read`, comes back as a RulesetError.
llvm::Error readYamlDocument(llvm::StringRef Text, llvm::StringRef Name,
                             llvm::function_ref<llvm::Error(FieldReader &In, const YAML::Node &Top)> Read);

} // namespace mmio

#endif
