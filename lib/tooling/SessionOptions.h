// The command-line options of every front end that runs a session from its own command line (the CLI and the
// language server): the ruleset and what to check, and how compile commands are cleaned up. Declared once, so the
// two spell and document them alike.
#ifndef MMIO_AUDIT_TOOLING_SESSIONOPTIONS_H
#define MMIO_AUDIT_TOOLING_SESSIONOPTIONS_H

#include "session/AuditSession.h"
#include "tooling/FlagCleanup.h"

#include "llvm/Support/CommandLine.h"

namespace mmio {

/// The category the options are listed under in --help; a front end shows it beside its own.
llvm::cl::OptionCategory &sessionOptionCategory();

/// Offers the options in `Sub` as well as at the top level; call before parsing.
void addSessionOptionsTo(llvm::cl::SubCommand &Sub);

/// After llvm::cl has parsed the command line: --rules, --disable, --unknown, --werror.
AuditSettings sessionSettingsFromCommandLine();

/// After llvm::cl has parsed the command line: --drop-flag, --extra-arg, --extra-arg-before, --resource-dir.
FlagCleanupOptions cleanupOptionsFromCommandLine();

/// An error naming the first --drop-flag that is not an option prefix.
llvm::Error checkCleanupOptions(const FlagCleanupOptions &Options);

} // namespace mmio

#endif
