/* The parts of drivers/pci/controller/pci-hyperv.c that its allocator calls use, as in Debian's 6.12 sources. */
#ifndef _STUB_PCI_HYPERV_H
#define _STUB_PCI_HYPERV_H
#include <linux/hyperv.h>
#include <linux/sizes.h>
#define PCI_CONFIG_MMIO_LENGTH	0x2000
struct hv_pcibus_device {
	struct hv_device *hdev;
	struct resource *mem_config;
	struct resource *low_mmio_res;
	struct resource *high_mmio_res;
	u64 low_mmio_space;
	u64 high_mmio_space;
};
#endif
