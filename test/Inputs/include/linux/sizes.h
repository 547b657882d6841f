/* Stub of the kernel's <linux/sizes.h> for mmio-audit tests, with the kernel's spellings. */
#ifndef _STUB_LINUX_SIZES_H
#define _STUB_LINUX_SIZES_H
#include <linux/const.h>
#define SZ_4K 0x00001000
#define SZ_8K 0x00002000
#define SZ_1M 0x00100000
#define SZ_8M 0x00800000
#define SZ_128M 0x08000000
#define SZ_1G 0x40000000
#define SZ_2G 0x80000000
#define SZ_4G _AC(0x100000000, ULL)
#define SZ_8G _AC(0x200000000, ULL)
#define SZ_64K 0x00010000 /* after the others: tests name their lines */
#endif
