/* Compiles only for arm64: proves the unit was analysed for the target the compile command names. */
#ifndef __aarch64__
#error "not compiled for arm64"
#endif
#include "pci-hyperv.h"

int cfg(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
