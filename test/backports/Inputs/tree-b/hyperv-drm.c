/* The framebuffer driver's VRAM request: any address, overlap allowed (not a config window: no rule selects it). */
#include "pci-hyperv.h"

struct hyperv_drm_device {
	struct hv_device *hdev;
	struct resource *mem;
	u64 fb_size;
};

int hyperv_setup_vram(struct hyperv_drm_device *hv)
{
	return vmbus_allocate_mmio(&hv->mem, hv->hdev, 0, -1, hv->fb_size, 0x100000, true);
}
