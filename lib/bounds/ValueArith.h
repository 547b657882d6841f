// C's integer arithmetic on value sets, at the operands' width, with wrap-around computed rather than assumed away.
#ifndef MMIO_AUDIT_BOUNDS_VALUEARITH_H
#define MMIO_AUDIT_BOUNDS_VALUEARITH_H

#include "bounds/ValueSet.h"

namespace mmio {

enum class ArithOp { Add, Sub, Mul, Shl, LShr, AShr, And, Or, Xor, UDiv, URem, SDiv, SRem };
enum class CompareOp { EQ, NE, ULT, ULE, UGT, UGE, SLT, SLE, SGT, SGE };

/// `A op B` with both operands at the same width, results wrapped modulo 2^width as the machine computes them.
/// Shift amounts are taken from B's values; a shift by the width or more is unknown (undefined in C).
ValueSet applyArith(ArithOp Op, const ValueSet &A, const ValueSet &B);
/// 0 - A and ~A.
ValueSet negate(const ValueSet &A);
ValueSet bitNot(const ValueSet &A);
/// A comparison's result as an int of `ResultWidth` bits: {0}, {1} or {0, 1}.
ValueSet compare(CompareOp Op, const ValueSet &A, const ValueSet &B, unsigned ResultWidth);
/// The values of `A` for which `A op C` holds (`A` unknown: any value of its width), for the arm of a branch that
/// the comparison guards. Only unsigned comparisons and equality narrow; a signed one leaves `A` as it is. The ends
/// stay exact only when they are A's own smallest and largest: any other end is a bound, not a value known to occur.
ValueSet assume(CompareOp Op, const ValueSet &A, const llvm::APInt &C);
/// `!A` (1 when A is zero) as an int of `ResultWidth` bits.
ValueSet logicalNot(const ValueSet &A, unsigned ResultWidth);
/// The value of `A` converted to `Width` bits: sign-extended when the source type is signed, zero-extended
/// otherwise, truncated (wrapping) when narrower; to _Bool (`ToBool`) every non-zero value becomes 1.
ValueSet convert(const ValueSet &A, unsigned Width, bool FromSigned, bool ToBool);

} // namespace mmio

#endif
