// (A copy of test/plugin/custom-allocator.c for the CLI suite: the CLI must report it as the plugin does.)
// Another allocator described only in YAML; its RUN lines below are inert here (Inputs is not a test directory).
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-rules=%inputs/rulesets/custom-allocator.yaml -Xclang -verify %s
// RUN: not %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-rules=%inputs/rulesets/custom-allocator.yaml %s 2>&1 | FileCheck %s
#include <linux/sizes.h>
#include <linux/ioport.h>

int my_mmio_alloc(unsigned long size, unsigned long align, u64 min, u64 max, struct resource **out);

struct dev {
	struct resource *res;
	struct resource *vga_res;
};

int setup_window(struct dev *d)
{
	return my_mmio_alloc(0x2000, 0x1000, SZ_1G, -1, &d->res); // expected-error {{my_mmio_alloc request in setup_window can start below 4GB (min = 0x40000000) [my-window-above-4g]}} expected-note {{min is 0x40000000}}
}

int setup_window_high(struct dev *d)
{
	return my_mmio_alloc(0x4000, 0x1000, SZ_4G, -1, &d->res);
}

int setup_window_other_size(struct dev *d)
{
	return my_mmio_alloc(0x8000, 0x1000, 0, -1, &d->res); // size-value does not select it
}

int other_function(struct dev *d)
{
	return my_mmio_alloc(0x2000, 0x1000, 0, -1, &d->res); // function glob does not select it
}

int too_small(struct dev *d)
{
	return my_mmio_alloc(0x2000, 0x1000, 0x1800, 0x2fff, &d->res); // expected-warning {{window [0x1800, 0x2fff] cannot hold 0x2000 bytes aligned to 0x1000 [my-window-fits]}} expected-note {{min is 0x1800}} expected-note {{max is 0x2fff}} expected-note {{size is 0x2000}} expected-note {{align is 0x1000}}
}

int just_fits(struct dev *d)
{
	return my_mmio_alloc(0x2000, 0x1000, 0x1800, 0x3fff, &d->res);
}

int vga(struct dev *d)
{
	return my_mmio_alloc(0x100, 0x100, 0xb0000, 0xbffff, &d->vga_res); // expected-warning {{request can reach the VGA hole legacy-vga [my-no-vga]}} expected-note {{min is 0xb0000}} expected-note {{max is 0xbffff}}
	// expected-note@*:* {{range 'legacy-vga' is 0xa0000..0xbffff}}
}

int not_vga(struct dev *d)
{
	return my_mmio_alloc(0x100, 0x100, 0xc0000, 0xcffff, &d->vga_res);
}
// A note about a ruleset range points at the range's definition in the ruleset file.
// CHECK: custom-allocator.c:47:9: warning: request can reach the VGA hole legacy-vga [my-no-vga]
// CHECK: custom-allocator.yaml:6:5: note: range 'legacy-vga' is 0xa0000..0xbffff
// CHECK-NEXT: {{^}}    6 |   - name: legacy-vga
// CHECK: 2 warnings and 1 error generated.
