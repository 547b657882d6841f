"""Writes a unit whose first allocator call has a min of N terms (an expression N levels deep) and whose second
asks for min = 0, so a tool that survives the first still has a finding to report on the second."""
import sys

n = int(sys.argv[1])
sys.stdout.write(
    '#include "pci-hyperv.h"\n'
    "int deep(struct hv_pcibus_device *h, resource_size_t lo)\n{\n"
    "\treturn vmbus_allocate_mmio(&h->mem_config, h->hdev, " + " + ".join(["lo"] * n) +
    ", -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);\n}\n"
    "int low(struct hv_pcibus_device *h)\n{\n"
    "\treturn vmbus_allocate_mmio(&h->mem_config, h->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);\n}\n")
