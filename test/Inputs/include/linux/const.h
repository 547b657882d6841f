/* Stub of the kernel's <linux/const.h> for mmio-audit tests: _AC as the kernel defines it for C. */
#ifndef _STUB_LINUX_CONST_H
#define _STUB_LINUX_CONST_H
#define __AC(X, Y) (X##Y)
#define _AC(X, Y) __AC(X, Y)
#endif
