// A translation unit that does not compile is not analysed by any front end: its own error is all there is, even
// though the call below would be a finding.
// RUN: not %clang_kernel %mmio_plugin %s 2>&1 | %diag_lines | FileCheck --match-full-lines %s
// RUN: not %tidy %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --match-full-lines %s
// RUN: %if mmio-audit-cli %{ not %mmio_audit %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --match-full-lines %s %}
#include "pci-hyperv.h"

int cfg(struct hv_pcibus_device *hbus)
{
	int ret = vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false)
	return ret;
}
// CHECK:      broken.c:10:108: error: expected ';' at end of declaration
// CHECK-NEXT: -- 1 diagnostic lines
