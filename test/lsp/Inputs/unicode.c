/* Non-ASCII text before the call on its line: where columns in bytes, UTF-16 units and code points differ. */
#include "pci-hyperv.h"

int cfg(struct hv_pcibus_device *hbus)
{
	/* µ𝄞 */ return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
