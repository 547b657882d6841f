// A derived allocator: an externally visible function (a wrapper) that forwards some of its parameters into an
// allocator call's bounds, summarised in the unit that defines it so that its calls in other units are audited as
// that allocator's calls. The cross-unit analysis of the CLI hands summaries from one pass to the next.
#ifndef MMIO_AUDIT_BOUNDS_DERIVEDALLOCATOR_H
#define MMIO_AUDIT_BOUNDS_DERIVEDALLOCATOR_H

#include "bounds/Evaluator.h"
#include "bounds/Trail.h"
#include "bounds/ValueSet.h"
#include "rules/Ruleset.h"
#include "source/FileLocation.h"

#include "llvm/ADT/APInt.h"
#include "llvm/ADT/StringMap.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace mmio {

/// What a summary holds at most (and a cached one may): groups of paths, and steps from a parameter to a role.
constexpr size_t MaxSummaryScenarios = 8;
constexpr size_t MaxForwardSteps = 32;

/// One step on a parameter's way into a bound: its value converted to `Width` bits (sign-extended when the source
/// type is signed; to _Bool, every non-zero value becomes 1), then `Add` added, wrapping, at that width.
struct ForwardStep {
  unsigned Width = 64;
  bool FromSigned = false;
  bool ToBool = false;
  llvm::APInt Add = llvm::APInt(64, 0);
};

/// How one role's value comes about in a wrapper: from its parameter `Param` through `Steps`, or, when `Param` is
/// unset, the values `Fixed` whatever the wrapper is passed.
struct SummaryRole {
  bool Present = false; // the allocator has the role
  std::optional<unsigned> Param;
  std::vector<ForwardStep> Steps;
  std::optional<ValueSet> Fixed;
  /// Where a fixed value comes from, in the wrapper's unit.
  std::vector<TrailStep> Trail;
};

/// One group of paths through the wrapper to the allocator call.
struct SummaryScenario {
  std::array<SummaryRole, NumRoles> Roles;
  bool Correlated = true;
};

/// What rules select a call by, taken from the allocator call the bounds reach in the end.
struct CallOrigin {
  std::string Allocator;        // the ruleset's allocator
  std::string Function;         // the function holding its call
  std::string File;             // absolute
  std::string DestinationField; // see AllocatorCall
  std::vector<std::string> SizeMacros;
};

struct DerivedAllocator {
  /// The wrapper's name, and the allocator spec its calls are found by: each forwarded role's parameter index.
  AllocatorSpec Spec;
  unsigned NumParams = 0;
  CallOrigin Origin;
  /// How the values travel from a call of the wrapper to the allocator: "'w' passes them on to 'g' here", one step
  /// per wrapper, outermost first, each at its place in the wrapper's unit.
  std::vector<TrailStep> PassedOn;
  std::vector<SummaryScenario> Scenarios;
  /// 1: the wrapper calls the allocator itself; n: through n - 1 other wrappers.
  unsigned Depth = 1;

  const std::string &name() const { return Spec.Name; }
};

/// The derived allocators a unit is audited with, by name. A name summarised differently by two units (two
/// configurations' variants, say) is not followed: its calls could reach either.
class DerivedAllocators {
public:
  /// Adds `D`; returns whether its name is new (neither known nor given up as ambiguous).
  bool add(DerivedAllocator D);
  const DerivedAllocator *find(llvm::StringRef Name) const;
  bool empty() const { return Known.empty(); }
  size_t size() const { return Known.size(); }
  /// Every derived allocator, by name.
  std::vector<const DerivedAllocator *> all() const;
  /// Names not followed because two units summarise them differently, sorted.
  std::vector<std::string> ambiguous() const;
  /// Marks `Name` as not followed.
  void giveUp(llvm::StringRef Name);

private:
  llvm::StringMap<DerivedAllocator> Known;
  llvm::StringMap<bool> Ambiguous;
};

/// Whether two summaries say the same: one wrapper seen from two units.
bool sameSummary(const DerivedAllocator &A, const DerivedAllocator &B);

/// The scenarios of a call of `D`, from `AtCall`, what the evaluator computed for the forwarded roles' arguments:
/// each combined with each of the wrapper's own scenarios.
std::vector<Scenario> expandDerivedCall(const DerivedAllocator &D, const std::vector<Scenario> &AtCall);

/// Every scenario joined into one whose roles may not occur together.
Scenario joinScenarioList(const std::vector<Scenario> &All);

/// `V` through `Steps`, in order.
ValueSet applyForwardSteps(ValueSet V, const std::vector<ForwardStep> &Steps);

} // namespace mmio

#endif
