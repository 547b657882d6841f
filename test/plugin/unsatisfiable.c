// A request whose window cannot hold it is a finding of its own, for every allocator call: the window [min, max]
// must hold size bytes at align. Only proven cases are reported (on-unknown: never), so a bound read at run time stays
// silent even when every unknown is asked for.
// RUN: %clang_kernel %mmio_plugin -Xclang -verify %s
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-unknown -fplugin-arg-mmio_audit-disable=hyperv-config-window-below-4g,hyperv-config-window-fb-overlap,hyperv-config-window-fb-overlap-ok %s 2>&1 | FileCheck %s --check-prefix=UNKNOWN --implicit-check-not=warning:
// UNKNOWN: unsatisfiable.c:17:9: warning: MMIO request window [0x100000000, 0xffffffff] cannot hold 0x2000 bytes aligned to 0x1000 [hyperv-request-unsatisfiable]
// UNKNOWN: unsatisfiable.c:24:9: warning: MMIO request window
// UNKNOWN: unsatisfiable.c:30:9: warning: MMIO request window
// UNKNOWN: unsatisfiable.c:40:9: warning: MMIO request window
// UNKNOWN: 4 warnings generated.
#include "pci-hyperv.h"

// What raising min to SZ_4G does to a request that keeps a 32-bit max: the config window rules are satisfied, and
// no Hyper-V MMIO range meets the window.
int min_above_max(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, SZ_4G, 0xffffffff, // expected-warning {{MMIO request window [0x100000000, 0xffffffff] cannot hold 0x2000 bytes aligned to 0x1000 [hyperv-request-unsatisfiable]}} expected-note {{min is 0x100000000}} expected-note {{max is 0xffffffff}}
				   PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // expected-note {{size is 0x2000}} expected-note {{align is 0x1000}}
}

// Not a config window: the rule applies to every call. One byte too few.
int one_byte_short(struct hv_device *hdev, struct resource **res)
{
	return vmbus_allocate_mmio(res, hdev, 0x10000, 0x10000 + 0x1000 - 2, 0x1000, 0, false); // expected-warning {{window [0x10000, 0x10ffe] cannot hold 0x1000 bytes aligned to 0x0}} expected-note {{min is 0x10000}} expected-note {{max is 0x10ffe}} expected-note {{size is 0x1000}} expected-note {{align is 0x0}}
}

// The window is large enough, but no start aligned to 16 KiB lies in it.
int alignment_eats_window(struct hv_device *hdev, struct resource **res)
{
	return vmbus_allocate_mmio(res, hdev, 0x1001, 0x3fff, 0x1000, 0x4000, false); // expected-warning {{window [0x1001, 0x3fff] cannot hold 0x1000 bytes aligned to 0x4000}} expected-note {{min is 0x1001}} expected-note {{max is 0x3fff}} expected-note {{size is 0x1000}} expected-note {{align is 0x4000}}
}

// On the path where min is raised, the request cannot be met; the message names that path's values.
int on_one_path(struct hv_device *hdev, struct resource **res, int high)
{
	resource_size_t min = 0;

	if (high)
		min = SZ_4G; // expected-note {{'min' is 0x100000000 after this assignment}}
	return vmbus_allocate_mmio(res, hdev, min, 0xffffffff, 0x1000, 0, false); // expected-warning {{window [0x100000000, 0xffffffff] cannot hold 0x1000 bytes aligned to 0x0}} expected-note {{min is 0x100000000}} expected-note {{max is 0xffffffff}} expected-note {{size is 0x1000}} expected-note {{align is 0x0}}
}

// Negative: an exact fit, aligned.
int exact_fit(struct hv_device *hdev, struct resource **res)
{
	return vmbus_allocate_mmio(res, hdev, 0x2000, 0x2fff, 0x1000, 0x1000, false);
}

// Negative: the seed fix; max = -1 leaves room above 4GB.
int seed_fix(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, SZ_4G, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

// Negative: the size is read at run time; the rule cannot prove anything and says nothing, even under --unknown.
int runtime_size(struct hv_device *hdev, struct resource **res, resource_size_t size)
{
	return vmbus_allocate_mmio(res, hdev, SZ_4G, -1, size, 0x1000, false);
}
