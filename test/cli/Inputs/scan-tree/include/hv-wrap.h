/* A macro wrapper: every use of HV_ALLOC is an allocator call. */
#include "pci-hyperv.h"
#define HV_ALLOC(res, dev, lo) vmbus_allocate_mmio(res, dev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false)
