// The text report: every finding as clang prints it (as the plugin reports it), then a summary line.
#ifndef MMIO_AUDIT_REPORT_TEXTWRITER_H
#define MMIO_AUDIT_REPORT_TEXTWRITER_H

#include "report/Report.h"

#include "llvm/Support/raw_ostream.h"

namespace mmio {

struct TextOptions {
  bool Summary = true; // end with summaryLine()
};

/// Findings that are reported (not suppressed; in patch mode only new ones) in report order. A finding rendered
/// while its unit was alive prints as clang printed it; one read back from JSON prints its diagnostic and notes
/// lines without the source excerpt.
void writeTextReport(const Report &R, llvm::raw_ostream &OS, const TextOptions &Options = {});

} // namespace mmio

#endif
