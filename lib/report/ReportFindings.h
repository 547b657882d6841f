// Turns one translation unit's audited findings into report findings while its AST is alive: call extents,
// absolute paths, the suppression that silenced each, the text a fix replaces, and the clang rendering for text
// reports.
#ifndef MMIO_AUDIT_REPORT_REPORTFINDINGS_H
#define MMIO_AUDIT_REPORT_REPORTFINDINGS_H

#include "report/Report.h"
#include "session/AuditSession.h"

#include <string>
#include <vector>

namespace clang {
class LangOptions;
class SourceManager;
} // namespace clang

namespace mmio {

struct ReportFindingOptions {
  bool RenderText = true;      // fill ReportFinding::Rendered
  bool Colors = false;         // ... with ANSI colours
  std::string TextPrefix;      // ... with this between location and level ("mmio-audit"), as sparse prints
  std::string Directory;       // the compile command's directory: relative file names are relative to it
  std::string TranslationUnit; // the unit's main file, absolute
};

struct UnitReportFindings {
  std::vector<ReportFinding> Findings; // suppressed ones included, marked
  /// The suppression comments that silenced a finding (absolute files), for listing the unused ones.
  std::vector<FileLocation> UsedSuppressions;
};

UnitReportFindings toReportFindings(const std::vector<AuditedFinding> &Findings, clang::SourceManager &SM,
                                    const clang::LangOptions &LangOpts, const ReportFindingOptions &Options);

} // namespace mmio

#endif
