// Bounds spelled with macros: the warning is at the call as written, notes point into the macros.
// RUN: %clang_kernel %mmio_plugin -Xclang -verify %s
// RUN: %clang_kernel %mmio_plugin %s 2>&1 | FileCheck %s
#include "pci-hyperv.h"

#define CFG_MIN 0
#define CFG_SIZE PCI_CONFIG_MMIO_LENGTH
#define ALLOC_CFG(hbus, lo) \
	vmbus_allocate_mmio(&(hbus)->mem_config, (hbus)->hdev, lo, -1, CFG_SIZE, 0x1000, false)

int via_macro_min(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, CFG_MIN, -1, // expected-warning {{can start below 4GB (min = 0x0, max = 0xffffffffffffffff)}} expected-note {{min is 0x0}}
				   CFG_SIZE, 0x1000, false);
}
// CHECK: macros.c:13:9: warning: config window request can start below 4GB
// CHECK: macros.c:13:60: note: min is 0x0
// CHECK: macros.c:6:17: note: expanded from macro 'CFG_MIN'

int via_wrapper_macro(struct hv_pcibus_device *hbus)
{
	return ALLOC_CFG(hbus, SZ_4G - 1); // expected-warning {{can start below 4GB (min = 0xffffffff, max = 0xffffffffffffffff)}} expected-note {{min is 0xffffffff}}
}
// CHECK: macros.c:22:9: warning: config window request can start below 4GB (min = 0xffffffff
// CHECK: macros.c:9:2: note: expanded from macro 'ALLOC_CFG'

int via_wrapper_macro_fixed(struct hv_pcibus_device *hbus)
{
	return ALLOC_CFG(hbus, SZ_4G);
}

// The size is recognised through the macro chain CFG_SIZE -> PCI_CONFIG_MMIO_LENGTH even when the destination is
// not `mem_config`.
int other_field(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->low_mmio_res, hbus->hdev, 0x1000, -1, CFG_SIZE, 0x1000, false); // expected-warning {{min = 0x1000}} expected-note {{min is 0x1000}}
}
// CHECK: macros.c:36:9: warning: config window request can start below 4GB (min = 0x1000
// CHECK-NOT: warning:
