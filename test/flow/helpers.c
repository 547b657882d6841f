// Static helpers: a parameter takes the values of every visible call. The warning is at the allocator call inside
// the helper, with a note at each caller that passes an offending value.
// RUN: %clang_kernel %mmio_plugin -Xclang -verify %s
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-unknown -Xclang -verify=expected,unknown %s
#include "pci-hyperv.h"

static int alloc_cfg(struct hv_pcibus_device *hbus, resource_size_t lo)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // expected-warning {{can start below 4GB (min = 0x0, max = 0xffffffffffffffff) [hyperv-config-window-below-4g]}} expected-note {{min is 0x0}}
}

int probe_high(struct hv_pcibus_device *hbus) { return alloc_cfg(hbus, SZ_4G); }
int probe_low(struct hv_pcibus_device *hbus) { return alloc_cfg(hbus, 0); } // expected-note {{'lo' is 0x0 in this call of 'alloc_cfg'}}

// The near-twin: every caller passes SZ_4G.
static int alloc_cfg_ok(struct hv_pcibus_device *hbus, resource_size_t lo)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

int probe_ok_a(struct hv_pcibus_device *hbus) { return alloc_cfg_ok(hbus, SZ_4G); }
int probe_ok_b(struct hv_pcibus_device *hbus) { return alloc_cfg_ok(hbus, SZ_8G); }

// Two levels of static helpers.
static int inner(struct hv_pcibus_device *hbus, u64 lo)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // expected-warning {{(min = 0x1000,}} expected-note {{min is 0x1000}}
}
static int outer(struct hv_pcibus_device *hbus, u64 base)
{
	return inner(hbus, base + 0x1000); // expected-note {{'lo' is 0x1000 in this call of 'inner'}}
}
int probe_two_levels(struct hv_pcibus_device *hbus) { return outer(hbus, 0); } // expected-note {{'base' is 0x0 in this call of 'outer'}}

// A helper whose address escapes has callers the analysis cannot see: unknown, silent unless asked.
static int hooked(struct hv_pcibus_device *hbus, u64 lo)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // unknown-warning {{cannot decide whether this call satisfies the rule: min is unknown [hyperv-config-window-below-4g]}} unknown-note {{min is unknown}}
}
// unknown-note@-4 {{parameter 'lo' of 'hooked', whose address is taken}}
int (*hook)(struct hv_pcibus_device *, u64) = hooked;
int probe_hooked(struct hv_pcibus_device *hbus) { return hooked(hbus, SZ_4G); }

// A non-static function with no visible callers: unknown.
int exported(struct hv_pcibus_device *hbus, u64 lo)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // unknown-warning {{cannot decide}} unknown-note {{min is unknown}}
}
// unknown-note@-4 {{parameter 'lo' of 'exported', which other translation units can call}}
