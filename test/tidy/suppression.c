// Suppression comments (`mmio-audit: ignore[RULE] -- REASON`, see lib/report/Suppression.h) silence a finding in
// every front end, and a comment without a reason gets the same note in each. (nolint.c has clang-tidy's own NOLINT.)
// RUN: %clang_kernel %mmio_plugin %s 2>&1 | %diag_lines | FileCheck --match-full-lines %s
// RUN: %tidy %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --match-full-lines %s
// RUN: %if mmio-audit-cli %{ %mmio_audit %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --match-full-lines %s %}
#include "pci-hyperv.h"

int same_line(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // mmio-audit: ignore[hyperv-config-window-below-4g] -- the host places this window itself
}

int line_above(struct hv_pcibus_device *hbus)
{
	/* mmio-audit: ignore[hyperv-*] -- reviewed: firmware reserves the framebuffer */
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

int no_reason(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // mmio-audit: ignore[hyperv-config-window-below-4g]
}

int other_rule(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // mmio-audit: ignore[hyperv-config-window-fb-overlap-ok] -- not this one
}

// CHECK:      suppression.c:21:9: warning: config window request can start below 4GB (min = 0x0, max = 0xffffffffffffffff) [hyperv-config-window-below-4g]
// CHECK-NEXT: suppression.c:21:60: note: min is 0x0
// CHECK-NEXT: suppression.c:21:110: note: this suppression comment does not apply: it gives no reason (write '-- REASON' after the rule ids)
// CHECK-NEXT: suppression.c:26:9: warning: config window request can start below 4GB (min = 0x0, max = 0xffffffffffffffff) [hyperv-config-window-below-4g]
// CHECK-NEXT: suppression.c:26:60: note: min is 0x0
// CHECK-NEXT: -- 5 diagnostic lines
