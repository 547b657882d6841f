// `mmio-audit merge`: joins the reports of shards (--shard K/N) into one, as if one run had analysed every unit.
#ifndef MMIO_AUDIT_TOOLS_MERGE_H
#define MMIO_AUDIT_TOOLS_MERGE_H

#include "Options.h"

#include "report/Report.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace mmio {

/// Joins JSON reports: the same source root required, rules and units of all, findings deduplicated and
/// re-fingerprinted in one order.
llvm::Expected<Report> mergeReports(std::vector<Report> Reports, const std::vector<std::string> &Names);

/// Runs the subcommand; returns the exit code the merged report calls for (as a single run's would be).
int runMerge(const CliOptions &Options);

} // namespace mmio

#endif
