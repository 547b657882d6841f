/* Includes the inline wrapper, and names no allocator itself. */
#include "hv-inline.h"
