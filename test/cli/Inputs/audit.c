/* Three config-window requests: one below 4GB, one clean, one that allows framebuffer overlap. */
#include "pci-hyperv.h"

int below_4g(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

int clean(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, SZ_4G, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

int overlap_ok(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, SZ_4G, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, true);
}
