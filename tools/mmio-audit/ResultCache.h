// --cache-dir: each unit's outcome kept on disk, keyed by everything that decides it: the tool's build, the
// ruleset and the options that change results, the fixes found in the tree, the unit's command; and checked, before
// it is reused, against every path the unit's compile looked up (the same bytes read, the same paths absent). A
// re-run after a patch re-analyses only the units that read a changed file. Entries are written whole (a rename)
// and one that does not read back is a miss, never an error: the cache only ever saves work.
#ifndef MMIO_AUDIT_TOOLS_RESULTCACHE_H
#define MMIO_AUDIT_TOOLS_RESULTCACHE_H

#include "input/RecordingFileSystem.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace mmio {

struct TUOutcome;
class AuditSession;
struct AuditSettings;

/// Joins parts, each length-prefixed, so that no two different lists read the same: the text cache keys hash.
class SaltWriter {
public:
  SaltWriter &operator<<(llvm::StringRef S) {
    Text += std::to_string(S.size());
    Text += ':';
    Text += S;
    return *this;
  }
  std::string take() { return std::move(Text); }

private:
  std::string Text;
};

/// This build of the tool: its version, and its binary's size, time and inode (a rebuild under the same version may
/// analyse differently).
std::string toolBuildStamp();

/// What decides every unit's outcome alike: this build of the tool, the ruleset's text and the settings that change
/// findings, and the known fixes found in the tree (a finding's note names one).
std::string sessionCacheSalt(const AuditSettings &Settings, const AuditSession &Session);

class ResultCache {
public:
  /// Opens DIR (created when missing). `Salt`: what every key shares (resultCacheSalt).
  static llvm::Expected<std::unique_ptr<ResultCache>> open(llvm::StringRef Dir, std::string Salt);

  /// The key of one unit's outcome: the salt, how the run treats units (`RunSalt`), the unit's file, directory and
  /// cleaned command.
  std::string keyFor(llvm::StringRef RunSalt, llvm::StringRef File, llvm::StringRef Directory,
                     const std::vector<std::string> &Args) const;

  /// The outcome stored under `Key`, if every lookup its compile made still comes out the same.
  std::optional<TUOutcome> lookup(const std::string &Key);
  /// Keeps `Outcome` under `Key` with what its compile looked up. Outcomes that depend on more than the log can
  /// check (a failed compile, an undecided prefilter, an unsure lookup) are not kept.
  void store(const std::string &Key, const TUOutcome &Outcome, const LookupLog &Lookups);

  const std::string &directory() const { return Dir; }
  size_t hits() const { return Hits; }
  size_t stored() const { return Stored; }
  /// The first entry that could not be written, for a note at the end of the run.
  std::string writeError() const;

private:
  ResultCache(std::string Dir, std::string Salt) : Dir(std::move(Dir)), Salt(std::move(Salt)) {}
  std::string entryPath(const std::string &Key) const;
  /// Whether the path still is what the lookup found, each path checked once per run.
  bool stillHolds(const std::string &Path, const FileLookup &Then);

  /// What a path is this run, found out once; hashed only when an entry read it.
  struct PathNow {
    bool Sure = false, Exists = false, Hashed = false;
    std::optional<ContentHash> Hash;
  };

  std::string Dir, Salt;
  mutable std::mutex Mutex;
  llvm::StringMap<PathNow> Now;
  std::string FirstWriteError;
  std::atomic<size_t> Hits{0}, Stored{0};
};

} // namespace mmio

#endif
