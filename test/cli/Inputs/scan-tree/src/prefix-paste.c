/* The first piece comes from a macro defined in another header. */
#include "cat.h"
#include "hv-prefix.h"
#include "pci-hyperv.h"
int prefix_paste(struct hv_pcibus_device *hbus)
{
	return XCAT(HV_PREFIX, allocate_mmio)(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
