/* A file that needs no headers and no compilation database: it declares the allocator itself. */
typedef unsigned long long resource_size_t;
struct resource;
struct hv_device;
int vmbus_allocate_mmio(struct resource **new, struct hv_device *device_obj, resource_size_t min,
			resource_size_t max, resource_size_t size, resource_size_t align, _Bool fb_overlap_ok);

struct hv_pcibus_device {
	struct hv_device *hdev;
	struct resource *mem_config;
};

int cfg(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, 0x2000, 0x1000, 0);
}
