// The later passes of the cross-unit analysis (docs/cli.md, "Calls across units"): the first pass audits the units
// and summarises their exported wrappers; while a pass summarises a wrapper not known before, the units that may
// call it are audited again with every summary so far, wrappers of wrappers up to a bounded depth.
#ifndef MMIO_AUDIT_TOOLS_CROSSUNIT_H
#define MMIO_AUDIT_TOOLS_CROSSUNIT_H

#include "Options.h"
#include "Runner.h"
#include "TUSelection.h"

#include "bounds/DerivedAllocator.h"
#include "session/AuditSession.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <vector>

namespace mmio {

/// `Outcomes` are the first pass's, one per job of `Units` in order; a later pass's outcome of a unit it analyses
/// replaces the earlier one. `OnDone` sees each later outcome, with the pass's number (2, 3, ...). Returns the
/// wrappers followed.
DerivedAllocators followWrappers(const AuditSession &Session, const RunOptions &Run, const Selection &Units,
                                 const CliOptions &Options, std::vector<TUOutcome> &Outcomes,
                                 llvm::function_ref<void(const TUOutcome &, size_t, size_t, unsigned)> OnDone,
                                 llvm::raw_ostream &Notes);

} // namespace mmio

#endif
