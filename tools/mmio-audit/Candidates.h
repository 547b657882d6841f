// --write-candidates: the units of a compilation database that may call an allocator, found with the prefilter's
// sound test (docs/cli.md, "The prefilter"), written as a compilation database of their own. Preparing a kernel tree
// uses it to narrow a whole tree's database (thousands of units) to the few worth parsing, once; plugin builds, CI
// shards and later audits then work from the short list.
#ifndef MMIO_AUDIT_TOOLS_CANDIDATES_H
#define MMIO_AUDIT_TOOLS_CANDIDATES_H

#include "Options.h"
#include "Progress.h"
#include "Runner.h"
#include "TUSelection.h"

namespace mmio {

/// Preprocesses every selected unit and writes those the prefilter keeps to `Options.CandidatesPath` (atomically;
/// "-" is standard output), with their commands as the database gave them. A unit that cannot be preprocessed is
/// kept: only a proof of no call leaves a unit out. Returns the exit status: 0, or 2 when the file cannot be written
/// or a unit cannot be run at all.
int writeCandidates(const AuditSession &Session, RunOptions Run, const Selection &Units, const CliOptions &Options,
                    ProgressLine &Progress);

} // namespace mmio

#endif
