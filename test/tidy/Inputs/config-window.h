/* A header whose inline helper requests a config window below 4GB: a finding in a header. */
#include "pci-hyperv.h"

static inline int alloc_cfg_low(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
