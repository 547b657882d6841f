#include "ScanSelection.h"
#include "ResultCache.h"

#include "Prefilter.h"

#include "select/TreeScan.h"
#include "source/FileLocation.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"

#include <algorithm>
#include <chrono>

namespace mmio {

const char *const NoFileNamesAnAllocator = "no allocator call possible (no file it can include names one)";
const char *const NotGeneratedYet = "no allocator call possible (its source is not generated yet)";

namespace {

/// Absolute paths of a command's operands, made once: a kernel's thousands of commands repeat the same few.
class AbsolutePaths {
public:
  const std::string &of(llvm::StringRef Value, llvm::StringRef Directory) {
    Key.assign(Directory.begin(), Directory.end());
    Key += '\0';
    Key.append(Value.begin(), Value.end());
    auto [It, Inserted] = Made.try_emplace(Key);
    if (Inserted)
      It->second = absolutePath(Value, Directory);
    return It->second;
  }

private:
  std::string Key;
  llvm::StringMap<std::string> Made;
};

/// The directories and forced includes a command searches: `-I`, `-isystem`, `-iquote`, `-idirafter` and
/// `-include`, `-imacros`, joined or separate, relative to the command's directory.
void searchPathsOf(const clang::tooling::CompileCommand &C, AbsolutePaths &Absolute,
                   std::vector<std::string> &Directories, std::vector<std::string> &Forced) {
  static const llvm::StringLiteral DirectoryFlags[] = {"-I", "-isystem", "-iquote", "-idirafter"};
  static const llvm::StringLiteral FileFlags[] = {"-include", "-imacros", "--include"};
  const std::vector<std::string> &Args = C.CommandLine;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    if (!A.starts_with("-"))
      continue;
    auto Take = [&](llvm::StringRef Flag, std::vector<std::string> &Into) {
      if (!A.starts_with(Flag))
        return false;
      llvm::StringRef Value = A.drop_front(Flag.size());
      if (Value.consume_front("="); Value.empty()) {
        if (I + 1 >= Args.size())
          return true;
        Value = Args[++I];
      }
      Into.push_back(Absolute.of(Value, C.Directory));
      return true;
    };
    bool Taken = false;
    for (llvm::StringRef F : FileFlags)
      if (!Taken && A.starts_with(F) && (A.size() == F.size() || A[F.size()] == '='))
        Taken = Take(F, Forced);
    for (llvm::StringRef F : DirectoryFlags)
      if (!Taken)
        Taken = Take(F, Directories);
  }
}

/// The deepest directory holding every unit's source, leaving out those in a command's directory (a kernel's
/// generated sources, in the build directory, which is a root of its own).
std::string commonDirectory(const std::vector<TUJob> &Jobs) {
  std::string Common;
  bool First = true;
  for (const TUJob &J : Jobs) {
    if (isUnderRoot(J.File, absolutePath(J.Command.Directory, "")))
      continue;
    llvm::StringRef Dir = llvm::sys::path::parent_path(J.File);
    if (First) {
      Common = Dir.str();
      First = false;
      continue;
    }
    while (!Common.empty() && !isUnderRoot(Dir, Common) && Dir != Common)
      Common = llvm::sys::path::parent_path(Common).str();
  }
  return Common;
}

/// Roots without duplicates or one inside another.
std::vector<std::string> outermost(std::vector<std::string> Roots) {
  for (std::string &R : Roots) {
    llvm::SmallString<256> P(R);
    llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
    R = P.str().str();
  }
  llvm::sort(Roots);
  std::vector<std::string> Out;
  for (std::string &R : Roots)
    if (Out.empty() || (R != Out.back() && !isUnderRoot(R, Out.back())))
      Out.push_back(std::move(R));
  return Out;
}

} // namespace

