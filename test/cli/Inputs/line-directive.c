/* A #line directive naming another file: reports must point at this file's real lines. */
#include "pci-hyperv.h"

#line 1 "/etc/passwd"
int below_4g(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
