#include "RulesetPath.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace mmio {

std::string resolveRulesetPath(llvm::StringRef Option, llvm::StringRef MainFile) {
  namespace fs = llvm::sys::fs;
  namespace path = llvm::sys::path;
  if (Option.empty() || path::is_absolute(Option))
    return Option.str();
  for (llvm::StringRef Dir = path::parent_path(MainFile); !Dir.empty(); Dir = path::parent_path(Dir)) {
    llvm::SmallString<256> Config(Dir), Candidate(Dir);
    path::append(Config, ".clang-tidy");
    path::append(Candidate, Option);
    if (fs::is_regular_file(Config) && fs::exists(Candidate))
      return std::string(Candidate);
    if (Dir == path::root_path(Dir))
      break;
  }
  llvm::SmallString<256> FromCwd(Option);
  if (!fs::make_absolute(FromCwd) && fs::exists(FromCwd))
    return std::string(FromCwd);
  return Option.str();
}

} // namespace mmio
