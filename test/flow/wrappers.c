// Wrappers: an externally visible function whose parameter becomes a bound is audited where it is called, and the
// warning is at that call, with a note at the allocator call it reaches.
// RUN: %clang_kernel %mmio_plugin -Xclang -verify %s
// RUN: %clang_kernel %mmio_plugin %s 2>&1 | FileCheck %s
#include "pci-hyperv.h"

int hv_alloc_cfg(struct hv_pcibus_device *hbus, resource_size_t lo)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // expected-note {{'hv_alloc_cfg' passes them on to 'vmbus_allocate_mmio' here}} expected-note {{min is 0x0}}
}

int caller_low(struct hv_pcibus_device *hbus)
{
	return hv_alloc_cfg(hbus, 0); // expected-warning {{config window request can start below 4GB (min = 0x0, max = 0xffffffffffffffff) [hyperv-config-window-below-4g]}} expected-note {{'lo' is 0x0 in this call of 'hv_alloc_cfg'}}
}
// CHECK: wrappers.c:14:9: warning: config window request can start below 4GB (min = 0x0, max = 0xffffffffffffffff) [hyperv-config-window-below-4g]
// CHECK: wrappers.c:14:28: note: 'lo' is 0x0 in this call of 'hv_alloc_cfg'
// CHECK: wrappers.c:9:60: note: min is 0x0
// CHECK: wrappers.c:9:9: note: 'hv_alloc_cfg' passes them on to 'vmbus_allocate_mmio' here

int caller_high(struct hv_pcibus_device *hbus)
{
	return hv_alloc_cfg(hbus, SZ_4G);
}

// A wrapper of the wrapper.
int hv_alloc_cfg_at(struct hv_pcibus_device *hbus, resource_size_t base)
{
	return hv_alloc_cfg(hbus, base + 0x2000); // expected-note {{'hv_alloc_cfg_at' passes them on to 'hv_alloc_cfg' here}} expected-note {{'lo' is 0x2000 in this call of 'hv_alloc_cfg'}}
}

int caller_of_caller(struct hv_pcibus_device *hbus)
{
	return hv_alloc_cfg_at(hbus, 0); // expected-warning {{(min = 0x2000, max = 0xffffffffffffffff)}} expected-note {{'base' is 0x0 in this call of 'hv_alloc_cfg_at'}}
}
// expected-note@9 {{min is 0x2000}} expected-note@9 {{'hv_alloc_cfg' passes them on to 'vmbus_allocate_mmio' here}}
