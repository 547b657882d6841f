// Delivering a run's outputs: the report (a file, or standard output), --export-fixes and --fix, all or nothing.
// Every file is first written in full beside its target; only when all of them are, and the report reached
// standard output, are they renamed into place, with interrupts held off for the renames alone. So a run that
// ends interrupted, or whose report cannot be written, leaves no output and applies no fix.
#ifndef MMIO_AUDIT_TOOLS_DELIVERY_H
#define MMIO_AUDIT_TOOLS_DELIVERY_H

#include "Audit.h"
#include "Options.h"

namespace mmio {

/// Delivers what `Options` asks for from `Result`; returns `Code`, or ExitFailure when something was not
/// delivered. A standard output closed early (`| head`) ends the process as SIGPIPE does, quietly.
int deliverOutputs(const CliOptions &Options, const AuditResult &Result, int Code);

} // namespace mmio

#endif
