// clang-tidy's NOLINT comments name the module's check, mmio-audit-rules (or a glob over it).
// RUN: %tidy %s -- %kernel_flags 2>&1 | FileCheck %s
// CHECK: nolint.c:15:9: warning: config window request can start below 4GB
// CHECK-NOT: warning:
// CHECK: Suppressed 2 warnings (2 NOLINT).
#include "pci-hyperv.h"

int nolint(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // NOLINT(mmio-audit-rules)
}

int other_check(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // NOLINT(bugprone-*)
}

int nolint_next_line(struct hv_pcibus_device *hbus)
{
	// NOLINTNEXTLINE(mmio-audit-*)
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
