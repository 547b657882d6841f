#include "bounds/ValueSet.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"

#include <algorithm>
#include <cassert>

using llvm::APInt;

namespace mmio {

std::string toHex(const APInt &V) {
  llvm::SmallString<40> S;
  V.toStringUnsigned(S, 16);
  std::string Lower = S.str().lower();
  return "0x" + Lower;
}

ValueSet ValueSet::unknown(unsigned Width) { return ValueSet(Width, true); }
ValueSet ValueSet::empty(unsigned Width) { return ValueSet(Width, false); }

ValueSet ValueSet::constant(const APInt &Value) { return range(Value, Value); }

ValueSet ValueSet::constant(unsigned Width, uint64_t Value) { return constant(APInt(64, Value).zextOrTrunc(Width)); }

ValueSet ValueSet::range(const APInt &Lo, const APInt &Hi) {
  assert(Lo.getBitWidth() == Hi.getBitWidth() && "interval ends of different widths");
  ValueSet S(Lo.getBitWidth(), false);
  S.add(Lo, Hi);
  return S;
}

ValueSet ValueSet::full(unsigned Width) { return range(APInt::getMinValue(Width), APInt::getMaxValue(Width)); }

const APInt &ValueSet::min() const {
  assert(!Unknown && !Parts.empty() && "min of an unknown or empty set");
  return Parts.front().Lo;
}

const APInt &ValueSet::max() const {
  assert(!Unknown && !Parts.empty() && "max of an unknown or empty set");
  return Parts.back().Hi;
}

std::optional<APInt> ValueSet::singleValue() const {
  if (Unknown || Parts.size() != 1 || Parts.front().Lo != Parts.front().Hi)
    return std::nullopt;
  return Parts.front().Lo;
}

bool ValueSet::contains(const APInt &V) const {
  if (Unknown)
    return true;
  return llvm::any_of(Parts, [&](const Interval &I) { return I.Lo.ule(V) && V.ule(I.Hi); });
}

bool ValueSet::intersects(const APInt &Lo, const APInt &Hi) const {
  if (Unknown)
    return true;
  return llvm::any_of(Parts, [&](const Interval &I) { return I.Lo.ule(Hi) && Lo.ule(I.Hi); });
}

bool ValueSet::mayBeNonZero() const {
  if (Unknown)
    return true;
  return !Parts.empty() && !Parts.back().Hi.isZero();
}

ValueSet ValueSet::join(const ValueSet &Other) const {
  assert(Width == Other.Width && "joining sets of different widths");
  if (Unknown || Other.Unknown)
    return unknown(Width);
  ValueSet R = *this;
  for (const Interval &I : Other.Parts)
    R.Parts.push_back(I);
  R.ExactEnds = ExactEnds && Other.ExactEnds;
  R.normalize();
  return R;
}

ValueSet ValueSet::zextOrTrunc(unsigned NewWidth) const {
  if (Unknown)
    return unknown(NewWidth);
  if (Parts.empty())
    return empty(NewWidth);
  if (NewWidth >= Width) {
    ValueSet R(NewWidth, false);
    R.ExactEnds = ExactEnds;
    for (const Interval &I : Parts)
      R.Parts.push_back({I.Lo.zext(NewWidth), I.Hi.zext(NewWidth)});
    return R;
  }
  // Truncation wraps: an interval spanning 2^NewWidth values or more covers every value, otherwise it maps to at
  // most two intervals (split where it wraps past the new maximum).
  ValueSet R(NewWidth, false);
  // Without a wrap every value keeps its order, so the ends stay the ends.
  bool Wrapped = !max().isIntN(NewWidth);
  R.ExactEnds = ExactEnds && !Wrapped;
  for (const Interval &I : Parts) {
    APInt Span = I.Hi - I.Lo;
    if (Span.uge(APInt::getMaxValue(NewWidth).zext(Width)))
      return full(NewWidth); // 2^NewWidth consecutive values: every residue, all reachable
    APInt Lo = I.Lo.trunc(NewWidth), Hi = I.Hi.trunc(NewWidth);
    if (Lo.ule(Hi)) {
      R.Parts.push_back({Lo, Hi});
    } else {
      R.Parts.push_back({APInt::getMinValue(NewWidth), Hi});
      R.Parts.push_back({Lo, APInt::getMaxValue(NewWidth)});
    }
  }
  R.normalize();
  return R;
}

std::string ValueSet::str() const {
  if (Unknown)
    return "unknown";
  if (Parts.empty())
    return "no value";
  std::string S;
  for (size_t K = 0; K < Parts.size(); ++K) {
    if (K)
      S += K + 1 == Parts.size() ? " or " : ", ";
    const Interval &I = Parts[K];
    S += toHex(I.Lo);
    if (I.Lo != I.Hi)
      S += ".." + toHex(I.Hi);
  }
  return S;
}

bool ValueSet::operator==(const ValueSet &Other) const {
  if (Width != Other.Width || Unknown != Other.Unknown || Parts.size() != Other.Parts.size() ||
      (!Unknown && ExactEnds != Other.ExactEnds))
    return false;
  for (size_t K = 0; K < Parts.size(); ++K)
    if (Parts[K].Lo != Other.Parts[K].Lo || Parts[K].Hi != Other.Parts[K].Hi)
      return false;
  return true;
}

void ValueSet::add(const APInt &Lo, const APInt &Hi) {
  assert(Lo.ule(Hi) && "empty interval");
  Parts.push_back({Lo, Hi});
  normalize();
}

void ValueSet::normalize() {
  llvm::sort(Parts, [](const Interval &A, const Interval &B) { return A.Lo.ult(B.Lo); });
  llvm::SmallVector<Interval, 2> Merged;
  for (const Interval &I : Parts) {
    // Merge overlapping and adjacent intervals; Hi + 1 would wrap at the maximum, which covers everything anyway.
    if (!Merged.empty() && (Merged.back().Hi.isMaxValue() || I.Lo.ule(Merged.back().Hi + 1))) {
      if (Merged.back().Hi.ult(I.Hi))
        Merged.back().Hi = I.Hi;
      continue;
    }
    Merged.push_back(I);
  }
  // Too many pieces: close the smallest gaps first, keeping the set an over-approximation of what it was.
  while (Merged.size() > MaxIntervals) {
    size_t Best = 0;
    APInt BestGap = Merged[1].Lo - Merged[0].Hi;
    for (size_t K = 1; K + 1 < Merged.size(); ++K) {
      APInt Gap = Merged[K + 1].Lo - Merged[K].Hi;
      if (Gap.ult(BestGap)) {
        BestGap = Gap;
        Best = K;
      }
    }
    Merged[Best].Hi = Merged[Best + 1].Hi;
    Merged.erase(Merged.begin() + Best + 1);
  }
  Parts = std::move(Merged);
}

} // namespace mmio
