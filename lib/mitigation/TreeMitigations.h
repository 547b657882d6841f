// Which of a ruleset's known fixes a source tree carries: each mitigation's file read from the tree and searched for
// its code. A whole-tree audit consults this before calling a finding a live bug.
#ifndef MMIO_AUDIT_MITIGATION_TREEMITIGATIONS_H
#define MMIO_AUDIT_MITIGATION_TREEMITIGATIONS_H

#include "rules/Ruleset.h"
#include "source/FileLocation.h"

#include "llvm/ADT/StringRef.h"

#include <vector>

namespace mmio {

struct FoundMitigation {
  const MitigationSpec *Spec = nullptr;
  FileLocation Where; // the first pattern's match; the file absolute
};

/// The mitigations present under `TreeRoot` (absolute). A file that is missing, unreadable, larger than 4 MiB or
/// outside the tree once links are resolved carries no fix: absence is the safe answer, since it leaves a finding live.
/// `Overlay`, when given, holds patched copies of some of the tree's files at the same relative paths: a file there
/// is read instead of the tree's (the tree itself stays as it was, as a backport audit of a patch needs).
std::vector<FoundMitigation> findTreeMitigations(const Ruleset &Rules, llvm::StringRef TreeRoot,
                                                 llvm::StringRef Overlay = "");

/// The first mitigation of `Rl` found in the tree, if any.
const FoundMitigation *mitigationFor(const Rule &Rl, const std::vector<FoundMitigation> &Found);

} // namespace mmio

#endif
