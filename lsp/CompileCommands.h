// Finds the compile command for a file as clangd does: a compile_commands.json (or compile_flags.txt) in the file's
// directory or above (also in a build/ subdirectory of each), or in --compile-commands-dir; files the database does
// not list borrow a neighbour's command; without any database, a plain `clang FILE`. The command is then cleaned up
// for analysis as the CLI does it (GCC-only flags dropped, -fsyntax-only).
#ifndef MMIO_AUDIT_LSP_COMPILECOMMANDS_H
#define MMIO_AUDIT_LSP_COMPILECOMMANDS_H

#include "tooling/FlagCleanup.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Chrono.h"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace mmio::lsp {

struct PreparedCommand {
  std::vector<std::string> Args; // argv, compiler first, ready for clang::tooling::ToolInvocation
  std::string Directory;         // the working directory to run it in
  std::string Source;            // the database it came from, or empty for the fallback command
  bool Inferred = false;         // borrowed from another file of the database
};

class CompileCommands {
public:
  /// `ForcedDir`: --compile-commands-dir (empty: search upwards from each file).
  CompileCommands(std::string ForcedDir, FlagCleanupOptions Cleanup)
      : ForcedDir(std::move(ForcedDir)), Cleanup(std::move(Cleanup)) {}

  /// The command for `File` (absolute). Thread-safe; databases are loaded once and reloaded when they change.
  PreparedCommand commandFor(llvm::StringRef File);

  /// The database file that would govern `File`, if any.
  std::string databaseFor(llvm::StringRef File) const;

private:
  struct Loaded {
    std::unique_ptr<clang::tooling::CompilationDatabase> DB;
    llvm::sys::TimePoint<> ModTime;
    std::string Error;
  };
  const Loaded &load(const std::string &DatabaseFile);

  std::string ForcedDir;
  FlagCleanupOptions Cleanup;
  std::mutex Mutex;
  llvm::StringMap<Loaded> Databases;
};

} // namespace mmio::lsp

#endif
