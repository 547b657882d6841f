/* Wrapper 3 of the chain that starts in chain1.c. */
#include "wrappers.h"

int hv_chain3(struct hv_pcibus_device *hbus, resource_size_t min)
{
	return hv_chain2(hbus, min);
}
