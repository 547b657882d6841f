#include "report/Fixes.h"

#include "report/AtomicFile.h"

#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/ReplacementsYaml.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/YAMLTraits.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <map>
#include <set>
#include <sys/file.h>
#include <thread>
#include <tuple>
#include <unistd.h>

namespace mmio {

namespace {

struct PlannedFix {
  const ReportFix *Fix;
  const ReportFinding *Finding;
};

/// The distinct fixes of active findings, per file, by offset.
std::map<std::string, std::vector<PlannedFix>> fixesByFile(const Report &R) {
  std::map<std::string, std::vector<PlannedFix>> Out;
  std::set<std::tuple<std::string, unsigned, unsigned, std::string>> Seen;
  for (const ReportFinding &F : R.Findings) {
    if (!F.active() || !F.Fix || F.Fix->Begin.File.empty())
      continue;
    const ReportFix &X = *F.Fix;
    if (Seen.insert({X.Begin.File, X.Offset, X.Length, X.Replacement}).second)
      Out[X.Begin.File].push_back({&X, &F});
  }
  for (auto &[File, Fixes] : Out)
    std::stable_sort(Fixes.begin(), Fixes.end(), [](const PlannedFix &A, const PlannedFix &B) {
      return std::tie(A.Fix->Offset, A.Fix->Length) < std::tie(B.Fix->Offset, B.Fix->Length);
    });
  return Out;
}

std::string describe(const PlannedFix &P) { return "fix for [" + P.Finding->RuleId + "]"; }

/// The path with every symbolic link resolved, or empty when it cannot be (a dangling link, a missing file).
std::string realPath(llvm::StringRef Path) {
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(Path, Real))
    return std::string();
  return std::string(Real);
}

/// An exclusive lock on a directory, held while a file in it is compared with what a run read and then replaced:
/// two runs fixing the same file take turns, and the second sees the first one's edit instead of undoing it. A
/// lock on the directory, not the file, since the rename gives the file a new inode; nothing is written.
class DirectoryLock {
public:
  explicit DirectoryLock(llvm::StringRef Dir) {
    FD = ::open(Dir.str().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (FD >= 0)
      while (::flock(FD, LOCK_EX) != 0 && errno == EINTR) {
      }
  }
  ~DirectoryLock() {
    if (FD >= 0)
      ::close(FD); // releases the lock
  }
  DirectoryLock(const DirectoryLock &) = delete;
  DirectoryLock &operator=(const DirectoryLock &) = delete;

private:
  int FD = -1;
};

/// Whether the file at `Path` still holds exactly `Expected`.
bool stillHolds(llvm::StringRef Path, llvm::StringRef Expected) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Now =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  return Now && (*Now)->getBuffer() == Expected;
}

} // namespace

