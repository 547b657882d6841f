// The config window as pci-hyperv requested it before the fix: any address, so it can land below 4GB, on the
// framebuffer a kdump kernel could not reserve. One warning, at the call, with notes and the SZ_4G fix-it.
// RUN: %clang_kernel %mmio_plugin -Xclang -verify %s
// RUN: %clang_kernel %mmio_plugin -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s --strict-whitespace
// RUN: cp %s %t.c && %clang_kernel %mmio_plugin -Xclang -fixit %t.c 2>/dev/null; FileCheck --check-prefix=FIXED %s < %t.c
// RUN: %clang_kernel %mmio_plugin %t.c 2>&1 | count 0
#include "pci-hyperv.h"

static int hv_allocate_config_window(struct hv_pcibus_device *hbus)
{
	int ret;

	ret = vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, // expected-warning {{config window request can start below 4GB (min = 0x0, max = 0xffffffffffffffff) [hyperv-config-window-below-4g]}} expected-note {{min is 0x0}}
				  PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
	return ret;
}

int probe(struct hv_pcibus_device *hbus) { return hv_allocate_config_window(hbus); }

// CHECK: seed-bug.c:13:8: warning: config window request can start below 4GB (min = 0x0, max = 0xffffffffffffffff) [hyperv-config-window-below-4g]
// CHECK-NEXT: {{^}}   13 | {{.*}}ret = vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1,
// CHECK: fix-it:"{{.*}}seed-bug.c":{13:59-13:60}:"SZ_4G"
// CHECK: seed-bug.c:13:59: note: min is 0x0
// CHECK-NOT: warning:
// CHECK: 1 warning generated.

// FIXED: ret = vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, SZ_4G, -1,
