/* A header inline wrapper: every unit that includes this header, directly or not, has the call. */
#include "pci-hyperv.h"
static inline int hv_config_window(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
