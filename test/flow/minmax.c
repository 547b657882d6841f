// The kernel's min(), max(), min_t(), max_t(), min3() and clamp() around a bound: GNU statement expressions with
// locals under __UNIQUE_ID names and compile-time checks inside, evaluated to the values they can take; in each arm
// of `x > y ? x : y` the variable has the values the comparison lets through.
// RUN: %clang_kernel %mmio_plugin -Xclang -verify %s
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-list-calls %s 2>&1 | FileCheck %s --check-prefix=BOUNDS
#include "pci-hyperv.h"
#include <linux/minmax.h>

u64 read_base(struct hv_pcibus_device *hbus);

// max_t() of an unknown base and SZ_4G is at least 4GB, whatever the base: the fix a developer would write.
int max_t_floor(struct hv_pcibus_device *hbus)
{
	u64 base = read_base(hbus);

	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, max_t(u64, base, SZ_4G), -1,
				   PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
// BOUNDS: minmax.c:[[#@LINE-3]]:9: remark: vmbus_allocate_mmio call in 'max_t_floor': min = 0x100000000..0xffffffffffffffff, max = 0xffffffffffffffff

// max() of two known values: exactly the larger.
int max_known(struct hv_pcibus_device *hbus, int high)
{
	u64 lo = high ? SZ_8G : 0;

	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, max(lo, (u64)SZ_4G), -1, PCI_CONFIG_MMIO_LENGTH,
				   0x1000, false);
}
// BOUNDS: minmax.c:[[#@LINE-3]]:9: remark: vmbus_allocate_mmio call in 'max_known': min = 0x100000000 or 0x200000000,

// min() picks the smaller: a proven low start.
int min_low(struct hv_pcibus_device *hbus, int high)
{
	u64 lo = high ? SZ_8G : SZ_4G;

	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, min_t(u64, lo, 0x100000), -1, // expected-warning {{config window request can start below 4GB (min = 0x100000, max = 0xffffffffffffffff)}} expected-note {{min is 0x100000}}
				   PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

// min() of an unknown value and SZ_4G is at most 4GB but no value is proven: undecided, so silent by default.
int min_unknown(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, min(read_base(hbus), (u64)SZ_4G), -1,
				   PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
// BOUNDS: minmax.c:[[#@LINE-3]]:9: remark: vmbus_allocate_mmio call in 'min_unknown': min = 0x0..0x100000000,

// min3() of three known values, and clamp() of an unknown one into [SZ_4G, SZ_8G].
int min3_and_clamp(struct hv_pcibus_device *hbus, int which)
{
	u64 a = which ? SZ_8G : (SZ_8G * 2);

	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, min3(a, (u64)SZ_4G * 3, (u64)(SZ_8G * 2)),
				   clamp(read_base(hbus), (u64)SZ_4G, (u64)SZ_8G), PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
// BOUNDS: minmax.c:[[#@LINE-3]]:9: remark: vmbus_allocate_mmio call in 'min3_and_clamp': min = 0x200000000 or 0x300000000, max = 0x100000000..0x200000000,

// A statement expression that writes a variable is not followed: unknown, never a stale value.
int writes_inside(struct hv_pcibus_device *hbus)
{
	u64 lo = 0;

	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, ({ lo = read_base(hbus); lo; }), -1,
				   PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
// BOUNDS: minmax.c:[[#@LINE-3]]:9: remark: vmbus_allocate_mmio call in 'writes_inside': min = unknown,

// min() of an unknown value and 1 MiB: no value is known, but every value it can take is below 4GB, so the
// request can start below 4GB whichever occurs.
int min_below_whatever(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, min(read_base(hbus), (u64)SZ_1M), -1, // expected-warning {{config window request can start below 4GB (min = 0x0..0x100000, max = 0xffffffffffffffff)}} expected-note {{min is 0x0..0x100000}} expected-note {{the result of 'read_base', which the analysis does not follow}}
				   PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
