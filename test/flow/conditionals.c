// `c ? a : b` read in the state after it ran: an arm that changes what the condition reads leaves the condition
// deciding nothing and narrowing nothing (its value then is not the one tested); a variable the condition or the arm
// changes is not narrowed in that arm. Likewise `&&` and `||` whose right side changes what the left reads decide
// nothing from the left.
// RUN: %clang_kernel %mmio_plugin -Xclang -verify %s
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-list-calls %s 2>&1 | FileCheck %s --check-prefix=BOUNDS
#include "pci-hyperv.h"

u64 read_base(struct hv_pcibus_device *hbus);

#define CALL(x) vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, x, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false)

// Not narrowed to b >= 4GB in the arm that sets b to 0: on that path min is 0.
int arm_assigns(struct hv_pcibus_device *hbus)
{
	u64 b = read_base(hbus);

	return CALL(b >= SZ_4G ? (b = 0, b) : SZ_4G); // expected-warning {{config window request can start below 4GB (min = 0x0 or 0x100000000, max = 0xffffffffffffffff)}} expected-note {{'b' is 0x0 after this assignment}} expected-note {{min is 0x0 or 0x100000000}}
}

int arm_subtracts(struct hv_pcibus_device *hbus)
{
	u64 b = read_base(hbus);

	return CALL(b >= SZ_4G ? (b -= SZ_4G) : SZ_4G);
}
// BOUNDS: conditionals.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'arm_subtracts': min = unknown,

// The condition holds when tested (b is 4GB), but the state has b = 0: the condition does not pick the other arm.
int decided_before_the_arm(struct hv_pcibus_device *hbus)
{
	u64 b = SZ_4G;

	return CALL(b >= SZ_4G ? (b = 0, b) : SZ_4G); // expected-warning {{config window request can start below 4GB (min = 0x0 or 0x100000000, max = 0xffffffffffffffff)}} expected-note {{'b' is 0x0 after this assignment}} expected-note {{min is 0x0 or 0x100000000}}
}

// Where done is false, !done is 1 when tested and the right side runs (a branch the values decide is followed one
// way only), but the state there has done = 1: the left side decides nothing, or the result would be 0, not 1.
int right_side_changes_left(struct hv_pcibus_device *hbus, int c)
{
	bool done;

	if (c)
		done = true;
	else
		done = false;
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, SZ_4G, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000,
				   !done && (done = true));
}
// BOUNDS: conditionals.c:[[#@LINE-3]]:9: remark: vmbus_allocate_mmio call in 'right_side_changes_left': min = 0x100000000, max = 0xffffffffffffffff, size = 0x2000, align = 0x1000, fb_overlap_ok = 0x0..0x1
