#include "hv-paste.h"
int paste_user(struct hv_pcibus_device *hbus)
{
	return HV_CALL(allocate_mmio)(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
