// The call inventory of one translation unit as a report lists it: every allocator call with its bounds and every
// rule's verdict, the tree's mitigations named where they defuse one.
#ifndef MMIO_AUDIT_REPORT_REPORTCALLS_H
#define MMIO_AUDIT_REPORT_REPORTCALLS_H

#include "report/Report.h"
#include "session/AuditSession.h"

#include "llvm/ADT/StringRef.h"

#include <vector>

namespace mmio {

/// `Directory`: the compile command's, against which relative file names resolve; `TranslationUnit` absolute.
std::vector<ReportCall> toReportCalls(const std::vector<CallSummary> &Calls, const AuditSession &Session,
                                      llvm::StringRef Directory, llvm::StringRef TranslationUnit);

/// "file:L:C: remark: vmbus_allocate_mmio call in 'fn': min = 0x0, ...; below-4g violated, ...", a line, for text
/// reports (no line break); files relative to `SourceRoot` when under it.
std::string callLine(const ReportCall &C, llvm::StringRef SourceRoot);

} // namespace mmio

#endif
