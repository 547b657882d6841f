/* A config window allocated in a header's inline function, whose bound depends on how the including unit is built:
 * one unit of the tree (b.c, built with -DLOW) asks for memory below 4GB, the other does not. */
#ifndef CFGWIN_H
#define CFGWIN_H
#include "pci-hyperv.h"
#ifdef LOW
#define CFG_MIN 0
#else
#define CFG_MIN SZ_4G
#endif
static inline int hv_allocate_config_window(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, CFG_MIN, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
#endif
