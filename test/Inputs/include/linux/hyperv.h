/* Stub of the kernel's <linux/hyperv.h> for mmio-audit tests: the VMBus MMIO allocator as 6.1 and 6.12 declare it. */
#ifndef _STUB_LINUX_HYPERV_H
#define _STUB_LINUX_HYPERV_H
#include <linux/ioport.h>
#include <linux/types.h>
struct hv_device {
	int id;
};
int vmbus_allocate_mmio(struct resource **new, struct hv_device *device_obj,
			resource_size_t min, resource_size_t max,
			resource_size_t size, resource_size_t align,
			bool fb_overlap_ok);
void vmbus_free_mmio(resource_size_t start, resource_size_t size);
#endif
