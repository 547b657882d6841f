// Loops: a bound that changes in a loop is widened to unknown (silent by default), never guessed; one the loop
// leaves alone keeps its value.
// RUN: %clang_kernel %mmio_plugin -Xclang -verify %s
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-unknown -Xclang -verify=expected,unknown %s
#include "pci-hyperv.h"

int try_windows(struct hv_pcibus_device *hbus)
{
	u64 lo = SZ_4G; // unknown-note {{'lo' changes in a loop the analysis does not unroll}}
	int ret = 1;

	while (ret && lo < SZ_8G) {
		ret = vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // unknown-warning {{cannot decide}} unknown-note {{min is unknown}}
		lo += SZ_1G;
	}
	return ret;
}

int retry_same_window(struct hv_pcibus_device *hbus, int tries)
{
	u64 lo = 0; // expected-note {{'lo' is 0x0}}
	int ret = 1;

	for (int i = 0; i < tries && ret; i++)
		ret = vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // expected-warning {{(min = 0x0,}} expected-note {{min is 0x0}}
	return ret;
}

int retry_same_window_ok(struct hv_pcibus_device *hbus, int tries)
{
	u64 lo = SZ_4G;
	int ret = 1;

	for (int i = 0; i < tries && ret; i++)
		ret = vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
	return ret;
}
