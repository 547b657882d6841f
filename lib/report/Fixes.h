// Fix-its: applying them in place (--fix) and exporting them for clang-apply-replacements (--export-fixes).
#ifndef MMIO_AUDIT_REPORT_FIXES_H
#define MMIO_AUDIT_REPORT_FIXES_H

#include "report/AtomicFile.h"
#include "report/Report.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace mmio {

struct FixProblem {
  FileLocation Where;
  std::string Message;
  bool IsError = false; // the file could not be changed (read-only, changed since, unwritable); else a skipped fix
};

struct FixOutcome {
  unsigned Applied = 0;
  std::vector<std::string> ChangedFiles;
  std::vector<FixProblem> Problems;
};

/// Applies the fixes of the report's findings (active ones only) to the files they edit, each file rewritten
/// atomically with its permissions kept. A fix is applied only to a file under `SourceRoot` that the run analysed
/// (`AnalysedFiles`, absolute), only if the text it replaces is still what the analysis saw, and not to a
/// read-only file. Fixes of one file whose ranges overlap with different replacements conflict: all of them are
/// skipped. Identical fixes (one header's call seen by several units) apply once.
FixOutcome applyFixes(const Report &R, llvm::StringRef SourceRoot, const llvm::StringSet<> &AnalysedFiles);

/// applyFixes in two steps, so that a front end can make the second one uninterruptible: every changed file is
/// first written in full beside its original (a failure there changes nothing), then all of them are renamed into
/// place at once. An interrupt before `commitFixes` leaves every file as it was. A file is written where its path
/// leads, symbolic links resolved, and only if that is under the source root too. `commitFixes` replaces a file
/// only if it still holds what the edit was made from, under a lock that makes concurrent runs take turns: a
/// second run fixing the same file fails loudly rather than undoing the first one's edits.
struct StagedFixes {
  struct Edit {
    StagedFile NewFile;
    unsigned Count;                                          // fixes it applies
    std::vector<std::pair<FileLocation, std::string>> Fixes; // where each is, and what it is, for problems
    std::string Base; // the contents the edit was made from: the file must still hold them when it is replaced
  };
  FixOutcome Outcome; // the problems found while staging; commitFixes completes it
  std::vector<Edit> Edits;
};
StagedFixes stageFixes(const Report &R, llvm::StringRef SourceRoot, const llvm::StringSet<> &AnalysedFiles);
/// `PauseAfterFirstMs` (tests only): a wait once the first file is in place, so that a test can interrupt the run
/// at a moment it can see.
FixOutcome commitFixes(StagedFixes &Staged, unsigned PauseAfterFirstMs = 0);

/// The active findings' fixes as clang-apply-replacements YAML (a TranslationUnitReplacements document with
/// absolute file paths), identical fixes once.
void writeReplacementsYAML(const Report &R, llvm::raw_ostream &OS);

} // namespace mmio

#endif