StagedFixes stageFixes(const Report &R, llvm::StringRef SourceRoot, const llvm::StringSet<> &AnalysedFiles) {
  StagedFixes Staged;
  FixOutcome &Out = Staged.Outcome;
  for (auto &[File, Fixes] : fixesByFile(R)) {
    auto Problem = [&](const PlannedFix &P, const llvm::Twine &Why, bool IsError) {
      Out.Problems.push_back({P.Fix->Begin, (describe(P) + " not applied: " + Why).str(), IsError});
    };
    auto FileProblem = [&](const llvm::Twine &Why, bool IsError) {
      for (const PlannedFix &P : Fixes)
        Problem(P, Why, IsError);
    };
    if (!isUnderRoot(File, SourceRoot)) {
      FileProblem("the file is outside the source root " + SourceRoot, false);
      continue;
    }
    if (!AnalysedFiles.contains(File)) {
      FileProblem("the file was not part of this run's analysis", true);
      continue;
    }
    // The check above is on the path as the compile named it; what is written is the file it leads to. A
    // symbolic link inside the root (to a directory or to the file itself) may lead out of it.
    std::string Target = realPath(File);
    std::string RealRoot = realPath(SourceRoot);
    if (Target.empty()) {
      FileProblem("cannot read the file: " + std::make_error_code(std::errc::no_such_file_or_directory).message(),
                  true);
      continue;
    }
    if (RealRoot.empty() || !isUnderRoot(Target, RealRoot)) {
      FileProblem("the file is a symbolic link to " + Target + ", outside the source root " + SourceRoot, true);
      continue;
    }
    llvm::sys::fs::file_status Status;
    if (std::error_code EC = llvm::sys::fs::status(Target, Status)) {
      FileProblem("cannot read the file: " + EC.message(), true);
      continue;
    }
    llvm::sys::fs::perms Perms = Status.permissions();
    // Root may write anywhere; a file nobody may write is read-only all the same.
    if (!(Perms & llvm::sys::fs::all_write) || llvm::sys::fs::access(Target, llvm::sys::fs::AccessMode::Write)) {
      FileProblem("the file is read-only", true);
      continue;
    }
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
        llvm::MemoryBuffer::getFile(Target, /*IsText=*/false, /*RequiresNullTerminator=*/false);
    if (!Buffer) {
      FileProblem("cannot read the file: " + Buffer.getError().message(), true);
      continue;
    }
    llvm::StringRef Code = (*Buffer)->getBuffer();

    // Overlapping ranges: the tool cannot choose between them, so none of them is applied.
    std::vector<bool> Conflicting(Fixes.size(), false);
    for (size_t I = 0; I < Fixes.size(); ++I)
      for (size_t J = I + 1; J < Fixes.size(); ++J) {
        const ReportFix &A = *Fixes[I].Fix, &B = *Fixes[J].Fix;
        bool Overlap = B.Offset < A.Offset + A.Length || (A.Offset == B.Offset);
        if (!Overlap)
          break;
        Conflicting[I] = Conflicting[J] = true;
      }
    clang::tooling::Replacements Replaces;
    unsigned Count = 0;
    for (size_t I = 0; I < Fixes.size(); ++I) {
      const ReportFix &X = *Fixes[I].Fix;
      if (Conflicting[I]) {
        Problem(Fixes[I], "it conflicts with another fix of the same text", false);
        continue;
      }
      if (X.Offset + X.Length > Code.size() || Code.substr(X.Offset, X.Length) != X.Original) {
        Problem(Fixes[I], "the file changed since it was analysed", true);
        continue;
      }
      if (llvm::Error E = Replaces.add(clang::tooling::Replacement(File, X.Offset, X.Length, X.Replacement))) {
        Problem(Fixes[I], llvm::toString(std::move(E)), false);
        continue;
      }
      ++Count;
    }
    if (!Count)
      continue;
    llvm::Expected<std::string> NewCode = clang::tooling::applyAllReplacements(Code, Replaces);
    if (!NewCode) {
      FileProblem(llvm::toString(NewCode.takeError()), true);
      continue;
    }
    llvm::Expected<StagedFile> NewFile = StagedFile::create(
        Target,
        [&](llvm::raw_ostream &OS) {
          OS << *NewCode;
          return llvm::Error::success();
        },
        Perms);
    if (!NewFile) {
      FileProblem(llvm::toString(NewFile.takeError()), true);
      continue;
    }
    StagedFixes::Edit Edit{std::move(*NewFile), Count, {}, Code.str()};
    for (size_t I = 0; I < Fixes.size(); ++I)
      if (!Conflicting[I])
        Edit.Fixes.push_back({Fixes[I].Fix->Begin, describe(Fixes[I])});
    Staged.Edits.push_back(std::move(Edit));
  }
  return Staged;
}

FixOutcome commitFixes(StagedFixes &Staged, unsigned PauseAfterFirstMs) {
  FixOutcome &Out = Staged.Outcome;
  for (StagedFixes::Edit &Edit : Staged.Edits) {
    if (PauseAfterFirstMs && &Edit != &Staged.Edits.front())
      std::this_thread::sleep_for(std::chrono::milliseconds(PauseAfterFirstMs));
    auto Failed = [&](const std::string &Why) {
      for (const auto &[Where, What] : Edit.Fixes)
        Out.Problems.push_back({Where, What + " not applied: " + Why, true});
    };
    DirectoryLock Lock(llvm::sys::path::parent_path(Edit.NewFile.path()));
    if (!stillHolds(Edit.NewFile.path(), Edit.Base)) {
      Edit.NewFile.discard();
      Failed("the file changed while this run was fixing it (another run's fixes?); run again");
      continue;
    }
    if (llvm::Error E = Edit.NewFile.commit()) {
      Failed(llvm::toString(std::move(E)));
      continue;
    }
    Out.Applied += Edit.Count;
    Out.ChangedFiles.push_back(Edit.NewFile.path());
  }
  Staged.Edits.clear();
  return Out;
}

FixOutcome applyFixes(const Report &R, llvm::StringRef SourceRoot, const llvm::StringSet<> &AnalysedFiles) {
  StagedFixes Staged = stageFixes(R, SourceRoot, AnalysedFiles);
  return commitFixes(Staged);
}

void writeReplacementsYAML(const Report &R, llvm::raw_ostream &OS) {
  clang::tooling::TranslationUnitReplacements TUR;
  for (auto &[File, Fixes] : fixesByFile(R)) {
    if (TUR.MainSourceFile.empty())
      TUR.MainSourceFile = Fixes.front().Finding->TranslationUnit;
    for (const PlannedFix &P : Fixes)
      TUR.Replacements.emplace_back(File, P.Fix->Offset, P.Fix->Length, P.Fix->Replacement);
  }
  llvm::yaml::Output YAML(OS);
  YAML << TUR;
}

} // namespace mmio
