// Calls and bounds spelled with macros: every front end shows the same macro backtrace ("expanded from macro") after
// the warning and after each note, and puts the fix-it where the user can edit it.
// RUN: %clang_kernel %mmio_plugin %s 2>&1 | %diag_lines | FileCheck --match-full-lines %s
// RUN: %tidy %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --match-full-lines %s
// RUN: %if mmio-audit-cli %{ %mmio_audit %s -- %kernel_flags 2>&1 | %diag_lines | FileCheck --match-full-lines %s %}
// RUN: rm -rf %t && mkdir -p %t
// RUN: cp %s %t/plugin.c && %clang_kernel %mmio_plugin -Xclang -fixit %t/plugin.c 2>/dev/null
// RUN: cp %s %t/tidy.c && %tidy --fix %t/tidy.c -- %kernel_flags > /dev/null 2>&1
// RUN: diff %t/plugin.c %t/tidy.c
// RUN: sed -n '/^int via/,/^}/p' %t/tidy.c | FileCheck --check-prefix=FIXED %s
#include "pci-hyperv.h"

#define CFG_MIN 0
#define CFG_SIZE PCI_CONFIG_MMIO_LENGTH
#define ALLOC_CFG(hbus, lo) \
	vmbus_allocate_mmio(&(hbus)->mem_config, (hbus)->hdev, lo, -1, CFG_SIZE, 0x1000, false)

int via_macro_min(struct hv_pcibus_device *hbus)
{
	return vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, CFG_MIN, -1,
				   CFG_SIZE, 0x1000, false);
}

int via_wrapper_macro(struct hv_pcibus_device *hbus)
{
	return ALLOC_CFG(hbus, SZ_4G - 1);
}

int via_wrapper_macro_fixed(struct hv_pcibus_device *hbus)
{
	return ALLOC_CFG(hbus, SZ_4G);
}

// Every front end, in canonical order (Inputs/diag-lines.py):
// CHECK:      macros.c:20:9: warning: config window request can start below 4GB (min = 0x0, max = 0xffffffffffffffff) [hyperv-config-window-below-4g]
// CHECK-NEXT: macros.c:20:60: note: min is 0x0
// CHECK-NEXT: macros.c:13:17: note: expanded from macro 'CFG_MIN'
// CHECK-NEXT: macros.c:26:9: warning: config window request can start below 4GB (min = 0xffffffff, max = 0xffffffffffffffff) [hyperv-config-window-below-4g]
// CHECK-NEXT: macros.c:16:2: note: expanded from macro 'ALLOC_CFG'
// CHECK-NEXT: macros.c:26:25: note: min is 0xffffffff
// CHECK-NEXT: sizes.h:12:15: note: expanded from macro 'SZ_4G'
// CHECK-NEXT: const.h:5:19: note: expanded from macro '_AC'
// CHECK-NEXT: const.h:4:20: note: expanded from macro '__AC'
// CHECK-NEXT: -- 9 diagnostic lines
// The fix-its land where the user wrote the bound: the call's CFG_MIN, the macro argument SZ_4G - 1.
// FIXED:      int via_macro_min(
// FIXED:      vmbus_allocate_mmio(&hbus->mem_config, hbus->hdev, SZ_4G, -1,
// FIXED:      int via_wrapper_macro(
// FIXED-NEXT: {
// FIXED-NEXT: return ALLOC_CFG(hbus, SZ_4G);
