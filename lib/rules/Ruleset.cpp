// Names of roles and severities as rulesets spell them, and lookups into a loaded ruleset.
#include "rules/Ruleset.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/ErrorHandling.h"

namespace mmio {

llvm::StringRef roleName(Role R) {
  switch (R) {
  case Role::Destination:
    return "destination";
  case Role::Min:
    return "min";
  case Role::Max:
    return "max";
  case Role::Size:
    return "size";
  case Role::Align:
    return "align";
  case Role::FbOverlapOk:
    return "fb_overlap_ok";
  }
  llvm_unreachable("unknown Role");
}

std::optional<Role> roleFromName(llvm::StringRef Name) {
  for (unsigned I = 0; I != NumRoles; ++I) {
    Role R = static_cast<Role>(I);
    if (roleName(R) == Name)
      return R;
  }
  return std::nullopt;
}

llvm::StringRef unknownPolicyName(UnknownPolicy P) {
  switch (P) {
  case UnknownPolicy::Ignore:
    return "ignore";
  case UnknownPolicy::Report:
    return "report";
  case UnknownPolicy::Never:
    return "never";
  }
  return "ignore";
}

llvm::StringRef severityName(Severity S) {
  switch (S) {
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  llvm_unreachable("unknown Severity");
}

// Rulesets hold a handful of entries, so a linear search beats keeping an index in sync with public vectors.
const Rule *Ruleset::findRule(llvm::StringRef Id) const {
  auto It = llvm::find_if(Rules, [&](const Rule &R) { return R.Id == Id; });
  return It == Rules.end() ? nullptr : &*It;
}

const NamedRange *Ruleset::findRange(llvm::StringRef Name) const {
  auto It = llvm::find_if(Ranges, [&](const NamedRange &R) { return R.Name == Name; });
  return It == Ranges.end() ? nullptr : &*It;
}

const MitigationSpec *Ruleset::findMitigation(llvm::StringRef Id) const {
  auto It = llvm::find_if(Mitigations, [&](const MitigationSpec &M) { return M.Id == Id; });
  return It == Mitigations.end() ? nullptr : &*It;
}

const AllocatorSpec *Ruleset::findAllocator(llvm::StringRef Name) const {
  auto It = llvm::find_if(Allocators, [&](const AllocatorSpec &A) { return A.Name == Name; });
  return It == Allocators.end() ? nullptr : &*It;
}

} // namespace mmio
