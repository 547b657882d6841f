// Rules can be turned off by id. With the below-4GB rule off, the framebuffer-overlap rule it implied speaks.
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-disable=hyperv-config-window-below-4g -Xclang -verify=overlap %s
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-disable=hyperv-config-window-below-4g,hyperv-config-window-fb-overlap -Xclang -verify=none %s
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-disable=hyperv-config-window-below-4g -fplugin-arg-mmio_audit-disable=hyperv-config-window-fb-overlap -Xclang -verify=none %s
// RUN: not %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-disable=no-such-rule %s 2>&1 | FileCheck %s --check-prefix=BAD
// none-no-diagnostics
#include "pci-hyperv.h"
// The built-in ruleset has no file to point at, so the range note comes without a location.
// overlap-note@*:* {{range 'hyperv-framebuffer' is 0x0..0xffffffff: the Hyper-V framebuffer, somewhere in the low MMIO range below 4GB}}

int cfg(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, // overlap-warning {{config window request can overlap framebuffer range 'hyperv-framebuffer' (min = 0x0, max = 0xffffffffffffffff) [hyperv-config-window-fb-overlap]}} overlap-note {{min is 0x0}} overlap-note {{max is 0xffffffffffffffff (-1 converted to 'resource_size_t')}}
				   PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
// BAD: error: mmio_audit: cannot disable rule 'no-such-rule': no such rule in <builtin>/hyperv.yaml
