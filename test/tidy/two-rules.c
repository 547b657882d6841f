// Two rules fire at one call, each with its fix-it: the front ends agree on both, and applying the fixes (clang's
// -fixit, clang-tidy --fix, mmio-audit --fix) gives the same file, which is then clean.
// RUN: %clang_kernel %mmio_plugin %s 2>&1 | %diag_lines | FileCheck --match-full-lines %s
// RUN: %tidy %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --match-full-lines %s
// RUN: %if mmio-audit-cli %{ %mmio_audit %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --match-full-lines %s %}
// RUN: rm -rf %t && mkdir -p %t/cli
// RUN: cp %s %t/plugin.c && %clang_kernel %mmio_plugin -Xclang -fixit %t/plugin.c 2>/dev/null
// RUN: cp %s %t/tidy.c && %tidy --fix %t/tidy.c -- %kernel_flags 2>&1 | FileCheck --check-prefix=APPLIED %s
// APPLIED: clang-tidy applied 2 of 2 suggested fixes.
// RUN: diff %t/plugin.c %t/tidy.c
// RUN: %if mmio-audit-cli %{ cp %s %t/cli/two-rules.c && cd %t/cli && %mmio_audit --fix two-rules.c -- %kernel_flags > /dev/null 2>&1 && diff %t/plugin.c %t/cli/two-rules.c %}
// RUN: sed -n 20p %t/tidy.c | FileCheck --check-prefix=FIXED --match-full-lines %s
// FIXED: return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, SZ_4G, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
// RUN: %tidy %t/tidy.c -- %kernel_flags 2>&1 | %diag_lines | FileCheck --check-prefix=CLEAN %s
// CLEAN: -- 0 diagnostic lines
#include "pci-hyperv.h"

int cfg(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, true);
}

// Every front end, in canonical order (Inputs/diag-lines.py):
// CHECK:      two-rules.c:20:9: warning: config window request allows overlap with the framebuffer (fb_overlap_ok = 0x1) [hyperv-config-window-fb-overlap-ok]
// CHECK-NEXT: two-rules.c:20:99: note: fb_overlap_ok is 0x1
// CHECK-NEXT: types.h:10:14: note: expanded from macro 'true'
// CHECK-NEXT: two-rules.c:20:9: warning: config window request can start below 4GB (min = 0x0, max = 0xffffffffffffffff) [hyperv-config-window-below-4g]
// CHECK-NEXT: two-rules.c:20:60: note: min is 0x0
// CHECK-NEXT: -- 5 diagnostic lines
