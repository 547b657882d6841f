// Checks a translation unit's allocator calls against a ruleset and produces findings.
#ifndef MMIO_AUDIT_CHECK_CHECKER_H
#define MMIO_AUDIT_CHECK_CHECKER_H

#include "bounds/CallContexts.h"
#include "bounds/DerivedAllocator.h"
#include "bounds/Evaluator.h"
#include "check/Finding.h"
#include "match/CallSite.h"
#include "rules/Ruleset.h"

#include <set>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Preprocessor;
} // namespace clang

namespace mmio {

struct CheckOptions {
  /// Rule ids that are neither checked nor able to imply other rules away.
  std::set<std::string> DisabledRules;
  /// Rules off by default (`enabled: false`) that are checked all the same.
  std::set<std::string> EnabledRules;
  /// Report calls a rule cannot decide, for every rule (rules can also ask for it with `on-unknown: report`).
  bool ReportUnknown = false;
};

/// What the CLI's cross-unit analysis asks of a unit's audit: calls of the wrappers other units define audited as
/// their allocators' calls, and this unit's own wrappers summarised for the others.
struct CrossUnitRequest {
  const DerivedAllocators *Known = nullptr; // may be null
  std::vector<DerivedAllocator> *Summaries = nullptr;
};

/// One allocator call and the values its roles can take, for listings and audits.
struct CallSummary {
  clang::SourceLocation Loc;
  FileLocation Expansion;
  std::string Function;
  std::string Callee;
  RoleValues Bounds;
  /// Every enabled rule that applies to the call, with its verdict at the call itself (implied rules too: an
  /// inventory says what each rule decides, not what is reported).
  std::vector<std::pair<std::string, Verdict>> Verdicts;
};

class Checker {
public:
  Checker(const Ruleset &Rules, CheckOptions Options) : Rules(Rules), Options(std::move(Options)) {}

  /// Findings for every allocator call in the translation unit, in source order. `PP`, when given, tells which
  /// macros exist so fix-its can use them; without it fix-its spell ruleset constants as numbers.
  /// `CrossUnit`, when given, adds the calls of its known wrappers and receives the unit's own.
  std::vector<Finding> checkTranslationUnit(clang::ASTContext &Ctx, clang::Preprocessor *PP,
                                            const CrossUnitRequest *CrossUnit = nullptr) const;

  /// Every allocator call in the translation unit with its roles' values (over all paths), in source order.
  std::vector<CallSummary> listCalls(clang::ASTContext &Ctx) const;

private:
  /// Findings for `Call` in `Context` (bounds/CallContexts.h), reported at the context's site.
  std::vector<Finding> checkCall(const AllocatorCall &Call, const CallContext &Context, clang::ASTContext &Ctx,
                                 clang::Preprocessor *PP) const;

  bool enabled(const Rule &R) const {
    return !Options.DisabledRules.count(R.Id) && (R.OnByDefault || Options.EnabledRules.count(R.Id));
  }

  const Ruleset &Rules;
  CheckOptions Options;
};

} // namespace mmio

#endif
