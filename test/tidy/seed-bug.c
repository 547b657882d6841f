// The seed bug through the three front ends, as clazy tests its own: the plugin (-fplugin), the clang-tidy module
// (--load) and the CLI (mmio-audit FILE -- ARGS) report the same warning and notes, line for line, and their fix-its
// turn the file into the same fixed file.
// RUN: %clang_kernel %mmio_plugin %s 2>&1 | %diag_lines | FileCheck --match-full-lines %s
// RUN: %tidy %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --match-full-lines %s
// RUN: %if mmio-audit-cli %{ %mmio_audit %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --match-full-lines %s %}
// CHECK:      seed-bug.c:28:8: warning: config window request can start below 4GB (min = 0x0, max = 0xffffffffffffffff) [hyperv-config-window-below-4g]
// CHECK-NEXT: seed-bug.c:28:59: note: min is 0x0
// CHECK-NEXT: -- 2 diagnostic lines

// RUN: rm -rf %t && mkdir -p %t/plugin %t/tidy %t/cli
// RUN: cp %s %t/plugin/seed.c && %clang_kernel %mmio_plugin -Xclang -fixit %t/plugin/seed.c 2>/dev/null
// RUN: cp %s %t/tidy/seed.c && %tidy --fix %t/tidy/seed.c -- %kernel_flags 2>&1 | FileCheck --check-prefix=APPLIED %s
// APPLIED: clang-tidy applied 1 of 1 suggested fixes.
// RUN: diff %t/plugin/seed.c %t/tidy/seed.c
// RUN: %if mmio-audit-cli %{ cp %s %t/cli/seed.c && cd %t/cli && %mmio_audit --fix seed.c -- %kernel_flags > /dev/null 2>&1 && diff %t/plugin/seed.c %t/cli/seed.c %}
// RUN: sed -n 28p %t/tidy/seed.c | FileCheck --check-prefix=FIXED %s
// FIXED: ret = vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, SZ_4G, -1,
// The fixed file is clean in every front end.
// RUN: %tidy %t/tidy/seed.c -- %kernel_flags 2>&1 | %diag_lines | FileCheck --check-prefix=CLEAN %s
// CLEAN: -- 0 diagnostic lines
#include "pci-hyperv.h"

static int hv_allocate_config_window(struct hv_pcibus_device *hbus)
{
	int ret;

	ret = vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1,
				  PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
	return ret;
}

int probe(struct hv_pcibus_device *hbus) { return hv_allocate_config_window(hbus); }
