// A finding in an included header: the plugin and the CLI report it where it is; clang-tidy shows diagnostics in
// headers only under --header-filter (its rule for every check), and then the same one.
// RUN: %clang_kernel %mmio_plugin -I %S/Inputs %s 2>&1 | %diag_lines | FileCheck --match-full-lines %s
// RUN: %tidy --header-filter='.*' %s -- %kernel_flags -I %S/Inputs 2>&1 | %diag_lines | FileCheck --match-full-lines %s
// RUN: %if mmio-audit-cli %{ %mmio_audit %s -- %kernel_flags -I %S/Inputs 2>&1 | %diag_lines | FileCheck --match-full-lines %s %}
// RUN: %tidy %s -- %kernel_flags -I %S/Inputs 2>&1 | FileCheck --check-prefix=FILTERED %s
// FILTERED: Suppressed 1 warnings (1 in non-user code).
// FILTERED: Use -header-filter=.* to display errors from all non-system headers.
#include "config-window.h"

int probe(struct hv_pcibus_device *hbus) { return alloc_cfg_low(hbus); }

// CHECK:      config-window.h:6:9: warning: config window request can start below 4GB (min = 0x0, max = 0xffffffffffffffff) [hyperv-config-window-below-4g]
// CHECK-NEXT: config-window.h:6:60: note: min is 0x0
// CHECK-NEXT: -- 2 diagnostic lines
