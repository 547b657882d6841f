/* A wrapper of another unit's wrapper. */
#include "wrappers.h"

int hv_wrap_outer(struct hv_pcibus_device *hbus, resource_size_t lo)
{
	return hv_wrap_mmio(hbus, lo, PCI_CONFIG_MMIO_LENGTH);
}
