// Which translation units a run analyses: the database's, narrowed to the files and directories given and to one
// shard; assembly sources left out.
#ifndef MMIO_AUDIT_TOOLS_TUSELECTION_H
#define MMIO_AUDIT_TOOLS_TUSELECTION_H

#include "Options.h"

#include "report/Report.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <string>
#include <vector>

namespace mmio {

struct TUJob {
  clang::tooling::CompileCommand Command;
  std::string File;       // absolute
  std::string SkipReason; // set: not parsed ("assembly source"), reported as skipped
};

struct Selection {
  std::vector<TUJob> Jobs;
  /// Files given that cannot be analysed: they do not exist or have no compile command (failed units).
  std::vector<TUInfo> NotRun;
};

/// The units to analyse. An error when the database has none at all, or a directory given holds none.
llvm::Expected<Selection> selectTranslationUnits(const clang::tooling::CompilationDatabase &DB,
                                                 llvm::StringRef DatabaseName, const CliOptions &Options);

/// Units `Index`-of-`Count` (1-based) of `Jobs`: round-robin over them ordered by file, so each shard's share is
/// fixed by the database alone, whatever order it lists them in.
std::vector<TUJob> shardOf(std::vector<TUJob> Jobs, unsigned Index, unsigned Count);

} // namespace mmio

#endif
