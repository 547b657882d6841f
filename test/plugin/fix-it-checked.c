// A fix-it is offered only if the call, so changed, satisfies its rule and can still be met (the window [min, max]
// holds size bytes): a replacement that does not satisfy the rule (0, SZ_2G) is not offered, nor is min = SZ_4G
// under max = 0xffffffff, which no address satisfies.
// RUN: %clang_kernel %mmio_plugin -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s --check-prefix=SHIPPED
// RUN: %clang_kernel %mmio_plugin -fplugin-arg-mmio_audit-rules=%S/Inputs/fix-replacements.yaml -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s --check-prefix=CUSTOM
#include "pci-hyperv.h"

// The shipped fix (min = SZ_4G) fits under max = -1: offered.
int fixable(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
// SHIPPED: fix-it-checked.c:11:9: warning: config window request can start below 4GB
// SHIPPED: fix-it:"{{.*}}fix-it-checked.c":{11:60-11:61}:"SZ_4G"

// Under max = 0xffffffff, min = SZ_4G would ask for a window no address satisfies: the finding stays, no fix.
int capped(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, 0, 0xffffffff, PCI_CONFIG_MMIO_LENGTH, 0x1000, false);
}
// SHIPPED: fix-it-checked.c:19:9: warning: config window request can start below 4GB
// SHIPPED-NOT: fix-it:"{{.*}}":{19:
// SHIPPED-NOT: warning:


// CUSTOM: fix-it-checked.c:11:9: warning: below 4GB (min = 0x0) [fix-zero]
// CUSTOM-NOT: fix-it:{{.*}}:"0"
// CUSTOM: fix-it-checked.c:11:9: warning: below 4GB (min = 0x0) [fix-2g]
// CUSTOM-NOT: fix-it:{{.*}}:"SZ_2G"
// CUSTOM: fix-it-checked.c:11:9: warning: below 4GB (min = 0x0) [fix-literal]
// CUSTOM: fix-it:"{{.*}}fix-it-checked.c":{11:60-11:61}:"0x100000000ULL"
