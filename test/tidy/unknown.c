// A bound the analysis cannot compute: silent by default everywhere, reported with the same wording and notes when
// asked (plugin `unknown`, CheckOptions ReportUnknown, --unknown).
// RUN: %clang_kernel %mmio_plugin %s 2>&1 | %diag_lines | FileCheck --check-prefix=QUIET %s
// RUN: %tidy %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --check-prefix=QUIET %s
// RUN: %tidy --config="{CheckOptions: {mmio-audit-rules.ReportUnknown: false}}" %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --check-prefix=QUIET %s
// RUN: %if mmio-audit-cli %{ %mmio_audit %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --check-prefix=QUIET %s %}
// QUIET: -- 0 diagnostic lines
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-unknown %s 2>&1 | %diag_lines | FileCheck --match-full-lines %s
// RUN: %tidy --config="{CheckOptions: {mmio-audit-rules.ReportUnknown: true}}" %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --match-full-lines %s
// RUN: %if mmio-audit-cli %{ %mmio_audit --unknown %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --match-full-lines %s %}
#include "pci-hyperv.h"

int runtime_min(struct hv_pcibus_device *hbus, resource_size_t lo)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

int runtime_size(struct hv_pcibus_device *hbus, resource_size_t sz)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, SZ_4G, -1, sz, 0x1000, false);
}

// Every front end, in canonical order (Inputs/diag-lines.py):
// CHECK:      unknown.c:15:9: warning: cannot decide whether this call satisfies the rule: min is unknown [hyperv-config-window-below-4g]
// CHECK-NEXT: unknown.c:13:64: note: parameter 'lo' of 'runtime_min', which other translation units can call
// CHECK-NEXT: unknown.c:15:60: note: min is unknown
// CHECK-NEXT: -- 3 diagnostic lines
