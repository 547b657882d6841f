/* The other definition of hv_dup_wrap. */
#include "wrappers.h"

int hv_dup_wrap(struct hv_pcibus_device *hbus, resource_size_t min)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, min + SZ_4G, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000,
				   false);
}
