/* Calls of other units' wrappers that request a config window below 4GB. */
#include "wrappers.h"

int probe_zero(struct hv_pcibus_device *hbus)
{
	return hv_wrap_mmio(hbus, 0, PCI_CONFIG_MMIO_LENGTH);
}

int probe_above(struct hv_pcibus_device *hbus)
{
	return hv_wrap_above(hbus, 0);
}

int probe_sized(struct hv_pcibus_device *hbus)
{
	resource_size_t lo = 0x10000;

	return hv_wrap_sized(hbus, lo);
}

int probe_outer(struct hv_pcibus_device *hbus)
{
	return hv_wrap_outer(hbus, 0x1000);
}

int probe_chain4(struct hv_pcibus_device *hbus)
{
	return hv_chain4(hbus, 0);
}
