/* A config window whose min comes from a header: clean as written on disk. */
#include "pci-hyperv.h"
#include "window.h"

int cfg(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, CFG_MIN, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
