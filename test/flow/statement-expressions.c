// GNU statement expressions whose statements or last expression can change a local after its declaration are not
// followed: unknown, never the initialiser's stale value. A local whose address appears anywhere in one is not bound
// (whatever holds the address can store through it); a direct call that is handed no local's address changes none.
// RUN: %clang_kernel %mmio_plugin -Xclang -verify %s
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-list-calls %s 2>&1 | FileCheck %s --check-prefix=BOUNDS
#include "pci-hyperv.h"

void clear(u64 *p);
void use(u64 v);
struct holder {
	u64 *p;
};
void clear_held(struct holder h);

#define CALL(x) vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, x, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false)

// The last expression writes the local it then reads.
int result_assigns(struct hv_pcibus_device *hbus)
{
	return CALL(({ u64 t = SZ_4G; t = 0, t; }));
}
// BOUNDS: statement-expressions.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'result_assigns': min = unknown,

int result_clears(struct hv_pcibus_device *hbus)
{
	return CALL(({ u64 t = SZ_4G; clear(&t), t; }));
}
// BOUNDS: statement-expressions.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'result_clears': min = unknown,

int result_assigns_on_one_arm(struct hv_pcibus_device *hbus, int c)
{
	return CALL(({ u64 t = SZ_4G; c ? (t = 0) : 0, t; }));
}
// BOUNDS: statement-expressions.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'result_assigns_on_one_arm': min = unknown,

// A call's arguments are looked into like any other part of the body.
int assigns_in_argument(struct hv_pcibus_device *hbus)
{
	return CALL(({ u64 t = SZ_4G; use(t = 0); t; }));
}
// BOUNDS: statement-expressions.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'assigns_in_argument': min = unknown,

int steps_in_argument(struct hv_pcibus_device *hbus)
{
	return CALL(({ u64 t = SZ_4G - 1; use(t--); t; }));
}
// BOUNDS: statement-expressions.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'steps_in_argument': min = unknown,

// The address held elsewhere first: a pointer, a void pointer for memset, an atomic's target, a struct member.
int address_in_pointer(struct hv_pcibus_device *hbus)
{
	return CALL(({ u64 t = SZ_4G; u64 *p = &t; clear(p); t; }));
}
// BOUNDS: statement-expressions.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'address_in_pointer': min = unknown,

int memset_through_void_pointer(struct hv_pcibus_device *hbus)
{
	return CALL(({ u64 t = SZ_4G; void *p = &t; __builtin_memset(p, 0, sizeof(t)); t; }));
}
// BOUNDS: statement-expressions.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'memset_through_void_pointer': min = unknown,

int atomic_exchange(struct hv_pcibus_device *hbus)
{
	return CALL(({ u64 t = SZ_4G; u64 *q = &t; (void)__atomic_exchange_n(q, 0, 0); t; }));
}
// BOUNDS: statement-expressions.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'atomic_exchange': min = unknown,

int address_in_struct(struct hv_pcibus_device *hbus)
{
	return CALL(({ u64 t = SZ_4G; struct holder h = { &t }; clear_held(h); t; }));
}
// BOUNDS: statement-expressions.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'address_in_struct': min = unknown,

// A goto can skip a declaration: the local may hold no value at all.
int goto_past_declaration(struct hv_pcibus_device *hbus, int c)
{
	return CALL(({ if (c) goto skip; u64 t = SZ_4G; skip:; t; }));
}
// BOUNDS: statement-expressions.c:[[#@LINE-2]]:9: remark: vmbus_allocate_mmio call in 'goto_past_declaration': min = unknown,

// A direct call handed no local's address is followed, as the kernel's compile-time assertions are.
int call_without_address(struct hv_pcibus_device *hbus)
{
	return CALL(({ u64 t = 0; use(t); (void)sizeof(&t); t; })); // expected-warning {{config window request can start below 4GB (min = 0x0, max = 0xffffffffffffffff)}} expected-note {{min is 0x0}}
}
