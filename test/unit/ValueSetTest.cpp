#include "bounds/ValueSet.h"

#include "gtest/gtest.h"

using llvm::APInt;
using mmio::ValueSet;

namespace {

APInt v64(uint64_t V) { return APInt(64, V); }

TEST(ValueSetTest, ConstantPrintsAsHex) {
  EXPECT_EQ(ValueSet::constant(64, 0).str(), "0x0");
  EXPECT_EQ(ValueSet::constant(64, 0x100000000ULL).str(), "0x100000000");
  EXPECT_EQ(ValueSet::constant(v64(~0ULL)).str(), "0xffffffffffffffff");
}

TEST(ValueSetTest, UnknownIsNotAValue) {
  ValueSet U = ValueSet::unknown(64);
  EXPECT_TRUE(U.isUnknown());
  EXPECT_EQ(U.str(), "unknown");
  EXPECT_TRUE(U.contains(v64(12345)));
  EXPECT_FALSE(U.singleValue().has_value());
  EXPECT_TRUE(U.join(ValueSet::constant(64, 1)).isUnknown());
}

TEST(ValueSetTest, JoinKeepsDisjointIntervalsSorted) {
  ValueSet S = ValueSet::constant(64, 0x100000000ULL).join(ValueSet::constant(64, 0));
  ASSERT_EQ(S.intervals().size(), 2u);
  EXPECT_EQ(S.min(), v64(0));
  EXPECT_EQ(S.max(), v64(0x100000000ULL));
  EXPECT_EQ(S.str(), "0x0 or 0x100000000");
  EXPECT_FALSE(S.contains(v64(1)));
}

TEST(ValueSetTest, JoinMergesAdjacentAndOverlapping) {
  ValueSet S = ValueSet::range(v64(0), v64(9)).join(ValueSet::range(v64(10), v64(20)));
  ASSERT_EQ(S.intervals().size(), 1u);
  EXPECT_EQ(S.str(), "0x0..0x14");
  ValueSet T = ValueSet::range(v64(5), v64(30)).join(S);
  EXPECT_EQ(T.str(), "0x0..0x1e");
}

TEST(ValueSetTest, JoinAtMaximumDoesNotWrap) {
  APInt Max = APInt::getMaxValue(64);
  ValueSet S = ValueSet::range(Max - 1, Max).join(ValueSet::constant(64, 0));
  EXPECT_EQ(S.intervals().size(), 2u);
  EXPECT_TRUE(S.contains(Max));
  EXPECT_FALSE(S.contains(v64(1)));
}

TEST(ValueSetTest, TooManyIntervalsMergeClosestNeighbours) {
  ValueSet S = ValueSet::empty(64);
  for (uint64_t K = 0; K <= ValueSet::MaxIntervals; ++K)
    S = S.join(ValueSet::constant(64, K * 1000 + (K == 3 ? 990 : 0)));
  EXPECT_EQ(S.intervals().size(), ValueSet::MaxIntervals);
  // 3990 is closest to 4000: those two merged, every original value still contained.
  for (uint64_t K = 0; K <= ValueSet::MaxIntervals; ++K)
    EXPECT_TRUE(S.contains(v64(K * 1000 + (K == 3 ? 990 : 0))));
  EXPECT_TRUE(S.contains(v64(3995)));
}

TEST(ValueSetTest, IntersectsInclusiveRanges) {
  ValueSet S = ValueSet::range(v64(0), v64(0xffffffff));
  EXPECT_TRUE(S.intersects(v64(0xf8000000), v64(0xffffffff)));
  EXPECT_FALSE(S.intersects(v64(0x100000000ULL), v64(0x200000000ULL)));
  EXPECT_TRUE(ValueSet::constant(64, 0x100000000ULL).intersects(v64(0x100000000ULL), v64(0x100000000ULL)));
}

TEST(ValueSetTest, TruncationWrapsExactly) {
  // 0xff..0x101 at 16 bits seen as 8 bits: 0xff, then 0x00..0x01.
  ValueSet S = ValueSet::range(APInt(16, 0xff), APInt(16, 0x101)).zextOrTrunc(8);
  ASSERT_EQ(S.intervals().size(), 2u);
  EXPECT_EQ(S.str(), "0x0..0x1 or 0xff");
  // A span of 256 values or more covers all of 8 bits.
  ValueSet Full = ValueSet::range(APInt(16, 0x10), APInt(16, 0x10f)).zextOrTrunc(8);
  EXPECT_EQ(Full, ValueSet::full(8));
  // 255 values do not.
  ValueSet Almost = ValueSet::range(APInt(16, 0x10), APInt(16, 0x10e)).zextOrTrunc(8);
  EXPECT_FALSE(Almost.contains(APInt(8, 0x0f)));
}

TEST(ValueSetTest, ZeroExtensionKeepsValues) {
  ValueSet S = ValueSet::constant(32, 0xffffffff).zextOrTrunc(64);
  EXPECT_EQ(S.width(), 64u);
  EXPECT_EQ(S.str(), "0xffffffff");
}

TEST(ValueSetTest, FlagsAreNonZeroWhenAnyValueIs) {
  EXPECT_FALSE(ValueSet::constant(1, 0).mayBeNonZero());
  EXPECT_TRUE(ValueSet::constant(1, 1).mayBeNonZero());
  EXPECT_TRUE(ValueSet::unknown(1).mayBeNonZero());
}

} // namespace
