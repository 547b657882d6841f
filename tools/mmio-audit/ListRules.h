// --list-rules: what a ruleset says, as the session loaded it, for people choosing what to enable and for tools that
// need its allocators and rule ids before they compile anything (tools/mmio-audit-backports picks its units by the
// allocators' names), so that no tool parses the YAML a second time.
#ifndef MMIO_AUDIT_TOOLS_LISTRULES_H
#define MMIO_AUDIT_TOOLS_LISTRULES_H

#include "Options.h"

#include "session/AuditSession.h"

namespace mmio {

/// Writes the description in the report format asked for (text, or JSON; SARIF has no such document) to standard
/// output or, atomically, to `Options.OutputPath`. Returns the exit status: 0, or 2 when it cannot be written.
int listRules(const AuditSession &Session, const CliOptions &Options);

} // namespace mmio

#endif
