/* Warns under clang (an unused variable, a self-assignment) and breaks when BREAK is defined. */
#ifdef BREAK
#error "BREAK is defined"
#endif
#include "pci-hyperv.h"

int cfg(struct hv_pcibus_device *hbus)
{
	int unused;
	unused = unused;
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
