// The analysis reports a violation only when it can stand behind it: values that can occur together, ends that are
// reachable. Otherwise the verdict is unknown, which a rule can ask to see (`on-unknown: report`).
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-rules=%inputs/rulesets/window.yaml -Xclang -verify %s
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-rules=%inputs/rulesets/window.yaml -fplugin-arg-mmio_audit-unknown -Xclang -verify=expected,unknown %s
#include "pci-hyperv.h"

// min and max set together on each branch: [0, 0xefffffff] and [0x100000000, -1] never reach the framebuffer.
int correlated_clean(struct hv_pcibus_device *hbus, int high)
{
	u64 lo, hi;

	if (high) {
		lo = SZ_4G;
		hi = -1;
	} else {
		lo = 0;
		hi = 0xefffffff;
	}
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, hi, 0x2000, 0x1000, false);
}

// The same on one branch, but the other reaches it: a violation on that branch.
int correlated_violation(struct hv_pcibus_device *hbus, int high)
{
	u64 lo, hi;

	if (high) {
		lo = SZ_4G;
		hi = -1;
	} else {
		lo = 0; // expected-note {{'lo' is 0x0 after this assignment}}
		hi = 0xf8000fff; // expected-note {{'hi' is 0xf8000fff after this assignment}}
	}
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, hi, 0x2000, 0x1000, false); // expected-warning {{window can reach 'fb' (min = 0x0, max = 0xf8000fff) [no-fb]}} expected-note {{min is 0x0}} expected-note {{max is 0xf8000fff}}
}
// expected-note@*:* {{range 'fb' is 0xf8000000..0xfbffffff}}

// A masked range has ends the machine may never produce: no violation the analysis can stand behind.
int masked(struct hv_pcibus_device *hbus, u64 base, int pick)
{
	u64 lo = pick ? 0xf7000000 : 0xfc000000; // unknown-note {{'lo' is 0xf7000000 or 0xfc000000}}

	lo &= 0xfffff000; // unknown-note {{'lo' is 0x0..0xfc000000 after this assignment}}
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, lo + 0x1fff, 0x2000, 0x1000, false); // unknown-warning {{cannot decide whether this call satisfies the rule: min is 0x0..0xfc000000, max is 0x1fff..0xfc001fff [no-fb]}} unknown-note {{min is}} unknown-note {{max is}}
}
// unknown-note@*:* {{range 'fb' is 0xf8000000..0xfbffffff}}

// A rule with `on-unknown: report` speaks about unknowns without the global switch.
int report_runtime(struct hv_pcibus_device *hbus, u64 lo)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, -1, 0x2000, 0x1000, false); // expected-warning {{cannot decide whether this call satisfies the rule: min is unknown [min-known]}} expected-note {{min is unknown}} unknown-warning {{cannot decide whether this call satisfies the rule: min is unknown [no-fb]}} unknown-note {{min is unknown}}
}
// expected-note@-4 {{parameter 'lo' of 'report_runtime', which other translation units can call}} unknown-note@-4 {{parameter 'lo' of 'report_runtime', which other translation units can call}}

// More path groups than the analysis keeps apart: min and max are joined separately and no longer known to occur
// together, so the window [0, -1] they span is not a violation (on every real path it stays clear of 'fb').
int many_paths(struct hv_pcibus_device *hbus, int a, int b, int c, int d)
{
	u64 lo = SZ_4G, hi = -1;

	if (a)
		lo += 0x1000;
	if (b)
		lo += 0x2000;
	if (c)
		lo += 0x4000;
	if (d) {
		lo = 0;
		hi = 0xefffffff;
	}
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, lo, hi, 0x2000, 0x1000, false); // unknown-warning {{cannot decide whether this call satisfies the rule: min is 0x0, 0x100000000..0x100001000, 0x100002000, 0x100003000, 0x100004000, 0x100005000, 0x100006000 or 0x100007000, max is 0xefffffff or 0xffffffffffffffff [no-fb]}} unknown-note 0+ {{is}}
}
// unknown-note@*:* 0+ {{range 'fb'}} unknown-note@*:* 0+ {{'lo' is}} unknown-note@*:* 0+ {{'hi' is}}
