// One audit from selected units to a report: run them, print what the user must see as it happens (a unit's
// compile errors, progress), and assemble the report.
#ifndef MMIO_AUDIT_TOOLS_AUDIT_H
#define MMIO_AUDIT_TOOLS_AUDIT_H

#include "Options.h"
#include "Progress.h"
#include "Runner.h"
#include "TUSelection.h"

#include "report/Report.h"
#include "suppress/Suppression.h"

#include "llvm/ADT/StringSet.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace mmio {

struct AuditResult {
  Report R;
  llvm::StringSet<> AnalysedFiles;                             // files under the source root that analysed units read
  std::vector<SuppressionComment> Suppressions;                // every one seen (--list-unused-suppressions)
  std::set<std::pair<std::string, unsigned>> UsedSuppressions; // file, line
  std::set<std::pair<std::string, std::string>> TouchedUnits;  // patch mode: file, directory of touched units
};

/// The run's settings from the command line.
RunOptions runOptionsFrom(const CliOptions &Options);

/// An empty report for `Rules`, with the tool's version and the source root.
Report emptyReport(const Ruleset &Rules, llvm::StringRef SourceRoot);

/// Runs `Jobs` and makes the report (findings deduplicated, sorted, fingerprinted). `Label` ("at HEAD~1")
/// qualifies what is printed when several audits run.
AuditResult audit(const AuditSession &Session, const RunOptions &Run, const Selection &Units, const CliOptions &Options,
                  ProgressLine &Progress, llvm::StringRef Label = "");

} // namespace mmio

#endif
