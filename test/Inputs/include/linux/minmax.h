/* Stub of the kernel's <linux/minmax.h> for mmio-audit tests: the same shapes as 6.1's and 6.12's (GNU statement
 * expressions with __auto_type or typed locals under __UNIQUE_ID names, compile-time checks that expand to a
 * `do { } while (0)` calling an __attribute__((error)) function, __builtin_choose_expr), written for the tests. */
#ifndef _STUB_LINUX_MINMAX_H
#define _STUB_LINUX_MINMAX_H

#define ___PASTE(a, b) a##b
#define __PASTE(a, b) ___PASTE(a, b)
#define __UNIQUE_ID(prefix) __PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)

#define __stub_assert(cond, msg, id)                                                                               \
	do {                                                                                                       \
		extern void id(void) __attribute__((__noreturn__, __error__(msg)));                                \
		if (!(cond))                                                                                       \
			id();                                                                                      \
	} while (0)
#define BUILD_BUG_ON_MSG(cond, msg) __stub_assert(!(cond), msg, __PASTE(__stub_assert_, __COUNTER__))
#define statically_true(x) (__builtin_constant_p(x) && (x))
#define __types_ok(x, y) (__builtin_types_compatible_p(typeof(x), typeof(y)) || 1)

#define __cmp_op_min <
#define __cmp_op_max >
#define __cmp(op, x, y) ((x) __cmp_op_##op (y) ? (x) : (y))

#define __cmp_once_unique(op, type, x, y, ux, uy) ({ type ux = (x); type uy = (y); __cmp(op, ux, uy); })
#define __cmp_once(op, type, x, y) __cmp_once_unique(op, type, x, y, __UNIQUE_ID(x_), __UNIQUE_ID(y_))

#define __careful_cmp_once(op, x, y, ux, uy)                                                                       \
	({                                                                                                         \
		__auto_type ux = (x);                                                                              \
		__auto_type uy = (y);                                                                              \
		BUILD_BUG_ON_MSG(!__types_ok(ux, uy), #op "(" #x ", " #y ") signedness error");                     \
		__cmp(op, ux, uy);                                                                                 \
	})
#define __careful_cmp(op, x, y) __careful_cmp_once(op, x, y, __UNIQUE_ID(x_), __UNIQUE_ID(y_))

#define min(x, y) __careful_cmp(min, x, y)
#define max(x, y) __careful_cmp(max, x, y)
#define min_t(type, x, y) __cmp_once(min, type, x, y)
#define max_t(type, x, y) __cmp_once(max, type, x, y)

#define __careful_op3(op, x, y, z, ux, uy, uz)                                                                     \
	({                                                                                                         \
		__auto_type ux = (x);                                                                              \
		__auto_type uy = (y);                                                                              \
		__auto_type uz = (z);                                                                              \
		__cmp(op, ux, __cmp(op, uy, uz));                                                                  \
	})
#define min3(x, y, z) __careful_op3(min, x, y, z, __UNIQUE_ID(x_), __UNIQUE_ID(y_), __UNIQUE_ID(z_))

#define __clamp(val, lo, hi) ((val) >= (hi) ? (hi) : ((val) <= (lo) ? (lo) : (val)))
#define __clamp_once(type, val, lo, hi, uval, ulo, uhi)                                                             \
	({                                                                                                         \
		type uval = (val);                                                                                 \
		type ulo = (lo);                                                                                   \
		type uhi = (hi);                                                                                   \
		BUILD_BUG_ON_MSG(statically_true(ulo > uhi), "clamp() low limit " #lo " greater than high limit " #hi); \
		__clamp(uval, ulo, uhi);                                                                           \
	})
#define __careful_clamp(type, val, lo, hi)                                                                         \
	__builtin_choose_expr(__builtin_constant_p((val) - (lo) - (hi)), __clamp(val, lo, hi),                         \
			      __clamp_once(type, val, lo, hi, __UNIQUE_ID(v_), __UNIQUE_ID(l_), __UNIQUE_ID(h_)))
#define clamp(val, lo, hi) __careful_clamp(__auto_type, val, lo, hi)
#define clamp_t(type, val, lo, hi) __careful_clamp(type, val, lo, hi)

#endif
