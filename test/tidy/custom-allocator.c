// Another allocator, described by a ruleset of its own (plugin rules=, CheckOptions Rules, --rules): a rule of
// severity error is an error in every front end, and each fails (clang-tidy says "Found compiler error(s)" and exits
// 1); a note about a ruleset range points at its line in the YAML.
// RUN: not %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-rules=%inputs/rulesets/custom-allocator.yaml %s 2>&1 | %diag_lines | FileCheck --match-full-lines %s
// RUN: not %tidy --config="{CheckOptions: {mmio-audit-rules.Rules: %inputs/rulesets/custom-allocator.yaml}}" %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --match-full-lines %s
// RUN: %if mmio-audit-cli %{ not %mmio_audit --rules=%inputs/rulesets/custom-allocator.yaml %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --match-full-lines %s %}
// RUN: not %tidy --config="{CheckOptions: {mmio-audit-rules.Rules: %inputs/rulesets/custom-allocator.yaml}}" %s -- %kernel_flags 2>&1 | FileCheck --check-prefix=TIDY %s
// TIDY: custom-allocator.c:22:9: error: my_mmio_alloc request in setup_window can start below 4GB (min = 0x40000000) [my-window-above-4g] [mmio-audit-rules]
// TIDY: Found compiler error(s).
#include <linux/sizes.h>
#include <linux/ioport.h>

int my_mmio_alloc(unsigned long size, unsigned long align, u64 min, u64 max, struct resource **out);

struct dev {
	struct resource *res;
	struct resource *vga_res;
};

int setup_window(struct dev *d)
{
	return my_mmio_alloc(0x2000, 0x1000, SZ_1G, -1, &d->res);
}

int setup_window_high(struct dev *d)
{
	return my_mmio_alloc(0x4000, 0x1000, SZ_4G, -1, &d->res);
}

int other_function(struct dev *d)
{
	return my_mmio_alloc(0x2000, 0x1000, 0, -1, &d->res);
}

int too_small(struct dev *d)
{
	return my_mmio_alloc(0x2000, 0x1000, 0x1800, 0x2fff, &d->res);
}

int vga(struct dev *d)
{
	return my_mmio_alloc(0x100, 0x100, 0xb0000, 0xbffff, &d->vga_res);
}


// Every front end, in canonical order (Inputs/diag-lines.py):
// CHECK:      custom-allocator.c:22:9: error: my_mmio_alloc request in setup_window can start below 4GB (min = 0x40000000) [my-window-above-4g]
// CHECK-NEXT: custom-allocator.c:22:39: note: min is 0x40000000
// CHECK-NEXT: sizes.h:10:15: note: expanded from macro 'SZ_1G'
// CHECK-NEXT: custom-allocator.c:37:9: warning: window [0x1800, 0x2fff] cannot hold 0x2000 bytes aligned to 0x1000 [my-window-fits]
// CHECK-NEXT: custom-allocator.c:37:39: note: min is 0x1800
// CHECK-NEXT: custom-allocator.c:37:47: note: max is 0x2fff
// CHECK-NEXT: custom-allocator.c:37:23: note: size is 0x2000
// CHECK-NEXT: custom-allocator.c:37:31: note: align is 0x1000
// CHECK-NEXT: custom-allocator.c:42:9: warning: request can reach the VGA hole legacy-vga [my-no-vga]
// CHECK-NEXT: custom-allocator.c:42:37: note: min is 0xb0000
// CHECK-NEXT: custom-allocator.c:42:46: note: max is 0xbffff
// CHECK-NEXT: custom-allocator.yaml:6:5: note: range 'legacy-vga' is 0xa0000..0xbffff
// CHECK-NEXT: -- 12 diagnostic lines
