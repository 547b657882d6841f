/* tree-a: an exported helper that forwards the bounds to the allocator, and a caller that lets the config window
 * overlap the framebuffer. */
#include "pci-hyperv.h"

int hv_alloc_config(struct hv_pcibus_device *hbus, resource_size_t min, bool fb_ok)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, min, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, fb_ok);
}

int hv_config_probe(struct hv_pcibus_device *hbus)
{
	return hv_alloc_config(hbus, SZ_4G, true);
}
