// One audit session: the configuration a front end asks for, loaded and validated once, and the audit of a
// translation unit with suppression comments and the severity policy applied. Every front end goes through it and
// only decides how a finding is shown.
#ifndef MMIO_AUDIT_SESSION_AUDITSESSION_H
#define MMIO_AUDIT_SESSION_AUDITSESSION_H

#include "check/Checker.h"
#include "check/Finding.h"
#include "mitigation/TreeMitigations.h"
#include "rules/Ruleset.h"
#include "suppress/Suppression.h"

#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Preprocessor;
} // namespace clang

namespace mmio {

/// What a front end asks of a session, from its own options.
struct AuditSettings {
  std::string RulesPath;                // empty: the built-in ruleset
  std::optional<std::string> RulesText; // RulesPath's text as an editor holds it, in place of the file's
  std::vector<std::string> Disabled;    // rule ids not to check; each must name a rule of the ruleset
  std::vector<std::string> Enabled;     // opt-in rules (`enabled: false`) to check; each must name a rule
  bool ReportUnknown = false;           // also report calls a rule cannot decide
  bool WarningsAsErrors = false;        // every finding is an error
  /// Ruleset locations made absolute, for notes shown from units compiled in other directories.
  bool AbsoluteRulesetPaths = false;
  /// The root of the source tree the units belong to (absolute), for front ends that audit a whole tree: the
  /// ruleset's mitigations are looked for there. Empty: none is, as in the plugin, which sees one unit.
  std::string TreeRoot;
  /// Patched copies of some of TreeRoot's files, at the same relative paths (absolute; empty: none): mitigations
  /// are looked for in a copy here first.
  std::string TreeOverlay;
};

/// A finding as a session hands it out: at the level the policy gives it, with a note saying why a malformed
/// suppression comment that covers it silences nothing.
struct AuditedFinding {
  Finding F;
  /// The well-formed comment that silences it; front ends that show only active findings skip it.
  std::optional<SuppressionComment> SuppressedBy;
  /// The known fix the tree carries that defuses this finding's rule: still shown, never failing the run.
  std::optional<FoundMitigation> MitigatedBy;
  bool suppressed() const { return SuppressedBy.has_value(); }
};

class AuditSession {
public:
  /// Loads the ruleset and checks the settings against it; errors name the ruleset's file and line
  /// (RulesetError) or the rule id that does not exist.
  static llvm::Expected<AuditSession> load(const AuditSettings &Settings);

  // Moved, never copied: the tree's mitigations point into the session's own ruleset.
  AuditSession(AuditSession &&) = default;
  AuditSession &operator=(AuditSession &&) = default;
  AuditSession(const AuditSession &) = delete;
  AuditSession &operator=(const AuditSession &) = delete;

  const Ruleset &rules() const { return Rules; }
  const CheckOptions &checkOptions() const { return Check; }
  bool warningsAsErrors() const { return WarningsAsErrors; }
  /// The ruleset's mitigations found under the settings' TreeRoot.
  const std::vector<FoundMitigation> &treeMitigations() const { return Mitigations; }

  /// Every finding in the unit, in source order, suppressed ones marked. `PP`, when given, tells which macros
  /// exist so fix-its can use them. Call while the unit's AST is alive.
  /// `CrossUnit`: see CrossUnitRequest.
  std::vector<AuditedFinding> auditUnit(clang::ASTContext &Ctx, clang::Preprocessor *PP,
                                        const CrossUnitRequest *CrossUnit = nullptr) const;

  /// Every allocator call in the unit with its roles' values, for inventories.
  std::vector<CallSummary> listCalls(clang::ASTContext &Ctx) const;

private:
  AuditSession(Ruleset Rules, CheckOptions Check, bool WarningsAsErrors)
      : Rules(std::move(Rules)), Check(std::move(Check)), WarningsAsErrors(WarningsAsErrors) {}

  Ruleset Rules;
  CheckOptions Check;
  bool WarningsAsErrors;
  std::vector<FoundMitigation> Mitigations; // point into Rules.Mitigations, whose storage moves with the session
};

} // namespace mmio

#endif
