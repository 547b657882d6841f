// The report model: what one run found, resolved to files and lines and independent of any AST, for every writer.
#ifndef MMIO_AUDIT_REPORT_REPORT_H
#define MMIO_AUDIT_REPORT_REPORT_H

#include "check/Finding.h"
#include "rules/Ruleset.h"

#include "llvm/ADT/StringRef.h"

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mmio {

/// The values one role can take, as hex strings so a report read back from JSON is the same report.
struct RoleBounds {
  bool Unknown = false;
  std::vector<std::pair<std::string, std::string>> Intervals; // inclusive [lo, hi], sorted
  bool operator==(const RoleBounds &O) const { return Unknown == O.Unknown && Intervals == O.Intervals; }
};
RoleBounds boundsOf(const ValueSet &V);

struct ReportNote {
  FileLocation Where; // absolute file; invalid when the note has no place (the built-in ruleset)
  std::string Message;
};

/// A fix-it: replace `Length` bytes at `Offset` of `Begin.File` with `Replacement`. `Original` is the text it
/// replaces as the analysis saw it, so a fix is never applied to a file that changed since.
struct ReportFix {
  FileLocation Begin, End; // absolute file; End is one past the last replaced character
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Replacement;
  std::string Original;
};

/// The comment that silences a finding.
struct ReportSuppression {
  FileLocation Where;
  std::string Reason;
};

/// The known fix, elsewhere in the tree, that defuses a finding: it is still reported, and fails no run.
struct ReportMitigation {
  std::string Id, Commit, Subject, Function;
  FileLocation Where; // where its code was found; absolute file
};

/// How a finding compares with an earlier state of the code (`--diff-base`).
enum class Change { None, New, Unchanged, Fixed };
llvm::StringRef changeName(Change C);

struct ReportFinding {
  std::string RuleId;
  Severity Level = Severity::Warning; // as reported: the rule's severity, raised by --werror
  Verdict Outcome = Verdict::Violated;
  std::string Message; // without the rule id
  FileLocation Begin;  // the call where the user wrote it (macro expansions resolved); absolute file
  FileLocation End;    // one past the call's closing parenthesis, same file; may be invalid
  std::string Function;
  std::string Callee;
  std::string CallText;
  std::array<std::optional<RoleBounds>, NumRoles> Bounds;
  std::vector<ReportNote> Notes;
  std::optional<ReportFix> Fix;
  std::optional<ReportSuppression> Suppressed;
  std::optional<ReportMitigation> Mitigated;
  std::string Fingerprint;
  /// The finding as clang prints it (diagnostic, source line, fix-it, notes), rendered while its translation unit
  /// was alive; empty for findings read back from a JSON report.
  std::string Rendered;
  std::string TranslationUnit; // the main file that produced it (absolute)
  Change Diff = Change::None;

  const std::optional<RoleBounds> &bound(Role R) const { return Bounds[static_cast<unsigned>(R)]; }
  /// Counted in summaries and exit codes: not suppressed and still in the code.
  bool active() const { return !Suppressed && Diff != Change::Fixed; }
};

/// One rule's verdict at one call of the inventory.
struct CallVerdict {
  std::string RuleId;
  Verdict Outcome = Verdict::Holds;
  std::string MitigatedBy; // the id of the tree's mitigation that defuses it; empty when none does
  bool operator==(const CallVerdict &O) const {
    return RuleId == O.RuleId && Outcome == O.Outcome && MitigatedBy == O.MitigatedBy;
  }
};

/// An allocator call as the inventory lists it (`--list-calls`): every call, clean or not.
struct ReportCall {
  FileLocation Begin; // where the user wrote it; absolute file
  std::string Function;
  std::string Callee;
  std::array<std::optional<RoleBounds>, NumRoles> Bounds;
  std::vector<CallVerdict> Verdicts;
  std::string TranslationUnit; // absolute
};

enum class TUStatus { Analysed, Skipped, Failed };
llvm::StringRef tuStatusName(TUStatus S);

struct TUInfo {
  std::string File;      // absolute
  std::string Directory; // the compile command's working directory
  TUStatus Status = TUStatus::Analysed;
  /// For a failed unit: why, in one line, and the compiler's errors as clang printed them.
  std::string Reason;
  std::string Errors;
};

/// What a report says about each rule of the ruleset it was made with.
struct RuleInfo {
  std::string Id;
  Severity Level = Severity::Warning;
  std::string Message; // the message template
  std::string Description;
  bool OnByDefault = true; // false: an opt-in rule, checked only when enabled by id
};
std::vector<RuleInfo> describeRules(const Ruleset &Rules);

struct Summary {
  unsigned Findings = 0, Errors = 0, Warnings = 0, Suppressed = 0;
  unsigned Mitigated = 0;                     // of the findings: defused by a fix elsewhere in the tree
  unsigned New = 0, Unchanged = 0, Fixed = 0; // --diff-base only
  unsigned NewErrors = 0, NewWarnings = 0, WithNewFindings = 0;
  unsigned Baselined = 0; // --baseline: known findings left out
  unsigned TranslationUnits = 0, WithFindings = 0, Analysed = 0, Skipped = 0, Failed = 0;
  /// Of the failed: files given that do not exist or have no compile command, which were never compiled.
  unsigned NotFound = 0;
};

struct Report {
  std::string ToolName = "mmio-audit";
  std::string ToolVersion;
  std::string InformationUri; // where to read about the tool (SARIF's tool.driver.informationUri)
  std::string RulesetSource;
  std::string SourceRoot; // absolute; paths under it are reported relative to it
  std::vector<RuleInfo> Rules;
  std::vector<ReportFinding> Findings;
  std::vector<TUInfo> TranslationUnits;
  /// The inventory, when asked for (`--list-calls`): reports without one say so (JSON `calls: null`).
  std::optional<std::vector<ReportCall>> Calls;
  /// The ruleset's known fixes found in the tree (a whole-tree audit): evidence even where no finding needs it.
  std::vector<ReportMitigation> KnownFixes;
  bool DiffMode = false;
  std::string DiffBase; // the revision compared against
  unsigned Baselined = 0;

  Summary summary() const;
  const RuleInfo *findRule(llvm::StringRef Id) const;
};

/// Orders findings by file, line, column and rule, drops the copies a header's call produces in every unit that
/// includes it, and gives each its fingerprint relative to `Report.SourceRoot`.
void finalizeFindings(Report &R);
/// Orders the inventory by file, line and column, and drops the copies a header's call produces in every unit.
void finalizeCalls(Report &R);

/// `Path` relative to `Root` when it lies under it, else `Path` unchanged. Both absolute.
std::string relativeToRoot(llvm::StringRef Path, llvm::StringRef Root);
/// Whether `Path` lies under `Root` (both absolute, dots removed).
bool isUnderRoot(llvm::StringRef Path, llvm::StringRef Root);

/// "N findings (E errors, W warnings) in K of T translation units", with what else happened after it.
std::string summaryLine(const Report &R);

} // namespace mmio

#endif
