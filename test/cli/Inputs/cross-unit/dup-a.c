/* One definition of hv_dup_wrap (another configuration's is in dup-b.c). */
#include "wrappers.h"

int hv_dup_wrap(struct hv_pcibus_device *hbus, resource_size_t min)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, min, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
