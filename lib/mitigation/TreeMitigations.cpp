#include "mitigation/TreeMitigations.h"

#include "input/InputFile.h"
#include "mitigation/MitigationDetector.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

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

} // namespace

std::vector<FoundMitigation> findTreeMitigations(const Ruleset &Rules, llvm::StringRef TreeRoot) {
  std::vector<FoundMitigation> Found;
  llvm::SmallString<256> RealRoot;
  if (TreeRoot.empty() || llvm::sys::fs::real_path(TreeRoot, RealRoot))
    return Found;
  for (const MitigationSpec &M : Rules.Mitigations) {
    llvm::SmallString<256> Path(TreeRoot), RealPath;
    llvm::sys::path::append(Path, M.File);
    // A link out of the tree would let the tree vouch for a fix it does not carry.
    if (llvm::sys::fs::real_path(Path, RealPath) || !under(RealPath, RealRoot))
      continue;
    llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> Text = readInputFile(RealPath, MaxSourceBytes);
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
