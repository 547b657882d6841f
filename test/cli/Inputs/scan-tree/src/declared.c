/* Sees the allocator's prototype only. */
#include "pci-hyperv.h"
int declared(void) { return 0; }
