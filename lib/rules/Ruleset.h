// The ruleset model: allocators, named ranges and constants, and the rules that audit allocator calls.
#ifndef MMIO_AUDIT_RULES_RULESET_H
#define MMIO_AUDIT_RULES_RULESET_H

#include "mitigation/CodePattern.h"
#include "rules/CompiledGlob.h"
#include "rules/MessageTemplate.h"
#include "source/FileLocation.h"

#include "llvm/ADT/APInt.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mmio {

/// The part an argument plays in an allocator call.
enum class Role { Destination, Min, Max, Size, Align, FbOverlapOk };
constexpr unsigned NumRoles = 6;

/// The spelling used in rulesets and in message placeholders: "destination", "min", "max", "size", "align",
/// "fb_overlap_ok".
llvm::StringRef roleName(Role R);
std::optional<Role> roleFromName(llvm::StringRef Name);

enum class Severity { Warning, Error };
llvm::StringRef severityName(Severity S);

/// What a rule does with a call the analysis cannot decide. `Never` is for sanity checks whose unknowns would only
/// repeat, call after call, what the other rules' unknowns already say: such a rule reports proven violations only,
/// even when the user asks for every unknown.
enum class UnknownPolicy { Ignore, Report, Never };
/// The spelling used in rulesets: "ignore", "report", "never".
llvm::StringRef unknownPolicyName(UnknownPolicy P);

/// A function whose calls request MMIO, and which parameter (0-based) plays which role.
struct AllocatorSpec {
  std::string Name;
  std::map<Role, unsigned> Params;
  std::map<Role, FileLocation> ParamWhere; // where each index is written, for errors about it
  FileLocation Where;

  std::optional<unsigned> paramFor(Role R) const {
    auto It = Params.find(R);
    if (It == Params.end())
      return std::nullopt;
    return It->second;
  }
};

/// A named, inclusive address range such as a framebuffer window.
struct NamedRange {
  std::string Name;
  uint64_t Start = 0;
  uint64_t End = 0; // inclusive
  std::string Description;
  FileLocation Where;
};

/// One clause of a rule's `applies-to`: every field that is set must match (AND); a rule applies to a call when any
/// of its clauses matches (OR).
struct CallSelector {
  std::vector<std::string> Allocators;        // callee names
  std::vector<std::string> DestinationFields; // the field the destination argument points into
  std::vector<std::string> SizeMacros;        // a macro the size argument is spelled with
  std::vector<uint64_t> SizeValues;           // the size argument's constant value
  std::vector<CompiledGlob> Functions;        // globs over the enclosing function's name
  std::vector<CompiledGlob> Files;            // globs over the call's file path
};

/// What must hold for a call to be clean; every field that is set is checked.
struct Requirement {
  std::optional<uint64_t> MinAtLeast; // the lowest possible `min` is at least this
  std::optional<uint64_t> MaxAtMost;  // the highest possible `max` is at most this
  std::vector<std::string> NoOverlap; // names of ranges the window [min, max] must not reach
  std::optional<bool> FbOverlapOk;    // the value `fb_overlap_ok` must have
  bool WindowFitsSize = false;        // [min, max] can hold `size` bytes aligned to `align`
};

/// A source change that makes a call satisfy the rule: replace the argument of `Role` with `Replacement`. When
/// `Replacement` names a ruleset constant that the translation unit does not define as a macro, the constant's
/// value is written instead, so the fix always compiles.
struct FixItSpec {
  Role Target = Role::Min;
  std::string Replacement;
};

struct Rule {
  std::string Id;
  Severity Level = Severity::Warning;
  /// Clang-style message as written, for reports; may use placeholders {min}, {max}, {size}, {align},
  /// {fb_overlap_ok}, {destination}, {range}, {allocator}, {function}, {rule}.
  std::string Message;
  /// Message, split by the loader; findings are written from this.
  MessageTemplate Template;
  std::string Description;             // longer help text for reports
  std::vector<CallSelector> AppliesTo; // empty: every allocator call
  Requirement Require;
  std::optional<FixItSpec> FixIt;
  /// Rules that, when they fire at a call, make this one redundant there (one root cause, one warning).
  std::vector<std::string> ImpliedBy;
  /// Whether a call the analysis cannot decide (a role's value is unknown) is reported.
  UnknownPolicy OnUnknown = UnknownPolicy::Ignore;
  /// `enabled: false`: an opt-in rule, checked only when a front end enables it by id.
  bool OnByDefault = true;
  /// Fixes elsewhere in a tree that defuse this rule's findings there (ids of `mitigations`).
  std::vector<std::string> MitigatedBy;
  FileLocation Where;
};

/// A known fix that lives outside the calls a rule checks (in the allocator's own code, say), and how to recognise
/// it in a source tree: every pattern found in the body of `Function` in `File`.
struct MitigationSpec {
  std::string Id;
  std::string Commit;  // the upstream commit that introduced it
  std::string Subject; // its subject line
  std::string Why;     // how it defuses the rules that name it
  std::string File;    // relative to the tree's root
  std::string Function;
  std::vector<CodePattern> Code;
  FileLocation Where;
};

struct Ruleset {
  unsigned Version = 1;
  std::string Source; // the file (or built-in name) it was loaded from
  std::map<std::string, uint64_t> Constants;
  std::vector<NamedRange> Ranges;
  std::vector<AllocatorSpec> Allocators;
  std::vector<Rule> Rules;
  std::vector<MitigationSpec> Mitigations;

  const MitigationSpec *findMitigation(llvm::StringRef Id) const;
  const Rule *findRule(llvm::StringRef Id) const;
  const NamedRange *findRange(llvm::StringRef Name) const;
  const AllocatorSpec *findAllocator(llvm::StringRef Name) const;
};

} // namespace mmio

#endif
