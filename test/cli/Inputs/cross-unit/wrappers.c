/* Exported wrappers of vmbus_allocate_mmio: their callers, in other units, decide the bounds. */
#include "wrappers.h"

int hv_wrap_mmio(struct hv_pcibus_device *hbus, resource_size_t min, resource_size_t size)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, min, -1, size, 0x1000, false);
}

/* Forwards its parameter plus a constant. */
int hv_wrap_above(struct hv_pcibus_device *hbus, resource_size_t offset)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, offset + 0x1000, -1, PCI_CONFIG_MMIO_LENGTH,
				   0x1000, false);
}

/* A wrapper of a wrapper in the same unit. */
int hv_wrap_sized(struct hv_pcibus_device *hbus, resource_size_t min)
{
	return hv_wrap_mmio(hbus, min, PCI_CONFIG_MMIO_LENGTH);
}
