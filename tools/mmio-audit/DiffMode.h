// Patch mode (--diff-base REV): which findings a change introduces, fixes or leaves alone.
//
// The units the change touches (their main file or any header they include changed since REV) are analysed twice:
// as the working tree has them, and with the files the change touched as they were at REV. The REV versions come
// from `git show REV:PATH` and are laid over the working tree in memory, in place of a checked-out worktree: the
// same compile commands then hold (with a build tree inside the source tree too, where a worktree would lack the
// generated headers), nothing is checked out, and nothing but the changed files is read twice. Findings pair up by
// fingerprint, which does not depend on lines, so code moved by the change stays "unchanged".
#ifndef MMIO_AUDIT_TOOLS_DIFFMODE_H
#define MMIO_AUDIT_TOOLS_DIFFMODE_H

#include "Audit.h"

namespace mmio {

llvm::Expected<AuditResult> runPatchMode(const AuditSession &Session, const RunOptions &Run, const Selection &Units,
                                         const CliOptions &Options, ProgressLine &Progress);

} // namespace mmio

#endif
