#include "bounds/Evaluator.h"
#include "match/FindAllocatorCalls.h"

#include "clang/AST/ASTContext.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include "gtest/gtest.h"

using namespace clang;

namespace {

const char *Prelude = R"c(
typedef unsigned long long u64;
typedef unsigned int u32;
typedef u64 resource_size_t;
#define SZ_4G 0x100000000ULL
#define _AC(X, Y) (X##Y)
#define SZ_4G_AC _AC(0x100000000, ULL)
int take(resource_size_t v);
int take32(unsigned int v);
int takebool(_Bool b);
int runtime(void);
)c";

/// Parses `Prelude` + `Body` for x86_64 and evaluates the first argument (role `min`) of the first call to `Callee`.
class EvaluatorTest : public ::testing::Test {
protected:
  struct Result {
    mmio::ValueSet Values = mmio::ValueSet::unknown(64);
    std::vector<std::string> Trail; // of the first scenario
    size_t Scenarios = 0;
    bool Correlated = true;
  };

  Result eval(const std::string &Body, const std::string &Callee = "take") {
    AST = tooling::buildASTFromCodeWithArgs(std::string(Prelude) + Body, {"-target", "x86_64-linux-gnu"}, "t.c");
    EXPECT_TRUE(AST);
    mmio::Ruleset Rules;
    mmio::AllocatorSpec Spec;
    Spec.Name = Callee;
    Spec.Params[mmio::Role::Min] = 0;
    Rules.Allocators.push_back(Spec);
    std::vector<mmio::AllocatorCall> Calls = mmio::findAllocatorCalls(AST->getASTContext(), Rules);
    EXPECT_FALSE(Calls.empty());
    Result R;
    if (Calls.empty())
      return R;
    mmio::Evaluator E(AST->getASTContext());
    std::vector<mmio::Scenario> S = E.evaluateCall(Calls.front());
    unsigned Min = static_cast<unsigned>(mmio::Role::Min);
    R.Scenarios = S.size();
    R.Values = *S.front().Values[Min];
    for (size_t K = 1; K < S.size(); ++K)
      R.Values = R.Values.join(*S[K].Values[Min]);
    for (const mmio::TrailStep &T : S.front().Trails[Min])
      R.Trail.push_back(T.Text);
    R.Correlated = S.front().Correlated;
    return R;
  }
  std::unique_ptr<ASTUnit> AST;
};

TEST_F(EvaluatorTest, MinusOneIsAllOnesAtTheParameterWidth) {
  Result R = eval("void f(void) { take(-1); }");
  EXPECT_EQ(R.Values.str(), "0xffffffffffffffff");
  ASSERT_EQ(R.Trail.size(), 1u);
  EXPECT_EQ(R.Trail[0], "min is 0xffffffffffffffff (-1 converted to 'resource_size_t')");
}

TEST_F(EvaluatorTest, ComplementOfZero) {
  EXPECT_EQ(eval("void f(void) { take(~0ULL); }").Values.str(), "0xffffffffffffffff");
}

TEST_F(EvaluatorTest, MacroArithmetic) {
  EXPECT_EQ(eval("void f(void) { take(SZ_4G - 1); }").Values.str(), "0xffffffff");
  EXPECT_EQ(eval("void f(void) { take(SZ_4G_AC); }").Values.str(), "0x100000000");
  EXPECT_EQ(eval("void f(void) { take((1ULL << 32) | 0x1000); }").Values.str(), "0x100001000");
}

TEST_F(EvaluatorTest, PlainConstantHasNoConversionNote) {
  Result R = eval("void f(void) { take(0); }");
  EXPECT_EQ(R.Values.str(), "0x0");
  ASSERT_EQ(R.Trail.size(), 1u);
  EXPECT_EQ(R.Trail[0], "min is 0x0");
}

TEST_F(EvaluatorTest, TruncationToANarrowParameter) {
  Result R = eval("void f(void) { take32(0x100000001ULL); }", "take32");
  EXPECT_EQ(R.Values.width(), 32u);
  EXPECT_EQ(R.Values.str(), "0x1");
  EXPECT_NE(R.Trail.back().find("converted to 'unsigned int'"), std::string::npos) << R.Trail.back();
}

