// The config window after the fix (min = SZ_4G, as in the seed patch): nothing to report.
// RUN: %clang_kernel %mmio_plugin -Xclang -verify %s
// RUN: %clang_kernel %mmio_plugin %s 2>&1 | count 0
// expected-no-diagnostics
#include "pci-hyperv.h"

static int hv_allocate_config_window(struct hv_pcibus_device *hbus)
{
	int ret;

	ret = vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, SZ_4G, -1,
				  PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
	return ret;
}

int probe(struct hv_pcibus_device *hbus) { return hv_allocate_config_window(hbus); }
