/* A call in a header: every unit that includes it sees it; the report shows it once. */
#include "pci-hyperv.h"

static inline int shared_cfg(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