namespace {

void narrow(Selection &Units, const CliOptions &Options, std::vector<std::string> Names, bool UseCache,
            const FileOverlay *AlsoAs, llvm::raw_ostream &Notes) {
  auto Start = std::chrono::steady_clock::now();
  ScanRequest Request;
  Request.Allocators = std::move(Names);
  Request.Threads = Options.Jobs;
  Request.AlsoAs = AlsoAs;
  std::vector<std::vector<std::string>> ForcedOf(Units.Jobs.size());
  std::vector<std::string> Roots, Forced;
  llvm::StringSet<> SeenDirectories;
  AbsolutePaths Absolute;
  for (size_t I = 0; I < Units.Jobs.size(); ++I) {
    const TUJob &J = Units.Jobs[I];
    if (!J.SkipReason.empty())
      continue;
    Request.Units.push_back(J.File);
    std::vector<std::string> Directories;
    searchPathsOf(J.Command, Absolute, Directories, ForcedOf[I]);
    if (SeenDirectories.insert(J.Command.Directory).second)
      Roots.push_back(absolutePath(J.Command.Directory, ""));
    for (std::string &D : Directories)
      if (SeenDirectories.insert(D).second)
        Roots.push_back(std::move(D));
    Forced.insert(Forced.end(), ForcedOf[I].begin(), ForcedOf[I].end());
  }
  if (Request.Units.empty())
    return;
  std::string Tree = Options.SourceRootGiven ? Options.SourceRoot : commonDirectory(Units.Jobs);
  if (!Tree.empty())
    Roots.push_back(std::move(Tree));
  Request.Roots = outermost(std::move(Roots));
  llvm::sort(Forced);
  Forced.erase(std::unique(Forced.begin(), Forced.end()), Forced.end());
  Request.Extra = std::move(Forced);

  auto FallBack = [&](llvm::StringRef Why) {
    if (!Options.Quiet)
      Notes << "mmio-audit: note: selecting by preprocessing every unit: " << Why << "\n";
  };
  for (const std::string &R : Request.Roots)
    if (llvm::sys::path::parent_path(R).empty())
      return FallBack("the units' files and search directories are spread from " + R +
                      " (give --source-root, or --selection=preprocess)");
  if (!Options.CacheDir.empty() && !AlsoAs && UseCache) {
    // One cache file per set of roots: another tree, or the same one seen from other directories, has its own.
    llvm::SHA256 H;
    H.update(toolBuildStamp());
    for (const std::string &R : Request.Roots)
      H.update(llvm::utostr(R.size()) + ":" + R);
    llvm::SmallString<256> Path(Options.CacheDir);
    llvm::sys::fs::make_absolute(Path);
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    Request.SkipDirectories.push_back(std::string(Path.str().rtrim('/')));
    llvm::sys::path::append(Path, "scan", llvm::toHex(H.final(), /*LowerCase=*/true));
    Request.CachePath = std::string(Path);
  }
  llvm::Expected<TreeScan> Scan = TreeScan::run(Request);
  if (!Scan)
    return FallBack(llvm::toString(Scan.takeError()));

  size_t Kept = 0;
  llvm::StringMap<bool> ForcedMayCall;
  for (size_t I = 0; I < Units.Jobs.size(); ++I) {
    TUJob &J = Units.Jobs[I];
    if (!J.SkipReason.empty())
      continue;
    // A file missing from the command's own (build) directory is a build product not made yet (assumption 1).
    const std::string &BuildDirectory = Absolute.of(J.Command.Directory, "");
    auto NotBuilt = [&](const std::string &F) { return isUnderRoot(F, BuildDirectory) && !llvm::sys::fs::exists(F); };
    if (NotBuilt(J.File)) {
      J.SkipReason = NotGeneratedYet;
      continue;
    }
    bool MayCall = Scan->mayCall(J.File) || llvm::any_of(ForcedOf[I], [&](const std::string &F) {
                     // Every kernel unit forces the same few headers: each is looked at once.
                     auto [It, Inserted] = ForcedMayCall.try_emplace(BuildDirectory + '\0' + F);
                     if (Inserted)
                       It->second = !NotBuilt(F) && Scan->mayCall(F);
                     return It->second;
                   });
    if (MayCall)
      ++Kept;
    else
      J.SkipReason = NoFileNamesAnAllocator;
  }
  if (Options.Verbose) {
    double Seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
    Notes << llvm::formatv("mmio-audit: scan: {0} files ({1} MB) under", Scan->filesRead(), Scan->bytesRead() >> 20);
    for (const std::string &R : Request.Roots)
      Notes << " " << R;
    Notes << llvm::formatv(" in {0:f2}s, {1} round{2}", Seconds, Scan->rounds(), Scan->rounds() == 1 ? "" : "s");
    if (Scan->filesReused())
      Notes << llvm::formatv(" ({0} files unchanged since the cached scan)", Scan->filesReused());
    Notes << llvm::formatv("; {0} of {1} units kept\n", Kept, Request.Units.size());
    if (!Scan->cacheNote().empty())
      Notes << "  scan cache: " << Scan->cacheNote() << "\n";
    for (const std::string &M : Scan->derivedMacros())
      Notes << "  derived name: " << M << "\n";
    for (const std::string &F : Scan->callingFiles(/*OwnText=*/true))
      Notes << "  names an allocator: " << F << "\n";
  }
}

} // namespace

void narrowByScan(Selection &Units, const CliOptions &Options, const Ruleset &Rules, const FileOverlay *AlsoAs,
                  llvm::raw_ostream &Notes) {
  narrow(Units, Options, allocatorIdentifiers(Rules), /*UseCache=*/true, AlsoAs, Notes);
}

void narrowByScanFor(Selection &Units, const CliOptions &Options, std::vector<std::string> Names,
                     const FileOverlay *AlsoAs, llvm::raw_ostream &Notes) {
  narrow(Units, Options, std::move(Names), /*UseCache=*/false, AlsoAs, Notes);
}

} // namespace mmio
