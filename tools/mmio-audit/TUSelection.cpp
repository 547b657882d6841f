#include "TUSelection.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>

using clang::tooling::CompileCommand;

namespace mmio {

namespace {

bool isAssembly(llvm::StringRef File) {
  llvm::StringRef Ext = llvm::sys::path::extension(File);
  return Ext == ".S" || Ext == ".s" || Ext == ".asm" || Ext == ".sx";
}

TUJob jobFor(CompileCommand Command) {
  TUJob J;
  J.File = absolutePath(Command.Filename, Command.Directory);
  J.Command = std::move(Command);
  return J;
}

} // namespace

std::vector<TUJob> shardOf(std::vector<TUJob> Jobs, unsigned Index, unsigned Count) {
  if (Count <= 1)
    return Jobs;
  std::stable_sort(Jobs.begin(), Jobs.end(), [](const TUJob &A, const TUJob &B) {
    return std::tie(A.File, A.Command.Directory) < std::tie(B.File, B.Command.Directory);
  });
  std::vector<TUJob> Mine;
  for (size_t I = Index - 1; I < Jobs.size(); I += Count)
    Mine.push_back(std::move(Jobs[I]));
  return Mine;
}

llvm::Expected<Selection> selectTranslationUnits(const clang::tooling::CompilationDatabase &DB,
                                                 llvm::StringRef DatabaseName, const CliOptions &Options) {
  Selection S;
  std::vector<TUJob> Candidates;
  auto Add = [&](CompileCommand C) {
    TUJob J = jobFor(std::move(C));
    if (isAssembly(J.File))
      J.SkipReason = "assembly source";
    Candidates.push_back(std::move(J));
  };

  if (Options.Files.empty()) {
    std::vector<CompileCommand> All = DB.getAllCompileCommands();
    if (All.empty())
      return llvm::createStringError(std::errc::invalid_argument, "%s: the compilation database has no entries",
                                     DatabaseName.str().c_str());
    for (CompileCommand &C : All)
      Add(std::move(C));
  } else {
    std::vector<CompileCommand> All; // loaded on the first directory given
    for (const std::string &Given : Options.Files) {
      std::string File = absolutePath(Given, "");
      if (llvm::sys::fs::is_directory(File)) {
        if (All.empty())
          All = DB.getAllCompileCommands();
        size_t Before = Candidates.size();
        for (const CompileCommand &C : All)
          if (isUnderRoot(absolutePath(C.Filename, C.Directory), File))
            Add(C);
        if (Candidates.size() == Before)
          return llvm::createStringError(std::errc::invalid_argument,
                                         "%s: no translation unit of %s is in this directory", Given.c_str(),
                                         DatabaseName.str().c_str());
        continue;
      }
      if (!llvm::sys::fs::exists(File)) {
        S.NotRun.push_back({File, "", TUStatus::Failed, "no such file", ""});
        continue;
      }
      std::vector<CompileCommand> Commands = DB.getCompileCommands(File);
      if (Commands.empty()) {
        S.NotRun.push_back({File, "", TUStatus::Failed, ("no compile command in " + DatabaseName).str(), ""});
        continue;
      }
      for (CompileCommand &C : Commands)
        Add(std::move(C));
    }
  }
  S.Jobs = Options.ShardCount ? shardOf(std::move(Candidates), Options.ShardIndex, Options.ShardCount)
                              : std::move(Candidates);
  return S;
}

} // namespace mmio
