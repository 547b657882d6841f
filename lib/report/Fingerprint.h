// Fingerprints: a finding's identity that survives unrelated edits (lines moving), for baselines and patch mode.
#ifndef MMIO_AUDIT_REPORT_FINGERPRINT_H
#define MMIO_AUDIT_REPORT_FINGERPRINT_H

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace mmio {

struct ReportFinding;

/// The name under which SARIF carries the fingerprint (`partialFingerprints`); bump the version whenever what is
/// hashed changes, so old baselines are recognisably stale rather than silently wrong.
constexpr const char *FingerprintName = "mmioAudit/v1";

/// SHA-256 (first 128 bits, hex) of the rule id, the file relative to the source root, the enclosing function, the
/// callee, the call's text with whitespace collapsed and `Occurrence`: which of the identical calls (same everything
/// else) in that function this is, in source order. No line or column: moving code does not change it; editing the
/// call, renaming its function or moving it to another file does.
std::string computeFingerprint(llvm::StringRef RuleId, llvm::StringRef RelativeFile, llvm::StringRef Function,
                               llvm::StringRef Callee, llvm::StringRef CallText, unsigned Occurrence);

/// Gives every finding its fingerprint; `Findings` must be in source order within each file.
void assignFingerprints(std::vector<ReportFinding> &Findings, llvm::StringRef SourceRoot);

} // namespace mmio

#endif
