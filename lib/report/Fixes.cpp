#include "report/Fixes.h"

#include "report/AtomicFile.h"

#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/ReplacementsYaml.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/YAMLTraits.h"

#include <map>
#include <set>
#include <tuple>

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
    llvm::sys::fs::file_status Status;
    if (std::error_code EC = llvm::sys::fs::status(File, Status)) {
      FileProblem("cannot read the file: " + EC.message(), true);
      continue;
    }
    llvm::sys::fs::perms Perms = Status.permissions();
    // Root may write anywhere; a file nobody may write is read-only all the same.
    if (!(Perms & llvm::sys::fs::all_write) || llvm::sys::fs::access(File, llvm::sys::fs::AccessMode::Write)) {
      FileProblem("the file is read-only", true);
      continue;
    }
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer = llvm::MemoryBuffer::getFile(File);
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
        File,
        [&](llvm::raw_ostream &OS) {
          OS << *NewCode;
          return llvm::Error::success();
        },
        Perms);
    if (!NewFile) {
      FileProblem(llvm::toString(NewFile.takeError()), true);
      continue;
    }
    StagedFixes::Edit Edit{std::move(*NewFile), Count, {}};
    for (size_t I = 0; I < Fixes.size(); ++I)
      if (!Conflicting[I])
        Edit.Fixes.push_back({Fixes[I].Fix->Begin, describe(Fixes[I])});
    Staged.Edits.push_back(std::move(Edit));
  }
  return Staged;
}

FixOutcome commitFixes(StagedFixes &Staged) {
  FixOutcome &Out = Staged.Outcome;
  for (StagedFixes::Edit &Edit : Staged.Edits) {
    if (llvm::Error E = Edit.NewFile.commit()) {
      std::string Why = llvm::toString(std::move(E));
      for (const auto &[Where, What] : Edit.Fixes)
        Out.Problems.push_back({Where, What + " not applied: " + Why, true});
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
