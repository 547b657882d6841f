// Under -E (or -M) clang runs no AST plugin: the plugin is loaded but inert, the preprocessed output is the same as
// without it, and its arguments, a ruleset that does not load included, are not read. The same arguments on a
// compile that parses are an error (docs: README, "The plugin").
// RUN: %clang -target x86_64-linux-gnu -nostdinc -E %s -o %t.plain.i
// RUN: %clang -target x86_64-linux-gnu -nostdinc -E %mmio_plugin -fplugin-arg-mmio_audit-rules=%t.missing.yaml %s -o %t.plugin.i
// RUN: diff %t.plain.i %t.plugin.i
// RUN: not %clang -target x86_64-linux-gnu -nostdinc -fsyntax-only %mmio_plugin -fplugin-arg-mmio_audit-rules=%t.missing.yaml %s 2>&1 | FileCheck %s -DFILE=%t.missing.yaml
// CHECK: error: [[FILE]]: cannot read ruleset: no such file or directory
#define SZ_4G 0x100000000ULL
int vmbus_allocate_mmio(void **r, void *d, unsigned long long min, unsigned long long max, unsigned long long size,
                        unsigned long long align, _Bool fb_overlap_ok);
int f(void **r) { return vmbus_allocate_mmio(r, 0, SZ_4G, -1, 0x2000, 0x1000, 0); }
