// Notes along the path a value took (an assignment on one branch, a caller's argument, a wrapper that passes its
// parameter on) are the same in every front end.
// RUN: %clang_kernel %mmio_plugin %s 2>&1 | %diag_lines | FileCheck --match-full-lines %s
// RUN: %tidy %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --match-full-lines %s
// RUN: %if mmio-audit-cli %{ %mmio_audit %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --match-full-lines %s %}
#include "pci-hyperv.h"

int one_branch(struct hv_pcibus_device *hbus, int high)
{
	resource_size_t lo = 0;

	if (high)
		lo = SZ_4G;
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

static int alloc_cfg(struct hv_pcibus_device *hbus, resource_size_t lo)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

int probe_low(struct hv_pcibus_device *hbus) { return alloc_cfg(hbus, 0); }
int probe_high(struct hv_pcibus_device *hbus) { return alloc_cfg(hbus, SZ_4G); }

int hv_alloc_cfg(struct hv_pcibus_device *hbus, resource_size_t lo)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

int wrapper_user(struct hv_pcibus_device *hbus) { return hv_alloc_cfg(hbus, SZ_2G); }

// Every front end, in canonical order (Inputs/diag-lines.py):
// CHECK:      flow.c:14:9: warning: config window request can start below 4GB (min = 0x0, max = 0xffffffffffffffff) [hyperv-config-window-below-4g]
// CHECK-NEXT: flow.c:10:18: note: 'lo' is 0x0
// CHECK-NEXT: flow.c:14:60: note: min is 0x0
// CHECK-NEXT: flow.c:19:9: warning: config window request can start below 4GB (min = 0x0, max = 0xffffffffffffffff) [hyperv-config-window-below-4g]
// CHECK-NEXT: flow.c:22:71: note: 'lo' is 0x0 in this call of 'alloc_cfg'
// CHECK-NEXT: flow.c:19:60: note: min is 0x0
// CHECK-NEXT: flow.c:30:58: warning: config window request can start below 4GB (min = 0x80000000, max = 0xffffffffffffffff) [hyperv-config-window-below-4g]
// CHECK-NEXT: flow.c:30:77: note: 'lo' is 0x80000000 in this call of 'hv_alloc_cfg'
// CHECK-NEXT: sizes.h:11:15: note: expanded from macro 'SZ_2G'
// CHECK-NEXT: flow.c:27:60: note: min is 0x80000000
// CHECK-NEXT: flow.c:27:9: note: 'hv_alloc_cfg' passes them on to 'vmbus_allocate_mmio' here
// CHECK-NEXT: -- 11 diagnostic lines
