/* tree-b: pci-hyperv's allocator calls with the seed fix, backported with a constant of its own (include/hv-config.h). */
#include "pci-hyperv.h"
#include <hv-config.h>

static int hv_pci_allocate_bridge_windows(struct hv_pcibus_device *hbus)
{
	int ret;

	if (hbus->low_mmio_space) {
		ret = vmbus_allocate_mmio(&hbus->low_mmio_res, hbus->hdev, 0, 0xffffffff,
					  hbus->low_mmio_space, 0x1000, false);
		if (ret)
			return ret;
	}
	if (hbus->high_mmio_space)
		return vmbus_allocate_mmio(&hbus->high_mmio_res, hbus->hdev, 0x100000000, -1,
					   hbus->high_mmio_space, 0x1000, false);
	return 0;
}

static int hv_allocate_config_window(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, HV_CONFIG_MIN, -1,
				   PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

int hv_pci_probe(struct hv_pcibus_device *hbus)
{
	return hv_pci_allocate_bridge_windows(hbus) ?: hv_allocate_config_window(hbus);
}
