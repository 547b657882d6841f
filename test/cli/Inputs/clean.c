/* A config window above 4GB: nothing to report. */
#include "pci-hyperv.h"

int cfg(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, SZ_4G, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
