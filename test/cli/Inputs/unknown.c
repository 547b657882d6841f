/* A bound only known at run time: the analysis cannot decide the rule. */
#include "pci-hyperv.h"

int runtime_min(struct hv_pcibus_device *hbus, resource_size_t lo)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
