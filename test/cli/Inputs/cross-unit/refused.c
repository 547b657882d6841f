/* Exported functions that are not summarised as wrappers. */
#include "wrappers.h"

int hv_checked_wrap(struct hv_pcibus_device *hbus, resource_size_t min)
{
	if (min < SZ_4G)
		return -22;
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, min, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

int hv_twice_wrap(struct hv_pcibus_device *hbus, resource_size_t min)
{
	resource_size_t lo = min;

	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, min, lo, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
