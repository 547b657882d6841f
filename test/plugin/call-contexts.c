// Every call is found wherever it sits in a function: nested in another call, in a local variable's initialiser,
// in a statement expression, in inner blocks, in a static inline function (as headers define them).
// RUN: %clang_kernel %mmio_plugin -Xclang -verify %s
#include "pci-hyperv.h"

int consume(int ret);

int nested(struct hv_pcibus_device *hbus)
{
	return consume(vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, // expected-warning {{can start below 4GB}} expected-note {{min is 0x0}}
					   PCI_CONFIG_MMIO_LENGTH, 0x1000, false));
}

int initialiser(struct hv_pcibus_device *hbus)
{
	int ret = vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, // expected-warning {{can start below 4GB}} expected-note {{min is 0x0}}
				      PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
	return ret;
}

int statement_expression(struct hv_pcibus_device *hbus)
{
	return ({
		int r = 0;
		if (hbus)
			r = vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, // expected-warning {{can start below 4GB}} expected-note {{min is 0x0}}
						PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
		r;
	});
}

int inner_block(struct hv_pcibus_device *hbus)
{
	{
		{
			return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, // expected-warning {{can start below 4GB}} expected-note {{min is 0x0}}
						   PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
		}
	}
}

static inline int in_a_header_style_inline(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, // expected-warning {{can start below 4GB}} expected-note {{min is 0x0}}
				   PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

int user(struct hv_pcibus_device *hbus)
{
	return in_a_header_style_inline(hbus);
}
