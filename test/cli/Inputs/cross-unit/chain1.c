/* hv_chainN reaches the allocator through N - 1 other wrappers, each in a unit of its own. */
#include "wrappers.h"

int hv_chain1(struct hv_pcibus_device *hbus, resource_size_t min)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, min, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
