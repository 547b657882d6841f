// `list-calls` names every allocator call with the values of its roles, config window or not, clean or not: the
// inventory an audit of a tree starts from.
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-list-calls %s 2>&1 | FileCheck %s
// RUN: %clang_kernel %mmio_plugin %s 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty
#include "pci-hyperv.h"

int windows(struct hv_pcibus_device *hbus, int big)
{
	u64 lo = big ? SZ_4G : SZ_4G + SZ_1G;

	if (vmbus_allocate_mmio(&hbus->low_mmio_res, hbus->hdev, 0, (u64)(u32)0xffffffff, hbus->low_mmio_space, 0x100000, false))
		return -1;
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
// CHECK: list-calls.c:11:6: remark: vmbus_allocate_mmio call in 'windows': min = 0x0, max = 0xffffffff, size = unknown, align = 0x100000, fb_overlap_ok = 0x0 [mmio-audit-call]
// CHECK: list-calls.c:13:9: remark: vmbus_allocate_mmio call in 'windows': min = 0x100000000 or 0x140000000, max = 0xffffffffffffffff, size = 0x2000, align = 0x1000, fb_overlap_ok = 0x0 [mmio-audit-call]
// QUIET-NOT: remark
