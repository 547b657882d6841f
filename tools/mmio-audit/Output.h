// Writing what a run produced: the report in its format (standard output, or a file written atomically), fixes,
// the list of unused suppressions, and the exit code all that adds up to.
#ifndef MMIO_AUDIT_TOOLS_OUTPUT_H
#define MMIO_AUDIT_TOOLS_OUTPUT_H

#include "Options.h"

#include "report/Report.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace mmio {

/// The report in `Format` to `Path` (empty: standard output).
llvm::Error writeReport(const Report &R, ReportFormat Format, llvm::StringRef Path, bool Summary);
llvm::Error writeReportTo(const Report &R, ReportFormat Format, llvm::raw_ostream &OS, bool Summary);

/// Flushes standard output and says whether all of it was written. A reader that went away (`| head -1`) ends
/// the process as SIGPIPE does, without a word, as other command-line tools end then.
llvm::Error flushStandardOutput();

/// Prints why a session did not load, a ruleset error as the compiler prints its errors ("FILE:LINE:COL: error:
/// ..."), anything else as "mmio-audit: error: ..."; returns ExitFailure.
int reportSessionLoadError(llvm::Error E);

/// 2 when a unit failed, else 1 when a finding at the failing severity remains (in patch mode: a new one), else 0.
ExitCode exitCodeFor(const Report &R);

/// Drops from `R` the findings whose fingerprint is in the JSON report `BaselinePath`, counting them.
llvm::Error applyBaseline(Report &R, llvm::StringRef BaselinePath);

} // namespace mmio

#endif
