// A call reviewed as safe is silenced by a comment naming the rule and saying why; without a reason the comment
// silences nothing and the plugin says what is missing.
// RUN: %clang_kernel %mmio_plugin -Xclang -verify %s
#include "pci-hyperv.h"

int reviewed(struct hv_pcibus_device *hbus)
{
	// mmio-audit: ignore[hyperv-config-window-below-4g] -- this host reserves the framebuffer above 4GB
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

int reviewed_same_line(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); /* mmio-audit: ignore hyperv-* -- test fixture */
}

int no_reason(struct hv_pcibus_device *hbus)
{
	// mmio-audit: ignore[hyperv-config-window-below-4g]
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // expected-warning {{[hyperv-config-window-below-4g]}} expected-note {{min is 0x0}}
}
// expected-note@19 {{suppression}}

int other_rule(struct hv_pcibus_device *hbus)
{
	// mmio-audit: ignore[hyperv-config-window-fb-overlap-ok] -- a different rule
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // expected-warning {{[hyperv-config-window-below-4g]}} expected-note {{min is 0x0}}
}
