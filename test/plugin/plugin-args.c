// A plugin argument mmio_audit does not know is an error naming it, never a silent no-op; `help` lists them.
// RUN: not %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-wrror %s 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-rules %s 2>&1 | FileCheck %s --check-prefix=NOVALUE
// RUN: not %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-werror=1 %s 2>&1 | FileCheck %s --check-prefix=VALUE
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-help %s 2>&1 | FileCheck %s --check-prefix=HELP
// RUN: not %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-rules=%t.missing.yaml %s 2>&1 | FileCheck %s --check-prefix=MISSING -DFILE=%t.missing.yaml
#include "pci-hyperv.h"

int cfg(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, SZ_4G, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
// UNKNOWN: error: mmio_audit: unknown plugin argument 'wrror' (expected rules=FILE, werror, disable=ID, unknown, list-calls or help)
// NOVALUE: error: mmio_audit: plugin argument 'rules' needs a value (rules=...)
// VALUE: error: mmio_audit: plugin argument 'werror' takes no value
// HELP: mmio_audit plugin arguments
// HELP: rules=FILE
// MISSING: error: [[FILE]]: cannot read ruleset: no such file or directory
