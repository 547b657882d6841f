// The SARIF 2.1.0 report, as GitHub code scanning ingests it: every rule of the ruleset with its descriptions,
// repo-relative locations under %SRCROOT%, full regions, notes as related locations, fixes, in-source
// suppressions and the fingerprint under partialFingerprints.
#ifndef MMIO_AUDIT_REPORT_SARIFREPORT_H
#define MMIO_AUDIT_REPORT_SARIFREPORT_H

#include "report/Report.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <vector>

namespace mmio {

/// The uriBaseId that locations under the source root are relative to.
constexpr const char *SourceRootBaseId = "%SRCROOT%";

llvm::json::Value toSARIF(const Report &R);
void writeSARIFReport(const Report &R, llvm::raw_ostream &OS);

/// A path as a URI reference: percent-encoded, relative to %SRCROOT% when under the source root, else `file://`.
std::string pathToURI(llvm::StringRef AbsolutePath);

/// Joins SARIF logs from shards of one audit into a log with one run: the rules of all, the results of all (those
/// with the same fingerprint and location once), the notifications of all. `Names` name the inputs for errors.
llvm::Expected<llvm::json::Value> mergeSARIF(std::vector<llvm::json::Value> Logs,
                                             const std::vector<std::string> &Names);

} // namespace mmio

#endif
