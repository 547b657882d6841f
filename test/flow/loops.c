// Loops: a bound that changes in a loop is widened to unknown (silent by default), never guessed; one the loop
// leaves alone keeps its value; the values the first iteration surely passes still count, and only along the
// branches their conditions allow.
// RUN: %clang_kernel %mmio_plugin -Xclang -verify %s
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-unknown -Xclang -verify=expected,unknown %s
#include "pci-hyperv.h"

int try_windows(struct hv_pcibus_device *hbus)
{
	u64 lo = SZ_4G; // unknown-note {{'lo' changes in a loop the analysis does not unroll}}
	int ret = 1;

	while (ret && lo < SZ_8G) {
		ret = vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // unknown-warning {{cannot decide}} unknown-note {{min is unknown}}
		lo += SZ_1G;
	}
	return ret;
}

int retry_same_window(struct hv_pcibus_device *hbus, int tries)
{
	u64 lo = 0; // expected-note {{'lo' is 0x0}}
	int ret = 1;

	for (int i = 0; i < tries && ret; i++)
		ret = vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // expected-warning {{(min = 0x0,}} expected-note {{min is 0x0}}
	return ret;
}

int retry_same_window_ok(struct hv_pcibus_device *hbus, int tries)
{
	u64 lo = SZ_4G;
	int ret = 1;

	for (int i = 0; i < tries && ret; i++)
		ret = vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
	return ret;
}

// A retry loop entered with min = 0: later iterations change the bound (widened, unknown), but the first one surely
// passes 0, so the call can start below 4GB.
int retry_raising_min(struct hv_pcibus_device *hbus)
{
	u64 lo = 0; // expected-note {{'lo' is 0x0}}
	int ret = 1;

	while (ret && lo < SZ_8G) {
		ret = vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // expected-warning {{config window request can start below 4GB (min = 0x0, max = 0xffffffffffffffff)}} expected-note {{min is 0x0 on one of the paths to the call}}
		lo += SZ_1G;
	}
	return ret;
}

// Entered at 4GB and only raised: the first iteration holds, later ones are unknown; nothing is proven.
int retry_from_4g(struct hv_pcibus_device *hbus, int tries)
{
	u64 lo = SZ_4G; // unknown-note {{'lo' changes in a loop the analysis does not unroll}}
	int ret = 1;

	for (int i = 0; i < tries && ret; i++, lo += SZ_1G)
		ret = vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // unknown-warning {{cannot decide}} unknown-note {{min is unknown}}
	return ret;
}

int busy(u64 base);

// The first state leaves a loop only by an exit its condition allows: lo is never 0 after `while (lo < SZ_4G)`.
// Nothing is proven (lo is widened), and no first-iteration value is taken for one that reaches the call.
int raised_until_4g(struct hv_pcibus_device *hbus)
{
	u64 lo = 0; // unknown-note {{'lo' changes in a loop the analysis does not unroll}}

	while (lo < SZ_4G)
		lo += SZ_1G;
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // unknown-warning {{cannot decide}} unknown-note {{min is unknown}}
}

// A search: `||` leaves for the exit only once both sides are false, and base < SZ_4G holds for base = 0.
int search_from_0(struct hv_pcibus_device *hbus)
{
	u64 base; // unknown-note {{'base' changes in a loop the analysis does not unroll}}

	for (base = 0; base < SZ_4G || busy(base); base += SZ_1G)
		;
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, base, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // unknown-warning {{cannot decide}} unknown-note {{min is unknown}}
}

// The call is skipped while lo < 4GB: its first state is not the loop's first.
int skip_low_windows(struct hv_pcibus_device *hbus)
{
	int ret = 1;

	for (u64 lo = 0; ret && lo < SZ_8G * 4; lo += SZ_1G) { // unknown-note {{'lo' changes in a loop the analysis does not unroll}}
		if (lo < SZ_4G)
			continue;
		ret = vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false); // unknown-warning {{cannot decide}} unknown-note {{min is unknown}}
	}
	return ret;
}

// Outside loops too, a group of paths whose values decide a condition takes one branch: lo is 4GB at the call.
int raised_once(struct hv_pcibus_device *hbus)
{
	u64 lo = 0;

	if (lo < SZ_4G)
		lo = SZ_4G;
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
