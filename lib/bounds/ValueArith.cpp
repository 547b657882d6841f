#include "bounds/ValueArith.h"

#include "llvm/ADT/STLExtras.h"

using llvm::APInt;

namespace mmio {

namespace {

/// Applies `Op` to two single values. std::nullopt when C leaves the result undefined (shift too far, division by
/// zero) and the analysis must not guess.
std::optional<APInt> applyOne(ArithOp Op, const APInt &A, const APInt &B) {
  unsigned W = A.getBitWidth();
  switch (Op) {
  case ArithOp::Add:
    return A + B;
  case ArithOp::Sub:
    return A - B;
  case ArithOp::Mul:
    return A * B;
  case ArithOp::Shl:
    if (B.uge(W))
      return std::nullopt;
    return A.shl(B);
  case ArithOp::LShr:
    if (B.uge(W))
      return std::nullopt;
    return A.lshr(B);
  case ArithOp::AShr:
    if (B.uge(W))
      return std::nullopt;
    return A.ashr(B);
  case ArithOp::And:
    return A & B;
  case ArithOp::Or:
    return A | B;
  case ArithOp::Xor:
    return A ^ B;
  case ArithOp::UDiv:
    if (B.isZero())
      return std::nullopt;
    return A.udiv(B);
  case ArithOp::URem:
    if (B.isZero())
      return std::nullopt;
    return A.urem(B);
  case ArithOp::SDiv:
    if (B.isZero() || (A.isMinSignedValue() && B.isAllOnes()))
      return std::nullopt;
    return A.sdiv(B);
  case ArithOp::SRem:
    if (B.isZero() || (A.isMinSignedValue() && B.isAllOnes()))
      return std::nullopt;
    return A.srem(B);
  }
  return std::nullopt;
}

/// [Lo, Hi] computed at double width and mapped back modulo 2^W: one interval, two when it wraps once, every
/// value when it spans 2^W or more. `Wrapped` tells whether the ends moved (the interval was split).
ValueSet wrapRange(const APInt &WideLo, const APInt &WideHi, unsigned W, bool &Wrapped) {
  unsigned WW = WideLo.getBitWidth();
  APInt Span = WideHi - WideLo;
  if (Span.uge(APInt::getMaxValue(W).zext(WW))) {
    Wrapped = true;
    return ValueSet::full(W);
  }
  APInt Lo = WideLo.trunc(W), Hi = WideHi.trunc(W);
  // Within one multiple of 2^W the reduction keeps the order, so the ends stay the ends.
  Wrapped = false;
  if (WideLo.lshr(W) == WideHi.lshr(W))
    return ValueSet::range(Lo, Hi);
  Wrapped = true;
  return ValueSet::range(APInt::getMinValue(W), Hi).join(ValueSet::range(Lo, APInt::getMaxValue(W)));
}

/// Monotonic operations on an interval and a single value, computed on the ends. Add, Sub (interval - value),
/// Mul and Shl by a value, LShr by a value.
std::optional<ValueSet> monotonicWithConstant(ArithOp Op, const Interval &I, const APInt &K, bool &Wrapped) {
  unsigned W = I.Lo.getBitWidth(), WW = 2 * W + 2;
  APInt Lo = I.Lo.zext(WW), Hi = I.Hi.zext(WW), C = K.zext(WW);
  switch (Op) {
  case ArithOp::Add:
    return wrapRange(Lo + C, Hi + C, W, Wrapped);
  case ArithOp::Sub: {
    APInt Bias = APInt::getOneBitSet(WW, W + 1); // keeps the difference non-negative at the wide width
    return wrapRange(Lo + Bias - C, Hi + Bias - C, W, Wrapped);
  }
  case ArithOp::Mul:
    return wrapRange(Lo * C, Hi * C, W, Wrapped);
  case ArithOp::Shl:
    if (K.uge(W))
      return std::nullopt;
    return wrapRange(Lo.shl(C.getZExtValue()), Hi.shl(C.getZExtValue()), W, Wrapped);
  case ArithOp::LShr:
    if (K.uge(W))
      return std::nullopt;
    Wrapped = false;
    return ValueSet::range(I.Lo.lshr(K), I.Hi.lshr(K));
  default:
    return std::nullopt;
  }
}

/// Every interval of the result of `A op K` for a single value K, or std::nullopt when the operation is not
/// monotonic on the ends.
std::optional<ValueSet> withConstant(ArithOp Op, const ValueSet &A, const APInt &K) {
  ValueSet R = ValueSet::empty(A.width());
  bool AnyWrap = false;
  for (const Interval &I : A.intervals()) {
    bool Wrapped = false;
    std::optional<ValueSet> Part = monotonicWithConstant(Op, I, K, Wrapped);
    if (!Part)
      return std::nullopt;
    AnyWrap |= Wrapped;
    R = R.join(*Part);
  }
  if (AnyWrap || !A.hasExactEnds())
    R.dropExactEnds();
  return R;
}

/// Bounds of the result when neither operand is a single value: sound, with ends that need not be reachable.
ValueSet approximate(ArithOp Op, const ValueSet &A, const ValueSet &B) {
  unsigned W = A.width(), WW = 2 * W + 2;
  APInt ALo = A.min().zext(WW), AHi = A.max().zext(WW), BLo = B.min().zext(WW), BHi = B.max().zext(WW);
  bool Wrapped = false;
  ValueSet R = ValueSet::unknown(W);
  switch (Op) {
  case ArithOp::Add:
    R = wrapRange(ALo + BLo, AHi + BHi, W, Wrapped);
    break;
  case ArithOp::Sub: {
    APInt Bias = APInt::getOneBitSet(WW, W + 1);
    R = wrapRange(ALo + Bias - BHi, AHi + Bias - BLo, W, Wrapped);
    break;
  }
  case ArithOp::Mul:
    R = wrapRange(ALo * BLo, AHi * BHi, W, Wrapped);
    break;
  case ArithOp::And:
    R = ValueSet::range(APInt::getMinValue(W), llvm::APIntOps::umin(A.max(), B.max()));
    break;
  case ArithOp::Or:
  case ArithOp::Xor: {
    // No bit above the highest set bit of either operand can appear.
    unsigned Bits = std::max(A.max().getActiveBits(), B.max().getActiveBits());
    APInt Lo = Op == ArithOp::Or ? llvm::APIntOps::umax(A.min(), B.min()) : APInt::getMinValue(W);
    R = ValueSet::range(Lo, APInt::getLowBitsSet(W, Bits));
    break;
  }
  case ArithOp::UDiv:
    if (B.min().isZero())
      return ValueSet::unknown(W);
    R = ValueSet::range(A.min().udiv(B.max()), A.max().udiv(B.min()));
    break;
  case ArithOp::URem:
    if (B.min().isZero())
      return ValueSet::unknown(W);
    R = ValueSet::range(APInt::getMinValue(W), llvm::APIntOps::umin(A.max(), B.max() - 1));
    break;
  default:
    return ValueSet::unknown(W);
  }
  return R.dropExactEnds();
}

} // namespace

ValueSet applyArith(ArithOp Op, const ValueSet &A, const ValueSet &B) {
  unsigned W = A.width();
  if (A.isUnknown() || B.isUnknown())
    return ValueSet::unknown(W);
  if (A.isEmpty() || B.isEmpty())
    return ValueSet::empty(W);
  std::optional<APInt> KA = A.singleValue(), KB = B.singleValue();
  if (KA && KB) {
    std::optional<APInt> V = applyOne(Op, *KA, *KB);
    return V ? ValueSet::constant(*V) : ValueSet::unknown(W);
  }
  // One operand is a single value: most operations move the other's ends monotonically.
  if (KB)
    if (std::optional<ValueSet> R = withConstant(Op, A, *KB))
      return *R;
  if (KA && (Op == ArithOp::Add || Op == ArithOp::Mul))
    if (std::optional<ValueSet> R = withConstant(Op, B, *KA))
      return *R;
  if (KA && Op == ArithOp::Sub) // K - B = -(B) + K
    if (std::optional<ValueSet> R = withConstant(ArithOp::Add, negate(B), *KA))
      return *R;
  // Signed division and shifts of values that may be negative depend on signs: leave them unknown.
  if (Op == ArithOp::SDiv || Op == ArithOp::SRem || Op == ArithOp::AShr || Op == ArithOp::Shl || Op == ArithOp::LShr)
    return ValueSet::unknown(W);
  return approximate(Op, A, B);
}

ValueSet negate(const ValueSet &A) {
  unsigned W = A.width();
  if (A.isUnknown() || A.isEmpty())
    return A;
  // 0 - x reverses the order of every value but 0, which stays 0.
  ValueSet R = ValueSet::empty(W);
  for (const Interval &I : A.intervals()) {
    APInt Lo = I.Lo;
    if (Lo.isZero()) {
      R = R.join(ValueSet::constant(APInt::getZero(W)));
      if (I.Hi.isZero())
        continue;
      Lo = APInt(W, 1);
    }
    R = R.join(ValueSet::range(-I.Hi, -Lo));
  }
  bool ZeroAndMore = A.min().isZero() && !A.max().isZero();
  if (!A.hasExactEnds() || ZeroAndMore)
    R.dropExactEnds();
  return R;
}

ValueSet bitNot(const ValueSet &A) {
  if (A.isUnknown() || A.isEmpty())
    return A;
  ValueSet R = ValueSet::empty(A.width());
  for (const Interval &I : A.intervals())
    R = R.join(ValueSet::range(~I.Hi, ~I.Lo));
  if (!A.hasExactEnds())
    R.dropExactEnds();
  return R;
}

ValueSet compare(CompareOp Op, const ValueSet &A, const ValueSet &B, unsigned ResultWidth) {
  ValueSet Both = ValueSet::constant(ResultWidth, 0).join(ValueSet::constant(ResultWidth, 1)).dropExactEnds();
  if (A.isUnknown() || B.isUnknown() || A.isEmpty() || B.isEmpty())
    return ValueSet::unknown(ResultWidth);
  auto Decided = [&](bool V) { return ValueSet::constant(ResultWidth, V ? 1 : 0); };
  std::optional<APInt> KA = A.singleValue(), KB = B.singleValue();
  if (KA && KB) {
    const APInt &X = *KA, &Y = *KB;
    switch (Op) {
    case CompareOp::EQ:
      return Decided(X == Y);
    case CompareOp::NE:
      return Decided(X != Y);
    case CompareOp::ULT:
      return Decided(X.ult(Y));
    case CompareOp::ULE:
      return Decided(X.ule(Y));
    case CompareOp::UGT:
      return Decided(X.ugt(Y));
    case CompareOp::UGE:
      return Decided(X.uge(Y));
    case CompareOp::SLT:
      return Decided(X.slt(Y));
    case CompareOp::SLE:
      return Decided(X.sle(Y));
    case CompareOp::SGT:
      return Decided(X.sgt(Y));
    case CompareOp::SGE:
      return Decided(X.sge(Y));
    }
  }
  // Unsigned comparisons of disjoint sets are decided by their ends.
  switch (Op) {
  case CompareOp::ULT:
    if (A.max().ult(B.min()))
      return Decided(true);
    if (A.min().uge(B.max()))
      return Decided(false);
    break;
  case CompareOp::UGE:
    if (A.min().uge(B.max()))
      return Decided(true);
    if (A.max().ult(B.min()))
      return Decided(false);
    break;
  case CompareOp::UGT:
    if (A.min().ugt(B.max()))
      return Decided(true);
    if (A.max().ule(B.min()))
      return Decided(false);
    break;
  case CompareOp::ULE:
    if (A.max().ule(B.min()))
      return Decided(true);
    if (A.min().ugt(B.max()))
      return Decided(false);
    break;
  default:
    break;
  }
  return Both;
}

ValueSet assume(CompareOp Op, const ValueSet &A, const APInt &C) {
  unsigned W = A.width();
  if (C.getBitWidth() != W || A.isEmpty())
    return A;
  APInt Min = APInt::getMinValue(W), Max = APInt::getMaxValue(W);
  llvm::SmallVector<Interval, 2> Allowed;
  switch (Op) {
  case CompareOp::EQ:
    Allowed.push_back({C, C});
    break;
  case CompareOp::NE:
    if (!C.isMinValue())
      Allowed.push_back({Min, C - 1});
    if (!C.isMaxValue())
      Allowed.push_back({C + 1, Max});
    break;
  case CompareOp::ULT:
    if (!C.isMinValue())
      Allowed.push_back({Min, C - 1});
    break;
  case CompareOp::ULE:
    Allowed.push_back({Min, C});
    break;
  case CompareOp::UGT:
    if (!C.isMaxValue())
      Allowed.push_back({C + 1, Max});
    break;
  case CompareOp::UGE:
    Allowed.push_back({C, Max});
    break;
  default:
    return A; // signed: the unsigned intervals would need splitting at the sign bit; not narrowed
  }
  ValueSet Source = A.isUnknown() ? ValueSet::full(W) : A;
  ValueSet R = ValueSet::empty(W);
  for (const Interval &P : Source.intervals())
    for (const Interval &L : Allowed) {
      APInt Lo = llvm::APIntOps::umax(P.Lo, L.Lo), Hi = llvm::APIntOps::umin(P.Hi, L.Hi);
      if (Lo.ule(Hi))
        R = R.join(ValueSet::range(Lo, Hi));
    }
  // Only A's own smallest and largest values are known to occur: an end anywhere else is a bound.
  if (A.isUnknown() || !A.hasExactEnds() || R.isEmpty() || R.min() != A.min() || R.max() != A.max())
    R.dropExactEnds();
  return R;
}

ValueSet logicalNot(const ValueSet &A, unsigned ResultWidth) {
  if (A.isUnknown() || A.isEmpty())
    return ValueSet::unknown(ResultWidth);
  bool MayBeZero = A.contains(APInt::getZero(A.width()));
  bool MayBeNonZero = A.mayBeNonZero();
  if (MayBeZero && MayBeNonZero) {
    ValueSet R = ValueSet::constant(ResultWidth, 0).join(ValueSet::constant(ResultWidth, 1));
    return A.hasExactEnds() ? R : R.dropExactEnds();
  }
  return ValueSet::constant(ResultWidth, MayBeZero ? 1 : 0);
}

ValueSet convert(const ValueSet &A, unsigned Width, bool FromSigned, bool ToBool) {
  if (ToBool)
    return logicalNot(logicalNot(A, 1), 1);
  if (A.isUnknown() || A.isEmpty() || Width <= A.width() || !FromSigned)
    return A.zextOrTrunc(Width);
  // Sign extension: the negative part (top bit set) moves to the top of the wider range, in order.
  unsigned W = A.width();
  APInt SignBit = APInt::getSignMask(W);
  ValueSet R = ValueSet::empty(Width);
  for (const Interval &I : A.intervals()) {
    if (I.Hi.ult(SignBit)) {
      R = R.join(ValueSet::range(I.Lo.zext(Width), I.Hi.zext(Width)));
    } else if (I.Lo.uge(SignBit)) {
      R = R.join(ValueSet::range(I.Lo.sext(Width), I.Hi.sext(Width)));
    } else {
      R = R.join(ValueSet::range(I.Lo.zext(Width), (SignBit - 1).zext(Width)));
      R = R.join(ValueSet::range(SignBit.sext(Width), I.Hi.sext(Width)));
    }
  }
  // Values on both sides of the sign change order: the unsigned ends are then other values.
  bool Mixed = A.min().ult(SignBit) && A.max().uge(SignBit);
  if (!A.hasExactEnds() || Mixed)
    R.dropExactEnds();
  return R;
}

} // namespace mmio
