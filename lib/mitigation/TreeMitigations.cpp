#include "mitigation/TreeMitigations.h"

#include "input/InputFile.h"
#include "mitigation/MitigationDetector.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <optional>

namespace mmio {

namespace {

/// drivers/hv/vmbus_drv.c is 80 KiB; a file that holds a fix is a driver's, not a few MiB of generated tables, and
/// the cap bounds the memory its tokens take.
constexpr uint64_t MaxSourceBytes = 4u << 20;

bool under(llvm::StringRef Path, llvm::StringRef Root) {
  if (Root == "/")
    return Path.size() > 1 && Path.front() == '/';
  return Path.starts_with(Root) && Path.size() > Root.size() && llvm::sys::path::is_separator(Path[Root.size()]);
}

/// `Root`'s copy of `File`, resolved, if it is a file there and links do not lead out of `Root`.
std::optional<std::string> fileUnder(llvm::StringRef Root, llvm::StringRef File) {
  llvm::SmallString<256> RealRoot, Path(Root), RealPath;
  if (Root.empty() || llvm::sys::fs::real_path(Root, RealRoot))
    return std::nullopt;
  llvm::sys::path::append(Path, File);
  // A link out of the tree would let the tree vouch for a fix it does not carry.
  if (llvm::sys::fs::real_path(Path, RealPath) || !under(RealPath, RealRoot))
    return std::nullopt;
  return std::string(RealPath);
}

} // namespace

std::vector<FoundMitigation> findTreeMitigations(const Ruleset &Rules, llvm::StringRef TreeRoot,
                                                 llvm::StringRef Overlay) {
  std::vector<FoundMitigation> Found;
  for (const MitigationSpec &M : Rules.Mitigations) {
    // The overlay's copy wins even when the fix is gone from it: that is what the patched tree holds.
    llvm::SmallString<256> InOverlay(Overlay);
    llvm::sys::path::append(InOverlay, M.File);
    llvm::StringRef Root = !Overlay.empty() && llvm::sys::fs::exists(InOverlay) ? Overlay : TreeRoot;
    llvm::SmallString<256> Path(Root);
    llvm::sys::path::append(Path, M.File);
    std::optional<std::string> RealPath = fileUnder(Root, M.File);
    if (!RealPath)
      continue;
    llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> Text = readInputFile(*RealPath, MaxSourceBytes);
    if (!Text) {
      llvm::consumeError(Text.takeError());
      continue;
    }
    if (std::optional<PatternMatch> Match = findInFunction((*Text)->getBuffer(), M.Function, M.Code))
      Found.push_back({&M, FileLocation{std::string(Path), Match->Line, Match->Column}});
  }
  return Found;
}

const FoundMitigation *mitigationFor(const Rule &Rl, const std::vector<FoundMitigation> &Found) {
  for (const std::string &Id : Rl.MitigatedBy)
    for (const FoundMitigation &F : Found)
      if (F.Spec->Id == Id)
        return &F;
  return nullptr;
}

} // namespace mmio
