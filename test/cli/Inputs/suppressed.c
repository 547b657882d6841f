/* Suppression comments in their accepted places and forms. */
#include "pci-hyperv.h"

int same_line(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // mmio-audit: ignore[hyperv-config-window-below-4g] -- the host picks the window here
}

int line_above(struct hv_pcibus_device *hbus)
{
	/* mmio-audit: ignore hyperv-config-window-below-4g -- reviewed: firmware reserves the framebuffer */
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

int block_above(struct hv_pcibus_device *hbus)
{
	/*
	 * The kernel's comment style: the suppression is in the block directly above.
	 * mmio-audit: ignore[hyperv-*] -- glob over the Hyper-V rules
	 */
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1,
				   PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

int inside_call(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1,
				   PCI_CONFIG_MMIO_LENGTH, 0x1000, false); /* mmio-audit: ignore[*] -- any rule */
}

int no_reason(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // mmio-audit: ignore[hyperv-config-window-below-4g]
}

int other_rule(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // mmio-audit: ignore[hyperv-config-window-fb-overlap-ok] -- not the rule that fires
}

int trailing_comment_of_previous_line(struct hv_pcibus_device *hbus)
{
	int unused = 0; // mmio-audit: ignore[hyperv-config-window-below-4g] -- belongs to this line only
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false) + unused;
}

int blank_line_between(struct hv_pcibus_device *hbus)
{
	// mmio-audit: ignore[hyperv-config-window-below-4g] -- a blank line ends the block above

	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}

/* mmio-audit: ignore[hyperv-config-window-fb-overlap-ok] -- nothing here fires it: unused */
int unused_suppression(void) { return 0; }
