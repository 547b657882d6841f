// Bounds held in local structs and arrays: designated and positional initialisers (omitted members are zero), then
// member and element assignments, followed like scalar locals. A struct or array whose address escapes, an element at
// an index the analysis cannot pin down, or a whole-struct copy make the members unknown, never a stale value.
// RUN: %clang_kernel %mmio_plugin -Xclang -verify %s
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-list-calls %s 2>&1 | FileCheck %s --check-prefix=BOUNDS
#include "pci-hyperv.h"

struct window {
	resource_size_t min, max;
	bool overlap;
};

int designated(struct hv_pcibus_device *hbus)
{
	struct window w = { .max = -1 }; // expected-note {{'w.min' is 0x0}}

	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, w.min, w.max, PCI_CONFIG_MMIO_LENGTH, 0x1000, // expected-warning {{config window request can start below 4GB (min = 0x0, max = 0xffffffffffffffff)}} expected-note {{min is 0x0}}
				   w.overlap);
}

int assigned_after(struct hv_pcibus_device *hbus, int high)
{
	struct window w = { 0, -1, false };

	if (high)
		w.min = SZ_4G;
	else
		w.min = SZ_8G;
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, w.min, w.max, PCI_CONFIG_MMIO_LENGTH, 0x1000,
				   w.overlap);
}
// BOUNDS: aggregates.c:[[#@LINE-3]]:9: remark: vmbus_allocate_mmio call in 'assigned_after': min = 0x100000000 or 0x200000000, max = 0xffffffffffffffff, size = 0x2000, align = 0x1000, fb_overlap_ok = 0x0

int array_elements(struct hv_pcibus_device *hbus)
{
	resource_size_t bounds[2] = { SZ_4G }; // expected-note {{'bounds[0]' is 0x100000000}} expected-note {{'bounds[1]' is 0x0}}

	bounds[1] += 0x1000; // expected-note {{'bounds[1]' is 0x1000 after this assignment}}
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, bounds[0], bounds[1], PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // expected-warning {{MMIO request window [0x100000000, 0x1000] cannot hold 0x2000 bytes aligned to 0x1000}} expected-note {{min is 0x100000000}} expected-note {{max is 0x1000}} expected-note {{size is 0x2000}} expected-note {{align is 0x1000}}
}

void fill_window(struct window *w);

int escapes(struct hv_pcibus_device *hbus)
{
	struct window w = { .min = SZ_4G, .max = -1 };

	fill_window(&w);
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, w.min, w.max, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
// BOUNDS: aggregates.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'escapes': min = unknown, max = unknown,

int unknown_index(struct hv_pcibus_device *hbus, int i)
{
	resource_size_t lo[2] = { SZ_4G, SZ_8G };

	lo[i] = 0;
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo[0], -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
// BOUNDS: aggregates.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'unknown_index': min = unknown,

int copied(struct hv_pcibus_device *hbus, struct window *from)
{
	struct window w = { .min = SZ_4G, .max = -1 };

	w = *from;
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, w.min, w.max, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
// BOUNDS: aggregates.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'copied': min = unknown, max = unknown,

int array_decays(struct hv_pcibus_device *hbus)
{
	resource_size_t lo[1] = { SZ_4G };
	resource_size_t *p = lo;

	*p = 0;
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo[0], -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
// BOUNDS: aggregates.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'array_decays': min = unknown,

// An unnamed bit-field has no entry in the initialiser list: the entries after it are the next named members'.
struct flagged_window {
	u32 flags : 3;
	u32 : 5;
	resource_size_t min, max;
};

int after_unnamed_bit_field(struct hv_pcibus_device *hbus)
{
	struct flagged_window w = { .min = 0, .max = SZ_4G }; // expected-note {{'w.min' is 0x0}}

	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, w.min, w.max, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // expected-warning {{config window request can start below 4GB (min = 0x0, max = 0x100000000)}} expected-note {{min is 0x0}}
}

struct padded_window {
	resource_size_t base;
	u32 : 5;
	resource_size_t min, max;
};

int positional_after_unnamed_bit_field(struct hv_pcibus_device *hbus)
{
	struct padded_window w = { SZ_4G, 0, SZ_8G }; // expected-note {{'w.min' is 0x0}}

	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, w.min, w.max, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // expected-warning {{config window request can start below 4GB (min = 0x0, max = 0x200000000)}} expected-note {{min is 0x0}}
}
