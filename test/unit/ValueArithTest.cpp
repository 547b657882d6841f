#include "bounds/ValueArith.h"
#include "ConcreteArith.h"

#include "gtest/gtest.h"

#include <random>
#include <set>

using llvm::APInt;
using namespace mmio;

namespace {

ValueSet set8(std::initializer_list<std::pair<unsigned, unsigned>> Ranges) {
  ValueSet S = ValueSet::empty(8);
  for (auto [Lo, Hi] : Ranges)
    S = S.join(ValueSet::range(APInt(8, Lo), APInt(8, Hi)));
  return S;
}

std::set<unsigned> members(const ValueSet &S) {
  std::set<unsigned> M;
  for (unsigned V = 0; V < 256; ++V)
    if (S.contains(APInt(8, V)))
      M.insert(V);
  return M;
}


/// Random sets of a few intervals, some single values, some wide.
ValueSet randomSet(std::mt19937 &Rng) {
  ValueSet S = ValueSet::empty(8);
  unsigned Pieces = 1 + Rng() % 3;
  for (unsigned K = 0; K < Pieces; ++K) {
    unsigned Lo = Rng() % 256;
    unsigned Width = (Rng() % 4 == 0) ? Rng() % 256 : (Rng() % 2 ? 0 : Rng() % 8);
    unsigned Hi = std::min(255u, Lo + Width);
    S = S.join(ValueSet::range(APInt(8, Lo), APInt(8, Hi)));
  }
  return S;
}

// Every operation against a brute-force model at 8 bits: the result contains every value the machine can compute
// (soundness), and when it claims its ends are reachable, some pair of operands reaches each.
TEST(ValueArithTest, MatchesBruteForceModel) {
  std::mt19937 Rng(20261125);
  const ArithOp Ops[] = {ArithOp::Add, ArithOp::Sub,  ArithOp::Mul,  ArithOp::Shl,  ArithOp::LShr,
                         ArithOp::AShr, ArithOp::And, ArithOp::Or,   ArithOp::Xor,  ArithOp::UDiv,
                         ArithOp::URem, ArithOp::SDiv, ArithOp::SRem};
  for (unsigned Round = 0; Round < 400; ++Round) {
    ValueSet A = randomSet(Rng), B = randomSet(Rng);
    for (ArithOp Op : Ops) {
      ValueSet R = applyArith(Op, A, B);
      std::set<unsigned> Results;
      bool Undefined = false;
      for (unsigned X : members(A))
        for (unsigned Y : members(B)) {
          int V = concreteArith8(Op, X, Y);
          if (V < 0)
            Undefined = true;
          else
            Results.insert(V);
        }
      SCOPED_TRACE("op " + std::to_string(static_cast<int>(Op)) + " on " + A.str() + " and " + B.str() +
                   " gave " + R.str());
      if (R.isUnknown())
        continue;
      EXPECT_FALSE(Undefined) << "an undefined operation must be unknown";
      for (unsigned V : Results)
        EXPECT_TRUE(R.contains(APInt(8, V))) << "missing " << V;
      if (R.hasExactEnds() && !Results.empty()) {
        EXPECT_TRUE(Results.count(R.min().getZExtValue())) << "min not reachable";
        EXPECT_TRUE(Results.count(R.max().getZExtValue())) << "max not reachable";
      }
    }
  }
}

TEST(ValueArithTest, NegateAndNotAgainstBruteForce) {
  std::mt19937 Rng(7);
  for (unsigned Round = 0; Round < 300; ++Round) {
    ValueSet A = randomSet(Rng);
    ValueSet N = negate(A), C = bitNot(A);
    std::set<unsigned> NR, CR;
    for (unsigned X : members(A)) {
      NR.insert((256 - X) & 0xff);
      CR.insert(~X & 0xff);
    }
    EXPECT_EQ(members(N), NR) << A.str();
    EXPECT_EQ(members(C), CR) << A.str();
    if (N.hasExactEnds()) {
      EXPECT_TRUE(NR.count(N.min().getZExtValue()));
      EXPECT_TRUE(NR.count(N.max().getZExtValue()));
    }
  }
}

TEST(ValueArithTest, AdditionWrapsIntoTwoIntervals) {
  ValueSet R = applyArith(ArithOp::Add, set8({{0xf0, 0xff}}), ValueSet::constant(8, 0x20));
  EXPECT_EQ(R.str(), "0x10..0x1f");
  ValueSet Split = applyArith(ArithOp::Add, set8({{0xe0, 0xf0}}), ValueSet::constant(8, 0x18));
  EXPECT_EQ(Split.str(), "0x0..0x8 or 0xf8..0xff");
  EXPECT_FALSE(Split.hasExactEnds()) << "after the wrap the ends are interior values";
}

TEST(ValueArithTest, SubtractionBelowZeroWraps) {
  EXPECT_EQ(applyArith(ArithOp::Sub, ValueSet::constant(8, 0), ValueSet::constant(8, 1)).str(), "0xff");
  EXPECT_EQ(applyArith(ArithOp::Sub, ValueSet::constant(64, 0x100000000ULL), ValueSet::constant(64, 1)).str(),
            "0xffffffff");
}

TEST(ValueArithTest, ShiftByWidthIsUnknown) {
  EXPECT_TRUE(applyArith(ArithOp::Shl, ValueSet::constant(32, 1), ValueSet::constant(32, 32)).isUnknown());
  EXPECT_EQ(applyArith(ArithOp::Shl, ValueSet::constant(64, 1), ValueSet::constant(64, 32)).str(), "0x100000000");
}

TEST(ValueArithTest, TwoVaryingOperandsLoseExactEnds) {
  // x - x with x in {0, 1} is only ever 0; the interval result must not claim -1 or 1 as reachable.
  ValueSet X = set8({{0, 1}});
  ValueSet R = applyArith(ArithOp::Sub, X, X);
  EXPECT_TRUE(R.contains(APInt(8, 0)));
  EXPECT_FALSE(R.hasExactEnds());
}

TEST(ValueArithTest, ConversionsSignExtendAndTruncate) {
  ValueSet MinusOne = ValueSet::constant(32, 0xffffffff);
  EXPECT_EQ(convert(MinusOne, 64, /*FromSigned=*/true, false).str(), "0xffffffffffffffff");
  EXPECT_EQ(convert(MinusOne, 64, /*FromSigned=*/false, false).str(), "0xffffffff");
  EXPECT_EQ(convert(ValueSet::constant(64, 0x100000000ULL), 32, false, false).str(), "0x0");
  EXPECT_EQ(convert(ValueSet::constant(64, 0x100000000ULL), 1, false, /*ToBool=*/true).str(), "0x1");
  // A signed range across zero, widened: two pieces, ends no longer the unsigned ends.
  ValueSet Across = convert(set8({{0xfe, 0xff}}).join(set8({{0, 1}})), 16, true, false);
  EXPECT_EQ(Across.str(), "0x0..0x1 or 0xfffe..0xffff");
  EXPECT_FALSE(Across.hasExactEnds());
}

TEST(ValueArithTest, ComparisonsDecideDisjointSets) {
  ValueSet Low = set8({{0, 10}}), High = set8({{20, 30}});
  EXPECT_EQ(compare(CompareOp::ULT, Low, High, 32).str(), "0x1");
  EXPECT_EQ(compare(CompareOp::UGE, Low, High, 32).str(), "0x0");
  EXPECT_EQ(compare(CompareOp::ULT, Low, Low, 32).str(), "0x0..0x1");
}

} // namespace

