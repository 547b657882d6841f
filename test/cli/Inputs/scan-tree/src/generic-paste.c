/* The name made by a generic pasting macro from two pieces spelled here. */
#include "cat.h"
#include "pci-hyperv.h"
int generic_paste(struct hv_pcibus_device *hbus)
{
	return CAT(vmbus_, allocate_mmio)(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
