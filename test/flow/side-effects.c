// Expressions with side effects, read in the state the flow analysis leaves after applying them: `i++` is the value
// before the step, `++i`, `x += y` and `x = x + 1` what the variable holds after it; an element whose index has a side
// effect is not pinned down; inline assembly outputs and arguments that read what another argument changes are
// unknown, never a stale value.
// RUN: %clang_kernel %mmio_plugin -Xclang -verify %s
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-list-calls %s 2>&1 | FileCheck %s --check-prefix=BOUNDS
#include "pci-hyperv.h"

void use(int i);

#define CALL(x) vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, x, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false)

int post_increment(struct hv_pcibus_device *hbus)
{
	u64 i = 0;     // expected-note {{'i' is 0x0}}
	u64 x = i++; // expected-note {{'i' is 0x1 after this step}} expected-note {{'x' is 0x0}}

	return CALL(x); // expected-warning {{config window request can start below 4GB (min = 0x0, max = 0xffffffffffffffff)}} expected-note {{min is 0x0}}
}

int pre_increment(struct hv_pcibus_device *hbus)
{
	u64 i = SZ_4G - 1;
	u64 x = ++i;

	return CALL(x);
}
// BOUNDS: side-effects.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'pre_increment': min = 0x100000000,

int compound_assignment_argument(struct hv_pcibus_device *hbus)
{
	u64 lo = 0; // expected-note {{'lo' is 0x0}}

	return CALL((lo += SZ_2G)); // expected-warning {{config window request can start below 4GB (min = 0x80000000, max = 0xffffffffffffffff)}} expected-note {{min is 0x80000000}} expected-note {{'lo' is 0x80000000 after this assignment}}
}

int assignment_reading_itself(struct hv_pcibus_device *hbus)
{
	u64 lo = SZ_2G;
	u64 x = (lo = lo + SZ_2G);

	return CALL(x);
}
// BOUNDS: side-effects.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'assignment_reading_itself': min = 0x100000000,

// `lo[i++] = 0` writes lo[0]; `lo[++i] = 0` lo[1]. Neither is pinned down: every element is forgotten.
int post_increment_index(struct hv_pcibus_device *hbus)
{
	u64 lo[2] = { SZ_4G, SZ_4G };
	int i = 0;

	use(i);
	lo[i++] = 0;
	return CALL(lo[0]);
}
// BOUNDS: side-effects.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'post_increment_index': min = unknown,

int pre_increment_index(struct hv_pcibus_device *hbus)
{
	u64 lo[3] = { SZ_4G, SZ_4G, SZ_4G };
	int i = 0;

	use(i);
	lo[++i] = 0;
	return CALL(lo[1]);
}
// BOUNDS: side-effects.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'pre_increment_index': min = unknown,

// A _Bool's ++ makes it 1 (not 0, as 1 + 1 at one bit would).
int bool_increment(struct hv_pcibus_device *hbus)
{
	bool overlap = true; // expected-note {{'overlap' is 0x1}}

	overlap++; // expected-note {{'overlap' is 0x1 after this step}}
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, SZ_4G, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, overlap); // expected-warning {{config window request allows overlap with the framebuffer (fb_overlap_ok = 0x1)}} expected-note {{fb_overlap_ok is 0x1}}
}
// BOUNDS: side-effects.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'bool_increment': min = 0x100000000, max = 0xffffffffffffffff, size = 0x2000, align = 0x1000, fb_overlap_ok = 0x1

// Inline assembly outputs: the new value is the assembly's.
int asm_output(struct hv_pcibus_device *hbus)
{
	u64 lo = SZ_4G;

	asm("xor %0, %0" : "+r"(lo));
	return CALL(lo);
}
// BOUNDS: side-effects.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'asm_output': min = unknown,

struct window {
	resource_size_t min, max;
};

int asm_output_member(struct hv_pcibus_device *hbus)
{
	struct window w = { SZ_4G, -1 };

	asm("xor %0, %0" : "+r"(w.min));
	return CALL(w.min);
}
// BOUNDS: side-effects.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'asm_output_member': min = unknown,

int asm_output_element(struct hv_pcibus_device *hbus)
{
	u64 lo[1] = { SZ_4G };

	asm("movq $0, %0" : "=m"(lo[0]));
	return CALL(lo[0]);
}
// BOUNDS: side-effects.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'asm_output_element': min = unknown,

// Arguments are not sequenced among themselves: min may read lo before max's statement expression sets it.
int argument_changed_by_another(struct hv_pcibus_device *hbus)
{
	u64 lo = 0;

	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, ({ lo = SZ_4G; (u64)-1; }), PCI_CONFIG_MMIO_LENGTH,
				   0x1000, false);
}
// BOUNDS: side-effects.c:[[#@LINE-3]]:9: remark: vmbus_allocate_mmio call in 'argument_changed_by_another': min = unknown, max = unknown,
