// A call through a function pointer that can hold only the allocator is audited as the allocator's call: a `const`
// pointer initialised with it (through a cast, or by a later definition), or a local one initialised with it and
// never written again. A pointer that may hold another function (reassigned, stepped, an assembly output, assigned in
// a block, its address handed out, a writable global) is not; nor is an ops table's member.
// RUN: %clang_kernel %mmio_plugin -Xclang -verify %s
// RUN: %clang_kernel %mmio_plugin -fblocks -Xclang -verify %s
// RUN: %clang_kernel %mmio_plugin -fblocks -fplugin-arg-mmio_audit-list-calls %s 2>&1 | FileCheck %s --implicit-check-not="remark:"
#include "pci-hyperv.h"

typedef int (*mmio_alloc_fn)(struct resource **new, struct hv_device *device_obj, resource_size_t min,
			     resource_size_t max, resource_size_t size, resource_size_t align, bool fb_overlap_ok);

static const mmio_alloc_fn config_alloc = vmbus_allocate_mmio;

int through_static_const(struct hv_pcibus_device *hbus)
{
	return config_alloc(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // expected-warning {{config window request can start below 4GB (min = 0x0, max = 0xffffffffffffffff)}} expected-note {{min is 0x0}}
}
// CHECK: function-pointer.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'through_static_const': min = 0x0,

int through_local(struct hv_pcibus_device *hbus, int high)
{
	mmio_alloc_fn alloc = &vmbus_allocate_mmio;
	resource_size_t lo = high ? SZ_4G : 0; // expected-note {{'lo' is 0x0 or 0x100000000}}

	return (*alloc)(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // expected-warning {{config window request can start below 4GB (min = 0x0 or 0x100000000, max = 0xffffffffffffffff)}} expected-note {{min is 0x0 or 0x100000000}}
}
// CHECK: function-pointer.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'through_local': min = 0x0 or 0x100000000,

int fixed_through_local(struct hv_pcibus_device *hbus)
{
	mmio_alloc_fn alloc = vmbus_allocate_mmio;

	return alloc(&hbus->mem_config, hbus->hdev, SZ_4G, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
// CHECK: function-pointer.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'fixed_through_local': min = 0x100000000,

int other_alloc(struct resource **new, struct hv_device *device_obj, resource_size_t min, resource_size_t max,
		resource_size_t size, resource_size_t align, bool fb_overlap_ok);

// Reassigned: it may call another function, so the call is not the allocator's.
int reassigned(struct hv_pcibus_device *hbus, int other)
{
	mmio_alloc_fn alloc = vmbus_allocate_mmio;

	if (other)
		alloc = other_alloc;
	return alloc(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

void set_alloc(mmio_alloc_fn *where);

// Handed out: anything may store into it.
int escapes(struct hv_pcibus_device *hbus)
{
	mmio_alloc_fn alloc = vmbus_allocate_mmio;

	set_alloc(&alloc);
	return alloc(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

// A global that can be written elsewhere.
mmio_alloc_fn global_alloc = vmbus_allocate_mmio;

int through_writable_global(struct hv_pcibus_device *hbus)
{
	return global_alloc(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

// Stepped (GNU arithmetic on a function pointer): no longer the allocator.
int stepped(struct hv_pcibus_device *hbus)
{
	mmio_alloc_fn alloc = vmbus_allocate_mmio;

	alloc++;
	return alloc(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

// An inline assembly output: whatever the assembly leaves there.
int asm_output(struct hv_pcibus_device *hbus)
{
	mmio_alloc_fn alloc = vmbus_allocate_mmio;

	__asm__("" : "=r"(alloc) : "0"(other_alloc));
	return alloc(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

#ifdef __BLOCKS__
// A `__block` pointer that a block assigns.
int assigned_in_block(struct hv_pcibus_device *hbus)
{
	__block mmio_alloc_fn alloc = vmbus_allocate_mmio;
	void (^retarget)(void) = ^{
		alloc = other_alloc;
	};

	retarget();
	return alloc(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
#endif

// Initialised through a written conversion: still the allocator.
int through_cast(struct hv_pcibus_device *hbus)
{
	static const mmio_alloc_fn alloc = (mmio_alloc_fn)vmbus_allocate_mmio;

	return alloc(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // expected-warning {{config window request can start below 4GB (min = 0x0, max = 0xffffffffffffffff)}} expected-note {{min is 0x0}}
}
// CHECK: function-pointer.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'through_cast': min = 0x0,

// Declared before its use, initialised by a later definition.
static const mmio_alloc_fn defined_later;

int through_later_definition(struct hv_pcibus_device *hbus)
{
	return defined_later(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // expected-warning {{config window request can start below 4GB (min = 0x0, max = 0xffffffffffffffff)}} expected-note {{min is 0x0}}
}
// CHECK: function-pointer.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'through_later_definition': min = 0x0,

static const mmio_alloc_fn defined_later = vmbus_allocate_mmio;
