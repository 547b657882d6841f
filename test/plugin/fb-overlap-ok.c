// A config window that lets itself overlap the framebuffer is flagged; the framebuffer drivers' own requests are not
// config windows and stay silent.
// RUN: %clang_kernel %mmio_plugin -Xclang -verify %s
// RUN: %clang_kernel %mmio_plugin -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
#include "pci-hyperv.h"

int cfg_overlap_ok(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, SZ_4G, -1, // expected-warning {{config window request allows overlap with the framebuffer (fb_overlap_ok = 0x1) [hyperv-config-window-fb-overlap-ok]}}
				   PCI_CONFIG_MMIO_LENGTH, 0x1000, true); // expected-note {{fb_overlap_ok is 0x1}}
}
// CHECK: fix-it:"{{.*}}fb-overlap-ok.c":{10:40-10:44}:"false"

int cfg_no_overlap(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, SZ_4G, -1,
				   PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
