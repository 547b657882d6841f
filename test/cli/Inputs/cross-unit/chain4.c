/* Wrapper 4 of the chain that starts in chain1.c. */
#include "wrappers.h"

int hv_chain4(struct hv_pcibus_device *hbus, resource_size_t min)
{
	return hv_chain3(hbus, min);
}
