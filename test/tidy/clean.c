// Nothing to report, in any front end: the fixed config window, and allocations that are not config windows.
// RUN: %clang_kernel %mmio_plugin %s 2>&1 | %diag_lines | FileCheck --match-full-lines %s
// RUN: %tidy %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --match-full-lines %s
// RUN: %if mmio-audit-cli %{ %mmio_audit %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --match-full-lines %s %}
// CHECK: -- 0 diagnostic lines
#include "pci-hyperv.h"

static int hv_allocate_config_window(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, SZ_4G, -1,
				   PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

int probe(struct hv_pcibus_device *hbus) { return hv_allocate_config_window(hbus); }

int hv_pci_allocate_bridge_windows(struct hv_pcibus_device *hbus, resource_size_t align)
{
	int ret = vmbus_allocate_mmio(&hbus->low_mmio_res, hbus->hdev, 0, (u64)(u32)0xffffffff,
				      hbus->low_mmio_space, align, false);
	if (ret)
		return ret;
	return vmbus_allocate_mmio(&hbus->high_mmio_res, hbus->hdev, 0x100000000, -1,
				   hbus->high_mmio_space, align, false);
}
