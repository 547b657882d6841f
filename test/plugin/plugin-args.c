// A plugin argument mmio_audit does not know is an error naming it, never a silent no-op; `help` lists them.
// RUN: not %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-wrror %s 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-rules %s 2>&1 | FileCheck %s --check-prefix=NOVALUE
// RUN: not %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-werror=1 %s 2>&1 | FileCheck %s --check-prefix=VALUE
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-help %s 2>&1 | FileCheck %s --check-prefix=HELP
// `-plugin` asks for a plugin that replaces the compile: said so, rather than clang's silent exit 1. `-add-plugin`
// runs it as -fplugin does.
// RUN: not %clang_kernel -Xclang -load -Xclang %plugin_path -Xclang -plugin -Xclang mmio_audit %s 2>&1 | FileCheck %s --check-prefix=REPLACE
// RUN: %clang_kernel -Xclang -load -Xclang %plugin_path -Xclang -add-plugin -Xclang mmio_audit -fplugin-arg-mmio_audit-list-calls %s 2>&1 | FileCheck %s --check-prefix=ADD
// RUN: not %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-disable=,,, %s 2>&1 | FileCheck %s --check-prefix=EMPTY-ID
// RUN: not %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-disable=hyperv-config-window-below-4g,,x %s 2>&1 | FileCheck %s --check-prefix=EMPTY-ID2
// RUN: not %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-rules=%t.missing.yaml %s 2>&1 | FileCheck %s --check-prefix=MISSING -DFILE=%t.missing.yaml
#include "pci-hyperv.h"

int cfg(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, SZ_4G, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
// UNKNOWN: error: mmio_audit: unknown plugin argument 'wrror' (expected rules=FILE, werror, disable=ID, enable=ID, unknown, list-calls or help)
// NOVALUE: error: mmio_audit: plugin argument 'rules' needs a value (rules=...)
// VALUE: error: mmio_audit: plugin argument 'werror' takes no value
// EMPTY-ID: error: mmio_audit: plugin argument 'disable=,,,' has an empty rule id (expected disable=ID[,ID...])
// EMPTY-ID2: error: mmio_audit: plugin argument 'disable=hyperv-config-window-below-4g,,x' has an empty rule id
// REPLACE: error: mmio_audit: the plugin runs alongside the compile, not in place of it: load it with -fplugin=MmioAudit.so (or -Xclang -load -Xclang MmioAudit.so), without -plugin
// ADD: remark: vmbus_allocate_mmio call in 'cfg': min = 0x100000000
// ADD-NOT: error
// HELP: mmio_audit plugin arguments
// HELP: rules=FILE
// MISSING: error: [[FILE]]: cannot read ruleset: no such file or directory
