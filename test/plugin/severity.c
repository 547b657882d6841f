// Findings are warnings; `werror` and clang's own -Werror make them errors (custom diagnostics ignore -Werror, so
// the plugin maps it), and -w silences them.
// RUN: %clang_kernel %mmio_plugin -Xclang -verify=warn %s
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-werror -Xclang -verify=err %s
// RUN: %clang_kernel %mmio_plugin -Werror -Xclang -verify=err %s
// RUN: %clang_kernel %mmio_plugin -w -Xclang -verify=silent %s
// RUN: not %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-werror %s 2>&1 | FileCheck %s
// silent-no-diagnostics
#include "pci-hyperv.h"

int cfg(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, // warn-warning {{[hyperv-config-window-below-4g]}} err-error {{[hyperv-config-window-below-4g]}} warn-note {{min is 0x0}} err-note {{min is 0x0}}
				   PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
// CHECK: severity.c:13:9: error: config window request can start below 4GB
// CHECK: 1 error generated.
