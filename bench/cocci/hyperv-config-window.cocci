// Coccinelle's best rendering of rules/hyperv.yaml, for bench/whole-tree.py: every vmbus_allocate_mmio call is
// listed, and a config window request (destination ...->mem_config, size PCI_CONFIG_MMIO_LENGTH) is reported when
// its min is written as a literal below 4GB or its fb_overlap_ok as true. Coccinelle matches tokens: it cannot
// evaluate SZ_4G or any other macro, follow a local variable, or take a value from a caller.
virtual report

@call depends on report@
expression list args;
position p;
@@
vmbus_allocate_mmio@p(args)

@script:python depends on report@
p << call.p;
@@
coccilib.report.print_report(p[0], "call of vmbus_allocate_mmio")

@below depends on report@
expression bus, dev, max, align, fb;
constant min;
position p;
@@
vmbus_allocate_mmio@p(&bus->mem_config, dev, min, max, PCI_CONFIG_MMIO_LENGTH, align, fb)

@script:python depends on report@
p << below.p;
min << below.min;
@@
try:
    low = int(min.rstrip("uUlL"), 0) < (1 << 32)
except ValueError:
    low = False  # a macro such as SZ_4G: Coccinelle cannot tell its value
if low:
    coccilib.report.print_report(p[0], "config window request can start below 4GB [hyperv-config-window-below-4g]")

@overlap depends on report@
expression bus, dev, min, max, align;
position p;
@@
vmbus_allocate_mmio@p(&bus->mem_config, dev, min, max, PCI_CONFIG_MMIO_LENGTH, align, true)

@script:python depends on report@
p << overlap.p;
@@
coccilib.report.print_report(p[0], "config window request allows framebuffer overlap [hyperv-config-window-fb-overlap-ok]")
