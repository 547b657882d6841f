// hyperv-config-window-fb-overlap on its own (the below-4GB rule, which implies it, turned off): a window that
// reaches below 4GB can overlap the framebuffer; one entirely above 4GB cannot.
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-disable=hyperv-config-window-below-4g -Xclang -verify %s
#include "pci-hyperv.h"
// The built-in ruleset has no file to point at, so the range note comes without a location.
// expected-note@*:* {{range 'hyperv-framebuffer' is 0x0..0xffffffff: the Hyper-V framebuffer, somewhere in the low MMIO range below 4GB}}

int reaches_fb(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, SZ_2G, SZ_4G + SZ_1G, // expected-warning {{can overlap framebuffer range 'hyperv-framebuffer' (min = 0x80000000, max = 0x140000000)}} expected-note {{min is 0x80000000}} expected-note {{max is 0x140000000}}
				   PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

int above_4g(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, SZ_4G, SZ_8G - 1,
				   PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
