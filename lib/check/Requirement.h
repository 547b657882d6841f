// Judges a rule's `require:` against the values each role of a call can take.
#ifndef MMIO_AUDIT_CHECK_REQUIREMENT_H
#define MMIO_AUDIT_CHECK_REQUIREMENT_H

#include "bounds/Evaluator.h"
#include "bounds/ValueSet.h"
#include "check/Finding.h"
#include "rules/Ruleset.h"

#include <array>
#include <optional>
#include <vector>

namespace mmio {

struct RequirementResult {
  Verdict Outcome = Verdict::Holds;
  /// The roles whose values decided the outcome (violated or unknown), for the explanation.
  std::vector<Role> Culprits;
  /// For a violated `no-overlap`: the range the window can reach.
  const NamedRange *Range = nullptr;
};

/// Violated when some possible value breaks a condition, unknown when a role the condition needs is unknown and
/// could break it, holds otherwise. A violation the values cannot stand behind is unknown instead: it rests on an
/// end of a set that may not be reachable, or (when the roles are not `Correlated`) on values of several roles that
/// may never occur together.
RequirementResult judge(const Requirement &Req, const Ruleset &Rules, const RoleValues &Values, bool Correlated = true);

} // namespace mmio

#endif
