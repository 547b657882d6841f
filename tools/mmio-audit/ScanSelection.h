// --selection=scan, the default: before any unit is preprocessed, one scan of the source tree's text (lib/select)
// rules out the units none of whose files can spell an allocator call; the others go on to the prefilter's
// preprocessing as before. docs/cli.md, "Selecting units", states what the scan assumes.
#ifndef MMIO_AUDIT_TOOLS_SCANSELECTION_H
#define MMIO_AUDIT_TOOLS_SCANSELECTION_H

#include "Options.h"
#include "TUSelection.h"

#include "rules/Ruleset.h"
#include "tooling/AuditInvocation.h"

#include "llvm/Support/raw_ostream.h"

namespace mmio {

/// Marks the jobs the scan rules out as skipped. When the scan cannot run within its bounds (a search directory
/// that is `/`, too many files), says why on `Notes` and leaves every job to the preprocessing prefilter. `AlsoAs`:
/// patch mode's other contents of changed files, scanned as well.
void narrowByScan(Selection &Units, const CliOptions &Options, const Ruleset &Rules, const FileOverlay *AlsoAs,
                  llvm::raw_ostream &Notes);

/// The same for the callers of `Names` (wrappers summarised in another unit), with no scan cache: the cached facts
/// are the allocators'.
void narrowByScanFor(Selection &Units, const CliOptions &Options, std::vector<std::string> Names,
                     const FileOverlay *AlsoAs, llvm::raw_ostream &Notes);

/// From this many units up, --selection=auto scans: reading a kernel tree's text (1.4 GB) costs about what
/// preprocessing 20 units does, and a prepared selection of a few units would pay it for nothing.
constexpr size_t ScanWorthUnits = 32;

/// Whether the run selects with the scan: the prefilter is on, --selection=scan (or auto, over `Units` units of at
/// least ScanWorthUnits), and no option needs every unit's files read (--list-unused-suppressions reports the
/// suppression comments of every file the units include).
inline bool scanSelects(const CliOptions &Options, size_t Units) {
  using Mode = CliOptions::SelectionMode;
  bool Scan = Options.Selection == Mode::Scan || (Options.Selection == Mode::Auto && Units >= ScanWorthUnits);
  return Options.Prefilter && Scan && !Options.ListUnusedSuppressions;
}

/// The skip reasons of a unit the scan rules out: none of its files names an allocator; its source is a build
/// product not made yet (missing from the command's directory).
extern const char *const NoFileNamesAnAllocator;
extern const char *const NotGeneratedYet;

} // namespace mmio

#endif
