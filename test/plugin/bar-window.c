// The seed's residual risk, an opt-in rule: the 32-bit BAR window must lie below 4GB, where a kdump kernel's
// unreserved framebuffer can be. Off by default; enable=ID turns it on; the 64-bit window is never its business.
// RUN: %clang_kernel %mmio_plugin -fsyntax-only %s 2>&1 | count 0
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-enable=hyperv-bar-window-fb-overlap -Xclang -verify %s
// RUN: not %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-enable=hyperv-bar-window %s 2>&1 | FileCheck %s --check-prefix=NO-SUCH
// RUN: not %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-enable=,, %s 2>&1 | FileCheck %s --check-prefix=EMPTY
// Disabling wins over enabling.
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-enable=hyperv-bar-window-fb-overlap -fplugin-arg-mmio_audit-disable=hyperv-bar-window-fb-overlap %s 2>&1 | count 0
// NO-SUCH: error: mmio_audit: cannot enable rule 'hyperv-bar-window': no such rule in <builtin>/hyperv.yaml
// EMPTY: error: mmio_audit: plugin argument 'enable=,,' has an empty rule id (expected enable=ID[,ID...])
#include "pci-hyperv.h"

// As hv_pci_allocate_bridge_windows() asks for it in Debian's 6.1 and 6.12.
int low_window(struct hv_pcibus_device *hbus, resource_size_t align)
{
	return vmbus_allocate_mmio(&hbus->low_mmio_res, hbus->hdev, 0, (u64)(u32)0xffffffff, // expected-warning {{32-bit BAR window request can overlap framebuffer range 'hyperv-framebuffer' (min = 0x0, max = 0xffffffff) [hyperv-bar-window-fb-overlap]}} expected-note {{min is 0x0}} expected-note {{max is 0xffffffff}} expected-note@* {{range 'hyperv-framebuffer' is 0x0..0xffffffff}}
				   hbus->low_mmio_space, align, false);
}

// Negative: the 64-bit window starts at 4GB.
int high_window(struct hv_pcibus_device *hbus, resource_size_t align)
{
	return vmbus_allocate_mmio(&hbus->high_mmio_res, hbus->hdev, 0x100000000, -1, hbus->high_mmio_space, align,
				   false);
}
