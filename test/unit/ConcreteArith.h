// What the machine computes for one operation on two 8-bit values: the model value-set arithmetic is checked
// against, by the unit tests and by the fuzzer.
#ifndef MMIO_AUDIT_TEST_CONCRETEARITH_H
#define MMIO_AUDIT_TEST_CONCRETEARITH_H

#include "bounds/ValueArith.h"

#include <cstdint>

namespace mmio {

/// The 8-bit result of `A op B`, or -1 where C leaves it undefined (a shift too far, division by zero, overflow of
/// signed division).
inline int concreteArith8(ArithOp Op, unsigned A, unsigned B) {
  int8_t SA = static_cast<int8_t>(A), SB = static_cast<int8_t>(B);
  switch (Op) {
  case ArithOp::Add: return (A + B) & 0xff;
  case ArithOp::Sub: return (A - B) & 0xff;
  case ArithOp::Mul: return (A * B) & 0xff;
  case ArithOp::Shl: return B >= 8 ? -1 : (A << B) & 0xff;
  case ArithOp::LShr: return B >= 8 ? -1 : A >> B;
  case ArithOp::AShr: return B >= 8 ? -1 : static_cast<uint8_t>(SA >> B);
  case ArithOp::And: return A & B;
  case ArithOp::Or: return A | B;
  case ArithOp::Xor: return A ^ B;
  case ArithOp::UDiv: return B == 0 ? -1 : A / B;
  case ArithOp::URem: return B == 0 ? -1 : A % B;
  case ArithOp::SDiv: return (SB == 0 || (SA == -128 && SB == -1)) ? -1 : static_cast<uint8_t>(SA / SB);
  case ArithOp::SRem: return (SB == 0 || (SA == -128 && SB == -1)) ? -1 : static_cast<uint8_t>(SA % SB);
  }
  return -1;
}

} // namespace mmio

#endif
