// The allocator declared only inside the function that calls it (no file-scope prototype): the call is found.
// RUN: %clang -target x86_64-linux-gnu -fsyntax-only %mmio_plugin -Xclang -verify %s
struct resource;
struct hv_device;
struct bus {
	struct hv_device *hdev;
	struct resource *mem_config;
};
#define PCI_CONFIG_MMIO_LENGTH 0x2000

int cfg(struct bus *b)
{
	extern int vmbus_allocate_mmio(struct resource **new, struct hv_device *device_obj, unsigned long long min,
				       unsigned long long max, unsigned long long size, unsigned long long align,
				       _Bool fb_overlap_ok);
	return vmbus_allocate_mmio(&b->mem_config, b->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, 0); // expected-warning {{can start below 4GB}} expected-note {{min is 0x0}}
}
