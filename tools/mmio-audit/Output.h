// Writing what a run produced: the report in its format (standard output, or a file written atomically), fixes,
// the list of unused suppressions, and the exit code all that adds up to.
#ifndef MMIO_AUDIT_TOOLS_OUTPUT_H
#define MMIO_AUDIT_TOOLS_OUTPUT_H

#include "Options.h"

#include "report/Report.h"

#include "llvm/Support/Error.h"

namespace mmio {

/// The report in `Format` to `Path` (empty: standard output).
llvm::Error writeReport(const Report &R, ReportFormat Format, llvm::StringRef Path, bool Summary);

/// 2 when a unit failed, else 1 when a finding at the failing severity remains (in patch mode: a new one), else 0.
ExitCode exitCodeFor(const Report &R);

/// Drops from `R` the findings whose fingerprint is in the JSON report `BaselinePath`, counting them.
llvm::Error applyBaseline(Report &R, llvm::StringRef BaselinePath);

} // namespace mmio

#endif
