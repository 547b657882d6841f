// Turns one translation unit's findings into report findings while its AST is alive: suppressions, call extents,
// absolute paths, the text a fix replaces, and the clang rendering for text reports.
#ifndef MMIO_AUDIT_REPORT_COLLECT_H
#define MMIO_AUDIT_REPORT_COLLECT_H

#include "check/Finding.h"
#include "report/Report.h"
#include "report/Suppression.h"

#include <string>
#include <vector>

namespace clang {
class LangOptions;
class SourceManager;
} // namespace clang

namespace mmio {

struct CollectOptions {
  bool WarningsAsErrors = false; // report every finding as an error
  bool RenderText = true;        // fill ReportFinding::Rendered
  bool Colors = false;           // ... with ANSI colours
  std::string Directory;         // the compile command's directory: relative file names are relative to it
  std::string TranslationUnit;   // the unit's main file, absolute
};

struct CollectedFindings {
  std::vector<ReportFinding> Findings; // suppressed ones included, marked
  /// The suppression comments that silenced a finding (absolute files), for listing the unused ones.
  std::vector<FileLocation> UsedSuppressions;
};

CollectedFindings collectFindings(const std::vector<Finding> &Findings, clang::SourceManager &SM,
                                  const clang::LangOptions &LangOpts, const CollectOptions &Options);

} // namespace mmio

#endif
