// Bounds held in locals: the values on every path reaching the call. One path with a low min is enough to fire.
// RUN: %clang_kernel %mmio_plugin -Xclang -verify %s
// RUN: %clang_kernel %mmio_plugin %s 2>&1 | FileCheck %s
#include "pci-hyperv.h"

int both_branches(struct hv_pcibus_device *hbus, int high)
{
	resource_size_t lo;

	if (high)
		lo = SZ_4G;
	else
		lo = SZ_8G;
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

int one_branch(struct hv_pcibus_device *hbus, int high)
{
	resource_size_t lo = 0; // expected-note {{'lo' is 0x0}}

	if (high)
		lo = SZ_4G;
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // expected-warning {{can start below 4GB (min = 0x0, max = 0xffffffffffffffff)}} expected-note {{min is 0x0}}
}
// CHECK: locals.c:23:9: warning: config window request can start below 4GB (min = 0x0, max = 0xffffffffffffffff) [hyperv-config-window-below-4g]
// CHECK: locals.c:19:18: note: 'lo' is 0x0
// CHECK: locals.c:23:60: note: min is 0x0
// CHECK-NOT: fix-it

int switch_cases(struct hv_pcibus_device *hbus, int kind)
{
	u64 lo;

	switch (kind) {
	case 1:
		lo = SZ_4G;
		break;
	case 2:
		lo = SZ_4G + SZ_1G;
		break;
	default:
		lo = SZ_8G;
	}
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

int switch_low_case(struct hv_pcibus_device *hbus, int kind)
{
	u64 lo = SZ_4G;

	switch (kind) {
	case 1:
		lo = SZ_2G; // expected-note {{'lo' is 0x80000000 after this assignment}}
		break;
	default:
		break;
	}
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // expected-warning {{(min = 0x80000000}} expected-note {{min is 0x80000000}}
}

int compound(struct hv_pcibus_device *hbus)
{
	u64 lo = 1;

	lo <<= 32;
	lo += 0x1000;
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

int compound_wraps(struct hv_pcibus_device *hbus)
{
	u32 lo = 1; // a 32-bit local: the doubling loses the bit   expected-note {{'lo' is 0x1}}

	lo <<= 31; // expected-note {{'lo' is 0x80000000 after this assignment}}
	lo *= 2; // expected-note {{'lo' is 0x0 after this assignment}}
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // expected-warning {{(min = 0x0,}} expected-note {{min is 0x0}}
}

static const u64 cfg_base = SZ_4G;
static const u64 low_base = SZ_1M;

int static_const_global(struct hv_pcibus_device *hbus, int low)
{
	const u64 off = 0x1000;

	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, cfg_base + off, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

int conditional(struct hv_pcibus_device *hbus, int low)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, low ? low_base : cfg_base, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // expected-warning {{(min = 0x100000 or 0x100000000}} expected-note {{min is 0x100000 or 0x100000000}}
}

u64 writable_base = SZ_4G;

int global_written_elsewhere(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, writable_base, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
