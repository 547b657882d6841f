// The set of values an integer can take at the target's width: a few disjoint unsigned intervals, or unknown.
#ifndef MMIO_AUDIT_BOUNDS_VALUESET_H
#define MMIO_AUDIT_BOUNDS_VALUESET_H

#include "llvm/ADT/APInt.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>

namespace mmio {

/// An inclusive interval of unsigned values; Lo <= Hi.
struct Interval {
  llvm::APInt Lo, Hi;
};

/// Either "unknown" (the analysis cannot say which values are possible: any value is) or a finite union of
/// intervals, kept sorted, disjoint and non-adjacent. Values are unsigned at a fixed bit width; callers convert
/// signed quantities to the width first, as C's conversion to an unsigned parameter does.
class ValueSet {
public:
  /// The most intervals a set keeps; past it the closest neighbours merge (an over-approximation).
  static constexpr unsigned MaxIntervals = 8;

  static ValueSet unknown(unsigned Width);
  static ValueSet empty(unsigned Width);
  static ValueSet constant(const llvm::APInt &Value);
  static ValueSet constant(unsigned Width, uint64_t Value);
  static ValueSet range(const llvm::APInt &Lo, const llvm::APInt &Hi);
  static ValueSet full(unsigned Width);

  unsigned width() const { return Width; }
  bool isUnknown() const { return Unknown; }
  bool isEmpty() const { return !Unknown && Parts.empty(); }
  const llvm::SmallVectorImpl<Interval> &intervals() const { return Parts; }

  /// The smallest and largest possible value; only for a known, non-empty set.
  const llvm::APInt &min() const;
  const llvm::APInt &max() const;
  std::optional<llvm::APInt> singleValue() const;

  bool contains(const llvm::APInt &V) const;
  /// Whether some value lies in [Lo, Hi].
  bool intersects(const llvm::APInt &Lo, const llvm::APInt &Hi) const;
  /// Whether any value is non-zero (for flags).
  bool mayBeNonZero() const;

  /// Values possible in either set.
  ValueSet join(const ValueSet &Other) const;
  /// The same values seen as an integer of `NewWidth` bits: zero-extended or truncated (wrapping) as C converts to
  /// an unsigned type.
  ValueSet zextOrTrunc(unsigned NewWidth) const;

  /// "0x0", "0x0 or 0x100000000", "0x0..0xffffffff", "unknown".
  std::string str() const;

  /// Whether the smallest and the largest value are known to be reachable. Sets built from constants, joins of
  /// such sets and monotonic arithmetic keep it; arithmetic that may invent values at the ends (a wrap, two
  /// varying operands) drops it. A verdict that rests on an end which is not reachable is not a violation.
  bool hasExactEnds() const { return !Unknown && ExactEnds; }
  ValueSet &dropExactEnds() {
    ExactEnds = false;
    return *this;
  }

  bool operator==(const ValueSet &Other) const;
  bool operator!=(const ValueSet &Other) const { return !(*this == Other); }

private:
  explicit ValueSet(unsigned Width, bool Unknown) : Width(Width), Unknown(Unknown) {}
  void add(const llvm::APInt &Lo, const llvm::APInt &Hi);
  void normalize();

  unsigned Width;
  bool Unknown;
  bool ExactEnds = true;
  llvm::SmallVector<Interval, 2> Parts;
};

/// "0x1f" for a value at any width.
std::string toHex(const llvm::APInt &V);

} // namespace mmio

#endif
