/* Calls of the same wrappers that must stay silent: the window starts at 4GB, or the wrapper is not followed. */
#include "wrappers.h"

int probe_high(struct hv_pcibus_device *hbus)
{
	return hv_wrap_mmio(hbus, SZ_4G, PCI_CONFIG_MMIO_LENGTH);
}

int probe_above_high(struct hv_pcibus_device *hbus)
{
	return hv_wrap_above(hbus, SZ_4G - 0x1000);
}

/* The wrapper returns early for a low min: whether the allocator is reached depends on what it is passed. */
int probe_checked(struct hv_pcibus_device *hbus)
{
	return hv_checked_wrap(hbus, 0);
}

/* The wrapper reads min twice: not a forwarded bound. */
int probe_twice(struct hv_pcibus_device *hbus)
{
	return hv_twice_wrap(hbus, 0);
}

/* Two units define it differently. */
int probe_dup(struct hv_pcibus_device *hbus)
{
	return hv_dup_wrap(hbus, 0);
}

/* Five wrappers deep: past the depth followed. */
int probe_chain5(struct hv_pcibus_device *hbus)
{
	return hv_chain5(hbus, 0);
}
