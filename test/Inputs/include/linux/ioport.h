/* Stub of the kernel's <linux/ioport.h> for mmio-audit tests. */
#ifndef _STUB_LINUX_IOPORT_H
#define _STUB_LINUX_IOPORT_H
#include <linux/types.h>
struct resource {
	resource_size_t start;
	resource_size_t end;
	const char *name;
	unsigned long flags;
};
#endif
