/* Declares the allocator (through the header) but never calls it: skipped by the prefilter, nothing found. */
#include "pci-hyperv.h"

int nothing(void) { return 0; }
