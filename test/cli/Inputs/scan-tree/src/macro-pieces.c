/* A piece that comes out of a function-like macro's expansion: the scan's stated blind spot (docs/cli.md). */
#include "cat.h"
#include "pci-hyperv.h"
#define FIRST(x) x
int macro_pieces(struct hv_pcibus_device *hbus)
{
	return XCAT(FIRST(vmbus_), allocate_mmio)(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000,
						 false);
}
