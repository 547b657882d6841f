// Finding and loading the compilation database: -p BUILD_DIR, the arguments after `--`, or a
// compile_commands.json above the files given. Every failure is an error naming the file, never a crash.
#ifndef MMIO_AUDIT_TOOLS_COMPILEDATABASE_H
#define MMIO_AUDIT_TOOLS_COMPILEDATABASE_H

#include "Options.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>

namespace mmio {

struct LoadedDatabase {
  std::unique_ptr<clang::tooling::CompilationDatabase> Database;
  std::string Source; // the compile_commands.json, or "the command line"
};

llvm::Expected<LoadedDatabase> loadCompilationDatabase(const CliOptions &Options);

} // namespace mmio

#endif
