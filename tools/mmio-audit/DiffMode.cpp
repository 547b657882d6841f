#include "DiffMode.h"
#include "ScanSelection.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Signals.h"

#include <set>

namespace mmio {

namespace {

llvm::Error gitError(const llvm::Twine &Message) {
  return llvm::createStringError(std::errc::invalid_argument, "--diff-base: %s", Message.str().c_str());
}

/// Runs git in `Dir` and returns what it prints; an error with git's own first line of complaint otherwise.
llvm::Expected<std::string> git(llvm::StringRef Dir, llvm::ArrayRef<std::string> Args) {
  llvm::ErrorOr<std::string> Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return gitError("git is not installed (patch mode runs git to find the change)");
  llvm::SmallString<128> Out, Err;
  if (std::error_code EC = llvm::sys::fs::createTemporaryFile("mmio-audit-git", "out", Out))
    return gitError("cannot create a temporary file: " + EC.message());
  if (std::error_code EC = llvm::sys::fs::createTemporaryFile("mmio-audit-git", "err", Err)) {
    llvm::sys::fs::remove(Out);
    return gitError("cannot create a temporary file: " + EC.message());
  }
  llvm::sys::RemoveFileOnSignal(Out); // an interrupted run leaves no scratch files behind
  llvm::sys::RemoveFileOnSignal(Err);
  std::vector<llvm::StringRef> Argv{*Git, "-C", Dir};
  for (const std::string &A : Args)
    Argv.push_back(A);
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), llvm::StringRef(Out), llvm::StringRef(Err)};
  std::string Failure;
  int Status = llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt, Redirects, 0, 0, &Failure);
  auto Read = [](llvm::StringRef Path) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> B = llvm::MemoryBuffer::getFile(Path, false, false);
    return B ? (*B)->getBuffer().str() : std::string();
  };
  std::string Output = Read(Out), Errors = Read(Err);
  for (llvm::StringRef Scratch : {llvm::StringRef(Out), llvm::StringRef(Err)}) {
    llvm::sys::fs::remove(Scratch);
    llvm::sys::DontRemoveFileOnSignal(Scratch);
  }
  if (Status != 0) {
    std::string Command = "git " + llvm::join(Args, " ");
    llvm::StringRef Why = llvm::StringRef(Errors).trim().split('\n').first;
    return gitError(Command + " failed" + (Why.empty() ? (Failure.empty() ? "" : ": " + Failure) : ": " + Why.str()));
  }
  return Output;
}

struct ChangeSet {
  llvm::StringSet<> Files;                   // changed since REV, absolute (added, modified, deleted)
  llvm::StringMap<std::string> BaseContents; // what the changed files held at REV (absent: added since)
};

llvm::Expected<ChangeSet> changeSince(llvm::StringRef Top, llvm::StringRef Rev) {
  ChangeSet C;
  // Working tree (staged or not) against REV; -z keeps odd file names whole.
  llvm::Expected<std::string> Diff = git(Top, {"diff", "--name-status", "--no-renames", "-z", Rev.str(), "--"});
  if (!Diff)
    return Diff.takeError();
  llvm::SmallVector<llvm::StringRef, 16> Fields;
  llvm::StringRef(*Diff).split(Fields, '\0', -1, /*KeepEmpty=*/false);
  for (size_t I = 0; I + 1 < Fields.size(); I += 2) {
    llvm::StringRef Status = Fields[I], Path = Fields[I + 1];
    std::string Abs = absolutePath(Path, Top);
    C.Files.insert(Abs);
    if (Status.starts_with("A"))
      continue; // added: nothing at REV
    llvm::Expected<std::string> Old = git(Top, {"show", (Rev + ":" + Path).str()});
    if (!Old)
      return Old.takeError();
    C.BaseContents[Abs] = std::move(*Old);
  }
  // New files git does not know yet are part of the change too.
  llvm::Expected<std::string> Untracked = git(Top, {"ls-files", "--others", "--exclude-standard", "-z"});
  if (!Untracked)
    return Untracked.takeError();
  Fields.clear();
  llvm::StringRef(*Untracked).split(Fields, '\0', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Path : Fields)
    C.Files.insert(absolutePath(Path, Top));
  return C;
}

} // namespace

llvm::Expected<AuditResult> runPatchMode(const AuditSession &Session, const RunOptions &Run, const Selection &Units,
                                         const CliOptions &Options, ProgressLine &Progress) {
  llvm::Expected<std::string> TopOut = git(Options.SourceRoot, {"rev-parse", "--show-toplevel"});
  if (!TopOut)
    return TopOut.takeError();
  std::string Top = absolutePath(llvm::StringRef(*TopOut).trim(), "");
  llvm::Expected<std::string> Commit =
      git(Top, {"rev-parse", "--verify", "--quiet", "--end-of-options", Options.DiffBase + "^{commit}"});
  if (!Commit)
    return gitError(Options.DiffBase + " is not a commit in " + Top);
  std::string Rev = llvm::StringRef(*Commit).trim().str();
  llvm::Expected<ChangeSet> Changed = changeSince(Top, Rev);
  if (!Changed)
    return Changed.takeError();

  // The units that cannot call an allocator, as the tree is or as it was, need not be compared.
  Selection Narrowed = Units;
  if (scanSelects(Options, Narrowed.Jobs.size()))
    narrowByScan(Narrowed, Options, Session.rules(), &Changed->BaseContents, llvm::errs());

  // At HEAD (the working tree): the units that read a changed file.
  RunOptions Head = Run;
  Head.ChangedFiles = &Changed->Files;
  AuditResult Result = audit(Session, Head, Narrowed, Options, Progress, "");

  // At REV: the same units, the changed files as they were. Units new since REV have nothing to compare with.
  Selection BaseUnits;
  for (const TUJob &J : Narrowed.Jobs)
    if (Result.TouchedUnits.count({J.File, J.Command.Directory}) &&
        (!Changed->Files.contains(J.File) || Changed->BaseContents.count(J.File)))
      BaseUnits.Jobs.push_back(J);
  RunOptions Base = Run;
  Base.Overlay = &Changed->BaseContents;
  Base.ScanSuppressions = Base.RecordFiles = false;
  AuditResult Before = audit(Session, Base, BaseUnits, Options, Progress, "at " + Options.DiffBase);

  Report &R = Result.R;
  R.DiffMode = true;
  R.DiffBase = Options.DiffBase;
  llvm::StringSet<> Then, Now;
  for (const ReportFinding &F : Before.R.Findings)
    Then.insert(F.Fingerprint);
  for (ReportFinding &F : R.Findings) {
    F.Diff = Then.contains(F.Fingerprint) ? Change::Unchanged : Change::New;
    Now.insert(F.Fingerprint);
  }
  for (ReportFinding &F : Before.R.Findings) {
    if (Now.contains(F.Fingerprint))
      continue;
    F.Diff = Change::Fixed;
    F.Rendered.clear();
    R.Findings.push_back(std::move(F));
  }
  // A unit that compiles now but not at REV cannot be compared: the run could not do its job.
  for (TUInfo &T : Before.R.TranslationUnits) {
    if (T.Status != TUStatus::Failed)
      continue;
    T.Reason = "at " + Options.DiffBase + ": " + T.Reason;
    R.TranslationUnits.push_back(std::move(T));
  }
  return Result;
}

} // namespace mmio
