/* Pastes a piece of the allocator's name in its own definition. */
#include "pci-hyperv.h"
#define HV_CALL(op) vmbus_##op
