// Where the ruleset named by a `.clang-tidy` CheckOption is: clang-tidy does not say which configuration file an
// option came from, so a relative path is looked up the way a user writing it next to `.clang-tidy` means it.
#ifndef MMIO_AUDIT_TIDY_RULESETPATH_H
#define MMIO_AUDIT_TIDY_RULESETPATH_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace mmio {

/// `Option` as a path to read. An absolute path is used as given. A relative one is taken against the nearest
/// directory above `MainFile` (the file being checked, absolute) that holds a `.clang-tidy` and that file, then
/// against the working directory (for `--config=` on the command line); when neither has it, the path is returned
/// as given, so the error names what the user wrote.
std::string resolveRulesetPath(llvm::StringRef Option, llvm::StringRef MainFile);

} // namespace mmio

#endif
