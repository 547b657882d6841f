// Bounds are the values the call passes, after conversion to resource_size_t (64-bit on x86_64).
// RUN: %clang_kernel %mmio_plugin -Xclang -verify %s
#include "pci-hyperv.h"

int truncated(struct hv_pcibus_device *hbus)
{
	// (u32)SZ_4G is 0: the conversion loses the bit that made it 4GB.
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, (u32)SZ_4G, -1, // expected-warning {{(min = 0x0, max = 0xffffffffffffffff)}} expected-note {{min is 0x0}}
				   PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

int shifted(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 1ULL << 32, ~0ULL,
				   PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

int negative_min(struct hv_pcibus_device *hbus)
{
	// -1 as min is the highest address, not a low one: not below 4GB, but no window of 8 KiB starts there.
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, -1, -1, // expected-warning {{MMIO request window [0xffffffffffffffff, 0xffffffffffffffff] cannot hold 0x2000 bytes aligned to 0x1000 [hyperv-request-unsatisfiable]}} expected-note {{min is 0xffffffffffffffff (-1 converted to 'resource_size_t')}} expected-note {{max is 0xffffffffffffffff (-1 converted to 'resource_size_t')}} expected-note@+1 {{size is 0x2000}} expected-note@+1 {{align is 0x1000}}
				   PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

int just_below(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, SZ_4G - 1, -1, // expected-warning {{(min = 0xffffffff, max = 0xffffffffffffffff)}} expected-note {{min is 0xffffffff}}
				   PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
