// Turning a rule off, in each front end's own words (plugin argument, CheckOptions Disable, --disable): the
// framebuffer-overlap rule the below-4GB rule implied then speaks, with the same note about the built-in range (which
// has no file to point at). Disable takes ids separated by ',' or ';'.
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-disable=hyperv-config-window-below-4g %s 2>&1 | %diag_lines | FileCheck --match-full-lines %s
// RUN: %tidy --config="{CheckOptions: {mmio-audit-rules.Disable: hyperv-config-window-below-4g}}" %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --match-full-lines %s
// RUN: %if mmio-audit-cli %{ %mmio_audit --disable=hyperv-config-window-below-4g %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --match-full-lines %s %}
// Both rules off: nothing.
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-disable=hyperv-config-window-below-4g,hyperv-config-window-fb-overlap %s 2>&1 | %diag_lines | FileCheck --check-prefix=NONE %s
// RUN: %tidy --config="{CheckOptions: {mmio-audit-rules.Disable: 'hyperv-config-window-below-4g; hyperv-config-window-fb-overlap'}}" %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --check-prefix=NONE %s
// RUN: %tidy --config="{CheckOptions: {mmio-audit-rules.Disable: 'hyperv-config-window-below-4g,hyperv-config-window-fb-overlap'}}" %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --check-prefix=NONE %s
// RUN: %if mmio-audit-cli %{ %mmio_audit --disable=hyperv-config-window-below-4g,hyperv-config-window-fb-overlap %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --check-prefix=NONE %s %}
// NONE: -- 0 diagnostic lines
#include "pci-hyperv.h"

int cfg(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

// Every front end, in canonical order (Inputs/diag-lines.py):
// CHECK:      disable.c:17:9: warning: config window request can overlap framebuffer range 'hyperv-framebuffer' (min = 0x0, max = 0xffffffffffffffff) [hyperv-config-window-fb-overlap]
// CHECK-NEXT: disable.c:17:60: note: min is 0x0
// CHECK-NEXT: disable.c:17:63: note: max is 0xffffffffffffffff (-1 converted to 'resource_size_t')
// CHECK-NEXT: note: range 'hyperv-framebuffer' is 0x0..0xffffffff: the Hyper-V framebuffer, somewhere in the low MMIO range below 4GB
// CHECK-NEXT: -- 4 diagnostic lines
