// How severities map onto clang-tidy: a finding is a warning (clang-tidy's diag() level), a rule of severity error
// is an error (DiagnosticIDs::Error), and clang-tidy's own WarningsAsErrors promotes findings as it promotes any
// check's warnings, as the plugin's werror and the CLI's --werror do.
// RUN: %tidy %s -- %kernel_flags 2>&1 | FileCheck %s --check-prefix=WARN
// WARN: severity.c:29:9: warning: config window request can start below 4GB (min = 0x0, max = 0xffffffffffffffff) [hyperv-config-window-below-4g] [mmio-audit-rules]
// RUN: not %tidy --warnings-as-errors='mmio-audit-*' %s -- %kernel_flags 2>&1 | FileCheck %s --check-prefix=WERROR
// WERROR: severity.c:29:9: error: config window request can start below 4GB (min = 0x0, max = 0xffffffffffffffff) [hyperv-config-window-below-4g] [mmio-audit-rules,-warnings-as-errors]
// WERROR: 1 warning treated as error
// Promoted warnings still get fixed by --fix.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/werror.c
// RUN: not %tidy --warnings-as-errors='mmio-audit-*' --fix %t/werror.c -- %kernel_flags > /dev/null 2>&1
// RUN: sed -n 29p %t/werror.c | FileCheck %s --check-prefix=FIXED
// FIXED: return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, SZ_4G, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
// A rule of severity error is an error; clang-tidy applies fixes for errors only with --fix-errors (which then
// exits 0, as it does for compiler errors it fixed).
// RUN: not %tidy --config="{CheckOptions: {mmio-audit-rules.Rules: %S/Inputs/error-fixit.yaml}}" %s -- %kernel_flags 2>&1 | FileCheck %s --check-prefix=ERROR
// ERROR: severity.c:29:9: error: config window request can start below 4GB (min = 0x0) [config-window-below-4g-error] [mmio-audit-rules]
// ERROR: Found compiler error(s).
// RUN: cp %s %t/error.c
// RUN: not %tidy --config="{CheckOptions: {mmio-audit-rules.Rules: %S/Inputs/error-fixit.yaml}}" --fix %t/error.c -- %kernel_flags > /dev/null 2>&1
// RUN: cmp %s %t/error.c
// RUN: %tidy --config="{CheckOptions: {mmio-audit-rules.Rules: %S/Inputs/error-fixit.yaml}}" --fix-errors %t/error.c -- %kernel_flags 2>&1 | FileCheck %s --check-prefix=FIXERRORS
// FIXERRORS: clang-tidy applied 1 of 1 suggested fixes.
// RUN: sed -n 29p %t/error.c | FileCheck %s --check-prefix=FIXED
#include "pci-hyperv.h"

int cfg(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
