// Runs the analysis over translation units, several at a time: each unit's command cleaned up, the prefilter, then
// a parse with the checker, its findings collected while the AST is alive.
#ifndef MMIO_AUDIT_TOOLS_RUNNER_H
#define MMIO_AUDIT_TOOLS_RUNNER_H

#include "TUSelection.h"
#include "tooling/FlagCleanup.h"

#include "report/Report.h"
#include "session/AuditSession.h"
#include "suppress/Suppression.h"
#include "tooling/AuditInvocation.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <mutex>
#include <string>
#include <vector>

namespace mmio {

class ResultCache;

struct RunOptions {
  bool RenderText = true; // render findings as clang prints them (text reports)
  bool Colors = false;
  std::string TextPrefix; // between a rendered finding's location and level (kbuild: "mmio-audit")
  bool Prefilter = true;
  bool StopAfterPrefilter = false; // --write-candidates: a unit the prefilter keeps is a candidate, not parsed
  bool ScanSuppressions = false;   // collect every suppression comment under the source root
  bool RecordFiles = false;        // record the files under the source root each unit read (for --fix)
  bool ListCalls = false;          // --list-calls: every allocator call with its bounds and verdicts
  std::string SourceRoot;
  unsigned Jobs = 0; // 0: every core
  FlagCleanupOptions Cleanup;
  /// Patch mode: units that read none of these files (absolute) are skipped as untouched.
  const llvm::StringSet<> *ChangedFiles = nullptr;
  /// Patch mode: files seen with these contents (absolute path -> text) instead of what is on disk.
  const FileOverlay *Overlay = nullptr;
  /// --cache-dir: outcomes reused while nothing their compile read has changed, and kept for the next run.
  ResultCache *Cache = nullptr;
  /// Cross-unit analysis: summarise each unit's wrappers (TUOutcome::Summaries), and audit the calls of those
  /// summarised before (`Derived`, may be null) as their allocators' calls.
  bool Summarize = false;
  const DerivedAllocators *Derived = nullptr;
  /// The names the prefilter keeps a unit for, in place of the ruleset's allocators (a later pass wants only the
  /// callers of new wrappers).
  std::vector<std::string> PrefilterNames;
};

struct TUOutcome {
  TUInfo Info;
  std::vector<ReportFinding> Findings;
  std::vector<ReportCall> Calls; // with RunOptions::ListCalls
  std::vector<FileLocation> UsedSuppressions;
  std::vector<SuppressionComment> Suppressions; // in files under the source root, each file once per run
  std::vector<std::string> Files;               // under the source root, read by the unit
  CleanedCommand Command;
  double Seconds = 0;
  bool Touched = true;    // patch mode: the unit reads a changed file
  bool Candidate = false; // it may call an allocator: the prefilter kept it (or could not rule it out)
  bool Undecided = false; // the prefilter could not preprocess it (a file the build has not generated, an error)
  bool Cached = false;    // reused from the result cache, not compiled this run
  /// With RunOptions::Summarize: the unit's wrappers that forward parameters into bounds.
  std::vector<DerivedAllocator> Summaries;
};

class Runner {
public:
  Runner(const AuditSession &Session, RunOptions Options);

  using DoneCallback = llvm::function_ref<void(const TUOutcome &Outcome, size_t Done, size_t Total)>;
  /// Analyses every job, `Options.Jobs` at a time. `OnDone` runs for each unit as it finishes, one call at a time.
  /// Outcomes come back in the order of `Jobs`.
  std::vector<TUOutcome> run(const std::vector<TUJob> &Jobs, DoneCallback OnDone);

  TUOutcome runOne(const TUJob &Job);

private:
  /// What of this run's options decides a unit's outcome, for the result cache's keys.
  std::string cacheSalt() const;

  /// Suppression comments in the unit's files under the source root not yet scanned by another unit.
  void scanFiles(const clang::SourceManager &SM, const std::string &Directory, TUOutcome &Out);

  const AuditSession &Session;
  RunOptions Options;
  std::vector<std::string> AllocatorNames;
  std::string DerivedSalt; // the derived allocators, as they enter each unit's cache key
  std::mutex ScannedMutex;
  llvm::StringSet<> Scanned;
};

} // namespace mmio

#endif
