// A bound the analysis cannot compute is unknown: silent by default, reported with its own wording on request.
// RUN: %clang_kernel %mmio_plugin -Xclang -verify=quiet %s
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-unknown -Xclang -verify=report %s
// quiet-no-diagnostics
#include "pci-hyperv.h"

int runtime_min(struct hv_pcibus_device *hbus, resource_size_t lo)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, // report-warning {{cannot decide whether this call satisfies the rule: min is unknown [hyperv-config-window-below-4g]}} report-note {{min is unknown}}
	// report-note@-3 {{parameter 'lo' of 'runtime_min', which other translation units can call}}
				   PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

// Unknown in a role the rule does not look at decides nothing: min and max are known and clean.
int runtime_size(struct hv_pcibus_device *hbus, resource_size_t sz)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, SZ_4G, -1, sz, 0x1000, false);
}
