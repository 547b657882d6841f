/* One call, two findings, two fix-its. */
#include "pci-hyperv.h"

int cfg(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1,
				   PCI_CONFIG_MMIO_LENGTH, 0x1000, true);
}

int other(void) { return 0; }
