// Allocations that are not config windows stay silent, whatever their bounds: the framebuffer's own request in
// hyperv_drm, pci-hyperv's 32-bit BAR window below 4GB and its 64-bit window (Debian 6.12's code).
// RUN: %clang_kernel %mmio_plugin -Xclang -verify %s
// expected-no-diagnostics
#include "pci-hyperv.h"

struct hyperv_drm_device {
	struct resource *mem;
	unsigned long fb_size;
};

int hyperv_setup_vram(struct hyperv_drm_device *hv, struct hv_device *hdev)
{
	return vmbus_allocate_mmio(&hv->mem, hdev, 0, -1, hv->fb_size, 0x100000,
				   true);
}

int hv_pci_allocate_bridge_windows(struct hv_pcibus_device *hbus, resource_size_t align)
{
	int ret = vmbus_allocate_mmio(&hbus->low_mmio_res, hbus->hdev, 0,
				      (u64)(u32)0xffffffff,
				      hbus->low_mmio_space,
				      align, false);
	if (ret)
		return ret;
	return vmbus_allocate_mmio(&hbus->high_mmio_res, hbus->hdev,
				   0x100000000, -1,
				   hbus->high_mmio_space, align,
				   false);
}
