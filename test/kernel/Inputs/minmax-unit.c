// A driver unit that bounds its MMIO requests with the kernel's own minmax.h helpers, compiled in
// pci-hyperv.c's place with Kbuild's flags (tests only).
#include <linux/hyperv.h>
#include <linux/minmax.h>
#include <linux/sizes.h>

/* A config window, as pci-hyperv's mem_config: the config-window rules select these calls by that field. */
struct mmio_test_bus {
	struct hv_device *hdev;
	struct resource *mem_config;
};

u64 mmio_test_base(struct hv_device *hdev);
int mmio_test_max_t(struct mmio_test_bus *bus);
int mmio_test_clamp(struct mmio_test_bus *bus, int high);
int mmio_test_min3(struct mmio_test_bus *bus, int high);
int mmio_test_min_low(struct mmio_test_bus *bus);

int mmio_test_max_t(struct mmio_test_bus *bus)
{
	return vmbus_allocate_mmio(&bus->mem_config, bus->hdev, max_t(u64, mmio_test_base(bus->hdev), SZ_4G), -1, SZ_8K, 0x1000, false);
}

int mmio_test_clamp(struct mmio_test_bus *bus, int high)
{
	u64 want = high ? SZ_8G : 0;

	return vmbus_allocate_mmio(&bus->mem_config, bus->hdev, clamp(want, (u64)SZ_4G, (u64)SZ_8G), -1, SZ_8K, 0x1000, false);
}

int mmio_test_min3(struct mmio_test_bus *bus, int high)
{
	u64 a = high ? SZ_8G : SZ_4G;

	return vmbus_allocate_mmio(&bus->mem_config, bus->hdev, min3(a, (u64)SZ_8G, (u64)SZ_8G + SZ_4G), -1, SZ_8K, 0x1000, false);
}

int mmio_test_min_low(struct mmio_test_bus *bus)
{
	return vmbus_allocate_mmio(&bus->mem_config, bus->hdev, min(mmio_test_base(bus->hdev), (u64)SZ_1M), -1, SZ_8K, 0x1000, false);
}
