/* The allocator's name exists only after token pasting, in the declaration and at the call: the prefilter must not
 * skip this unit. */
#include <linux/ioport.h>
#include <linux/types.h>
#define CAT(a, b) a##b
#define PCI_CONFIG_MMIO_LENGTH 0x2000
struct hv_device;
struct bus {
	struct hv_device *hdev;
	struct resource *mem_config;
};
int CAT(vmbus_allocate, _mmio)(struct resource **new, struct hv_device *device_obj, resource_size_t min,
			       resource_size_t max, resource_size_t size, resource_size_t align, bool fb_overlap_ok);

int cfg(struct bus *b)
{
	return CAT(vmbus_, allocate_mmio)(&b->mem_config, b->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
