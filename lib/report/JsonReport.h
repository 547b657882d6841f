// The JSON report ({"version": 1, "findings": [...], "summary": {...}}; schema in docs/cli.md), written and read
// back (for baselines and merging shards).
#ifndef MMIO_AUDIT_REPORT_JSONREPORT_H
#define MMIO_AUDIT_REPORT_JSONREPORT_H

#include "report/Report.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace mmio {

/// The most a report read back (a baseline, a shard) may hold: far more than the findings of a whole tree.
constexpr uint64_t MaxReportBytes = uint64_t(1) << 30;

/// The version of the JSON schema this writer produces and the reader accepts.
constexpr int JsonReportVersion = 1;

llvm::json::Value toJSON(const Report &R);
/// The report, pretty-printed with two-space indentation and a final newline.
void writeJSONReport(const Report &R, llvm::raw_ostream &OS);

// The report's parts as llvm::json reads them (fromJSON): false with the problem reported at its path. Files are
// as written, relative to the report's source root; readJSONReport resolves them.
bool fromJSON(const llvm::json::Value &V, Severity &Out, llvm::json::Path P);
bool fromJSON(const llvm::json::Value &V, Verdict &Out, llvm::json::Path P);
bool fromJSON(const llvm::json::Value &V, Change &Out, llvm::json::Path P);
bool fromJSON(const llvm::json::Value &V, TUStatus &Out, llvm::json::Path P);
bool fromJSON(const llvm::json::Value &V, RoleBounds &Out, llvm::json::Path P);
bool fromJSON(const llvm::json::Value &V, ReportNote &Out, llvm::json::Path P);
bool fromJSON(const llvm::json::Value &V, ReportFix &Out, llvm::json::Path P);
bool fromJSON(const llvm::json::Value &V, ReportSuppression &Out, llvm::json::Path P);
bool fromJSON(const llvm::json::Value &V, ReportFinding &Out, llvm::json::Path P);
bool fromJSON(const llvm::json::Value &V, ReportMitigation &Out, llvm::json::Path P);
bool fromJSON(const llvm::json::Value &V, ReportCall &Out, llvm::json::Path P);
bool fromJSON(const llvm::json::Value &V, RuleInfo &Out, llvm::json::Path P);
bool fromJSON(const llvm::json::Value &V, TUInfo &Out, llvm::json::Path P);
bool fromJSON(const llvm::json::Value &V, Report &Out, llvm::json::Path P);

/// Parses a JSON report; `Name` (its file) is used in errors. Paths come back absolute, rendered text empty.
llvm::Expected<Report> readJSONReport(llvm::StringRef Text, llvm::StringRef Name);

} // namespace mmio

#endif
