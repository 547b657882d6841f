"""make-large-function.py unrelated|calls N: one function of N branches. `unrelated`: N locals that no allocator call
reads, each set on a branch, and one call; `calls`: N locals each set on a branch and passed to a call of its own.
Both are shapes whose flow-analysis state grows as variables x blocks if every local is carried everywhere."""
import sys

shape, n = sys.argv[1], int(sys.argv[2])
w = sys.stdout.write
w('#include "pci-hyperv.h"\nint big(struct hv_pcibus_device *h, int k)\n{\n\tint r = 0;\n\tu64 lo = 0;\n')
for i in range(n):
    w("\tu64 v%d = SZ_4G;\n\tif (k == %d)\n\t\tv%d = %d;\n" % (i, i, i, i))
    if shape == "calls":
        w("\tr |= vmbus_allocate_mmio(&h->mem_config, h->hdev, v%d, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);\n" % i)
w("\treturn r | vmbus_allocate_mmio(&h->mem_config, h->hdev, lo, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);\n}\n")