TEST_F(EvaluatorTest, BoolParameter) {
  EXPECT_EQ(eval("void f(void) { takebool(4); }", "takebool").Values.str(), "0x1");
  EXPECT_EQ(eval("void f(void) { takebool(0); }", "takebool").Values.str(), "0x0");
}

TEST_F(EvaluatorTest, ExternalParameterIsUnknownNotZero) {
  Result R = eval("void f(resource_size_t x) { take(x); }");
  EXPECT_TRUE(R.Values.isUnknown());
  EXPECT_NE(R.Trail.front().find("parameter 'x' of 'f', which other translation units can call"),
            std::string::npos);
}

TEST_F(EvaluatorTest, LocalAssignedOnEveryPath) {
  Result R = eval("void f(int c) { resource_size_t lo; if (c) lo = SZ_4G; else lo = SZ_4G * 2; take(lo); }");
  EXPECT_EQ(R.Values.str(), "0x100000000 or 0x200000000");
  EXPECT_EQ(R.Scenarios, 2u);
}

TEST_F(EvaluatorTest, LocalAssignedOnOnePathOnly) {
  Result R = eval("void f(int c) { resource_size_t lo = 0; if (c) lo = SZ_4G; take(lo); }");
  EXPECT_EQ(R.Values.str(), "0x0 or 0x100000000");
  EXPECT_TRUE(R.Values.hasExactEnds());
}

TEST_F(EvaluatorTest, CompoundAssignmentAndConditional) {
  EXPECT_EQ(eval("void f(int c) { resource_size_t lo = 1; lo <<= 32; lo += c ? 0x1000 : 0; take(lo); }")
                .Values.str(),
            "0x100000000 or 0x100001000");
}

TEST_F(EvaluatorTest, ConstLocalAndStaticConstGlobal) {
  EXPECT_EQ(eval("static const u64 base = SZ_4G; void f(void) { const u64 off = 0x1000; take(base + off); }")
                .Values.str(),
            "0x100001000");
}

TEST_F(EvaluatorTest, WritableGlobalAndCallResultAreUnknown) {
  EXPECT_TRUE(eval("u64 base; void f(void) { take(base); }").Values.isUnknown());
  EXPECT_TRUE(eval("void f(void) { take(runtime()); }").Values.isUnknown());
}

TEST_F(EvaluatorTest, LoopIsWidenedToUnknown) {
  Result R = eval("void f(int n) { u64 lo = 0; for (int i = 0; i < n; i++) lo += 0x1000; take(lo); }");
  EXPECT_TRUE(R.Values.isUnknown());
}

TEST_F(EvaluatorTest, LoopThatDoesNotChangeTheValue) {
  EXPECT_EQ(eval("void f(int n) { u64 lo = SZ_4G; for (int i = 0; i < n; i++) runtime(); take(lo); }")
                .Values.str(),
            "0x100000000");
}

TEST_F(EvaluatorTest, AddressTakenLocalIsUnknown) {
  EXPECT_TRUE(
      eval("void g(u64 *p); void f(void) { u64 lo = SZ_4G; g(&lo); take(lo); }").Values.isUnknown());
}

TEST_F(EvaluatorTest, StaticHelperTakesItsCallersValues) {
  Result R = eval("static int helper(u64 lo) { return take(lo); }"
                  "int a(void) { return helper(SZ_4G); } int b(void) { return helper(0); }");
  EXPECT_EQ(R.Values.str(), "0x0 or 0x100000000");
  EXPECT_EQ(R.Scenarios, 2u);
}

TEST_F(EvaluatorTest, StaticHelperWithAnEscapingAddressIsUnknown) {
  EXPECT_TRUE(eval("static int helper(u64 lo) { return take(lo); }"
                   "int (*hook)(u64) = helper; int a(void) { return helper(SZ_4G); }")
                  .Values.isUnknown());
}

TEST_F(EvaluatorTest, RecursionStaysFinite) {
  Result R = eval("static int helper(u64 lo, int n) { if (n) return helper(lo + 1, n - 1); return take(lo); }"
                  "int a(void) { return helper(SZ_4G, 3); }");
  EXPECT_TRUE(R.Values.isUnknown() || R.Values.contains(llvm::APInt(64, 0x100000000ULL)));
}

} // namespace
