/* Stub of the kernel's <linux/types.h> for mmio-audit tests (x86_64 and arm64 widths). */
#ifndef _STUB_LINUX_TYPES_H
#define _STUB_LINUX_TYPES_H
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef long long s64;
typedef _Bool bool;
#define true 1
#define false 0
#define NULL ((void *)0)
#ifdef CONFIG_PHYS_ADDR_T_32BIT
typedef u32 phys_addr_t;
#else
typedef u64 phys_addr_t;
#endif
typedef phys_addr_t resource_size_t;
#endif
