// `mmio-audit kbuild`: the audit as Kbuild's source checker (`make C=1 CHECK="mmio-audit kbuild"`, as sparse and
// smatch run), one unit per run with the compiler's own flags, findings printed with the tool's name in them, and
// the build left to go on unless asked otherwise.
#ifndef MMIO_AUDIT_TOOLS_KBUILD_H
#define MMIO_AUDIT_TOOLS_KBUILD_H

namespace mmio {

/// Runs with `Argv[1]` == "kbuild"; returns the exit status (docs/cli.md, "In a kernel build").
int runKbuild(int Argc, const char **Argv);

} // namespace mmio

#endif