// A branch's assumption against a brute-force model: exactly the values satisfying the comparison, ends exact only
// when they are the original set's own (exact) ends; signed comparisons narrow nothing.
TEST(ValueArithTest, AssumeKeepsExactlyTheValuesThatPass) {
  std::mt19937 Rng(20261202);
  const std::pair<CompareOp, bool (*)(unsigned, unsigned)> Ops[] = {
      {CompareOp::EQ, [](unsigned X, unsigned C) { return X == C; }},
      {CompareOp::NE, [](unsigned X, unsigned C) { return X != C; }},
      {CompareOp::ULT, [](unsigned X, unsigned C) { return X < C; }},
      {CompareOp::ULE, [](unsigned X, unsigned C) { return X <= C; }},
      {CompareOp::UGT, [](unsigned X, unsigned C) { return X > C; }},
      {CompareOp::UGE, [](unsigned X, unsigned C) { return X >= C; }}};
  for (unsigned Round = 0; Round < 300; ++Round) {
    ValueSet A = randomSet(Rng);
    unsigned C = Round % 5 == 0 ? (Round % 2 ? 0 : 255) : Rng() % 256;
    for (auto [Op, Holds] : Ops) {
      ValueSet R = assume(Op, A, APInt(8, C));
      SCOPED_TRACE("assume op " + std::to_string(static_cast<int>(Op)) + " " + std::to_string(C) + " on " + A.str() +
                   " gave " + R.str());
      ASSERT_FALSE(R.isUnknown());
      std::set<unsigned> Expected;
      for (unsigned X : members(A))
        if (Holds(X, C))
          Expected.insert(X);
      EXPECT_EQ(members(R), Expected);
      if (R.hasExactEnds()) {
        ASSERT_TRUE(A.hasExactEnds() && !Expected.empty());
        EXPECT_EQ(R.min(), A.min()) << "an end that is not A's own is not known to occur";
        EXPECT_EQ(R.max(), A.max());
      }
    }
  }
  ValueSet Unknown = ValueSet::unknown(8);
  ValueSet AtLeast = assume(CompareOp::UGT, Unknown, APInt(8, 200));
  EXPECT_EQ(AtLeast.str(), "0xc9..0xff");
  EXPECT_FALSE(AtLeast.hasExactEnds()) << "an unknown value narrowed is a bound, not a value known to occur";
  EXPECT_TRUE(assume(CompareOp::SLT, Unknown, APInt(8, 3)).isUnknown());
  EXPECT_TRUE(assume(CompareOp::ULT, set8({{5, 9}}), APInt(8, 0)).isEmpty());
}
