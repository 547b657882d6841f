#include "bounds/CallContexts.h"
#include "bounds/DerivedAllocator.h"
#include "bounds/WrapperSummary.h"
#include "match/FindAllocatorCalls.h"

#include "clang/AST/ASTContext.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include "gtest/gtest.h"

using namespace clang;
using namespace mmio;

namespace {

const char *Prelude = R"c(
typedef unsigned long long u64;
typedef unsigned int u32;
typedef u64 resource_size_t;
#define SZ_4G 0x100000000ULL
int alloc(resource_size_t min, resource_size_t max, _Bool fb);
)c";

constexpr unsigned MinSlot = static_cast<unsigned>(Role::Min);
constexpr unsigned MaxSlot = static_cast<unsigned>(Role::Max);
constexpr unsigned FbSlot = static_cast<unsigned>(Role::FbOverlapOk);

/// Parses `Prelude` + `Body` and summarises the enclosing function of each call of `alloc`, or of the wrappers in
/// `Known`.
class WrapperSummaryTest : public ::testing::Test {
protected:
  WrapperSummaryTest() {
    AllocatorSpec Spec;
    Spec.Name = "alloc";
    Spec.Params = {{Role::Min, 0}, {Role::Max, 1}, {Role::FbOverlapOk, 2}};
    Rules.Allocators.push_back(Spec);
  }

  std::vector<DerivedAllocator> summarize(const std::string &Body, const DerivedAllocators *Known = nullptr) {
    ASTs.push_back(
        tooling::buildASTFromCodeWithArgs(std::string(Prelude) + Body, {"-target", "x86_64-linux-gnu"}, "t.c"));
    EXPECT_TRUE(ASTs.back());
    ASTContext &Ctx = ASTs.back()->getASTContext();
    std::vector<DerivedAllocator> Out;
    Evaluator Eval(Ctx);
    WrapperSummarizer Summarizer(Rules, Ctx);
    for (const AllocatorCall &Call : findAllocatorCalls(Ctx, Rules, Known))
      if (std::optional<DerivedAllocator> D = Summarizer.summarize(Call, directCallContext(Call, Eval).Scenarios))
        Out.push_back(std::move(*D));
    return Out;
  }

  /// The values of `Slot` at the first call of a derived allocator in `Body`.
  std::string valuesAtCaller(const std::string &Body, const DerivedAllocators &Known, unsigned Slot) {
    ASTs.push_back(
        tooling::buildASTFromCodeWithArgs(std::string(Prelude) + Body, {"-target", "x86_64-linux-gnu"}, "c.c"));
    ASTContext &Ctx = ASTs.back()->getASTContext();
    Evaluator Eval(Ctx);
    for (const AllocatorCall &Call : findAllocatorCalls(Ctx, Rules, &Known)) {
      if (!Call.Derived)
        continue;
      std::vector<Scenario> S = directCallContext(Call, Eval).Scenarios;
      std::string Text;
      for (const Scenario &One : S)
        Text += (Text.empty() ? "" : "; ") + (One.Values[Slot] ? One.Values[Slot]->str() : std::string("absent"));
      return Text;
    }
    return "no derived call";
  }

  Ruleset Rules;
  std::vector<std::unique_ptr<ASTUnit>> ASTs;
};

TEST_F(WrapperSummaryTest, ForwardedParameterAndFixedRoles) {
  std::vector<DerivedAllocator> D = summarize("int w(u32 lo) { return alloc(lo, -1, 0); }");
  ASSERT_EQ(D.size(), 1u);
  EXPECT_EQ(D[0].name(), "w");
  EXPECT_EQ(D[0].Spec.paramFor(Role::Min), 0u);
  EXPECT_FALSE(D[0].Spec.paramFor(Role::Max));
  ASSERT_EQ(D[0].Scenarios.size(), 1u);
  const SummaryScenario &S = D[0].Scenarios[0];
  ASSERT_TRUE(S.Roles[MinSlot].Param);
  // u32 to resource_size_t on the way: one zero-extending step.
  ASSERT_EQ(S.Roles[MinSlot].Steps.size(), 1u);
  EXPECT_EQ(S.Roles[MinSlot].Steps[0].Width, 64u);
  EXPECT_FALSE(S.Roles[MinSlot].Steps[0].FromSigned);
  ASSERT_TRUE(S.Roles[MaxSlot].Fixed);
  EXPECT_EQ(S.Roles[MaxSlot].Fixed->str(), "0xffffffffffffffff");
  EXPECT_EQ(D[0].Origin.Allocator, "alloc");
  EXPECT_EQ(D[0].Origin.Function, "w");
}

TEST_F(WrapperSummaryTest, CallerValuesGoThroughTheStepsWithWrapAround) {
  // `lo` read three times: none of the roles is a forwarded parameter, so there is no summary at all.
  EXPECT_TRUE(summarize("int w(int lo) { return alloc(lo + 0x1000, SZ_4G - lo, lo); }").empty());
  DerivedAllocators Known;
  for (DerivedAllocator &D : summarize("int w(int lo) { return alloc(lo + 0x1000, -1, 0); }"))
    Known.add(std::move(D));
  ASSERT_EQ(Known.size(), 1u);
  const char *Prototype = "int w(int lo);\n";
  EXPECT_EQ(valuesAtCaller(std::string(Prototype) + "int c(void) { return w(-0x1000); }", Known, MinSlot), "0x0");
  // The addition is the int's, before the conversion: it wraps at 32 bits, and the negative int is sign-extended.
  EXPECT_EQ(valuesAtCaller(std::string(Prototype) + "int c(void) { return w(0x7ffff000); }", Known, MinSlot),
            "0xffffffff80000000");
  // Every value the caller can pass goes through the same steps.
  EXPECT_EQ(valuesAtCaller(std::string(Prototype) + "int c(int x) { return w(x ? 1 : 2); }", Known, MinSlot),
            "0x1001..0x1002");
  EXPECT_EQ(valuesAtCaller(std::string(Prototype) + "int c(void) { return w(1); }", Known, MaxSlot),
            "0xffffffffffffffff");
}

TEST_F(WrapperSummaryTest, SameNameOtherFunctionIsNotTheWrapper) {
  DerivedAllocators Known;
  for (DerivedAllocator &D : summarize("int w(u64 lo) { return alloc(lo, -1, 0); }"))
    Known.add(std::move(D));
  ASSERT_EQ(Known.size(), 1u);
  EXPECT_EQ(valuesAtCaller("static int w(u64 lo) { return 0; }\nint c(void) { return w(0); }", Known, MinSlot),
            "no derived call");
  EXPECT_EQ(valuesAtCaller("int w(u64 lo, int extra);\nint c(void) { return w(0, 1); }", Known, MinSlot),
            "no derived call");
  EXPECT_EQ(valuesAtCaller("int w(u64 lo);\nint c(void) { return w(0); }", Known, MinSlot), "0x0");
  EXPECT_TRUE(summarize("__attribute__((weak)) int w(u64 lo) { return alloc(lo, -1, 0); }").empty());
}

TEST_F(WrapperSummaryTest, ReadTwiceIsNotForwarded) {
  EXPECT_TRUE(summarize("int w(u64 lo) { return alloc(lo, lo, 0); }").empty());
  EXPECT_TRUE(summarize("int w(u64 lo) { u64 *p = &lo; return alloc(lo, -1, 0); }").empty());
  EXPECT_TRUE(summarize("int w(u64 lo) { lo += 1; return alloc(lo, -1, 0); }").empty());
}

TEST_F(WrapperSummaryTest, ConditionsOnValueParametersRefuse) {
  EXPECT_TRUE(summarize("int w(u64 lo, int flag) { if (flag) return -1; return alloc(lo, -1, 0); }").empty());
  EXPECT_TRUE(summarize("int w(u64 lo, int flag) { return flag && alloc(lo, -1, 0); }").empty());
  // Through a local or a helper's result, the caller's value still decides the branch.
  EXPECT_TRUE(summarize("int w(u64 lo, int flag) { int ok = flag & 1; if (!ok) return -1; return alloc(lo, -1, 0); }")
                  .empty());
  EXPECT_TRUE(
      summarize("int check(int);\nint w(u64 lo, int i) { int r = check(i); if (r) return r; return alloc(lo, -1, 0); }")
          .empty());
  // A pointer tested for NULL decides nothing any caller's value could.
  EXPECT_EQ(summarize("int w(int *p, u64 lo) { if (!p) return -1; return alloc(lo, -1, 0); }").size(), 1u);
}

TEST_F(WrapperSummaryTest, OnlyExportedDefinitions) {
  EXPECT_TRUE(summarize("static int w(u64 lo) { return alloc(lo, -1, 0); }").empty());
  EXPECT_TRUE(summarize("static inline int w(u64 lo) { return alloc(lo, -1, 0); }").empty());
  EXPECT_TRUE(summarize("int w(u64 lo, ...) { return alloc(lo, -1, 0); }").empty());
  // Every bound its own: callers change nothing.
  EXPECT_TRUE(summarize("int w(u64 lo) { return alloc(0, -1, 0); }").empty());
}

TEST_F(WrapperSummaryTest, WrappersOfWrappersComposeTheirSteps) {
  DerivedAllocators Known;
  for (DerivedAllocator &D : summarize("int w1(u64 lo) { return alloc(lo + 0x10, -1, 0); }"))
    Known.add(std::move(D));
  std::vector<DerivedAllocator> Outer = summarize("int w1(u64 lo);\nint w2(u32 x) { return w1(x + 1); }", &Known);
  ASSERT_EQ(Outer.size(), 1u);
  EXPECT_EQ(Outer[0].Depth, 2u);
  EXPECT_EQ(Outer[0].PassedOn.size(), 2u);
  Known.add(std::move(Outer[0]));
  EXPECT_EQ(valuesAtCaller("int w2(u32 x);\nint c(void) { return w2(0xffffffff); }", Known, MinSlot), "0x10");
}

TEST_F(WrapperSummaryTest, TwoUnitsThatDisagreeAreNotFollowed) {
  DerivedAllocators Known;
  std::vector<DerivedAllocator> A = summarize("int w(u64 lo) { return alloc(lo, -1, 0); }");
  std::vector<DerivedAllocator> B = summarize("int w(u64 lo) { return alloc(lo + SZ_4G, -1, 0); }");
  std::vector<DerivedAllocator> Same = summarize("int w(u64 lo) { return alloc(lo, -1, 0); }");
  ASSERT_EQ(A.size(), 1u);
  EXPECT_TRUE(Known.add(A[0]));
  EXPECT_FALSE(Known.add(Same[0]));
  EXPECT_TRUE(Known.find("w"));
  EXPECT_FALSE(Known.add(B[0]));
  EXPECT_FALSE(Known.find("w"));
  EXPECT_EQ(Known.ambiguous(), std::vector<std::string>{"w"});
  EXPECT_FALSE(Known.add(A[0]));
}

TEST_F(WrapperSummaryTest, ManyCombinationsJoinIntoOneUncorrelatedScenario) {
  DerivedAllocator D;
  D.Spec.Name = "w";
  D.Spec.Params[Role::Min] = 0;
  SummaryScenario S;
  S.Roles[MinSlot].Present = true;
  S.Roles[MinSlot].Param = 0;
  S.Roles[FbSlot].Present = true;
  for (unsigned K = 0; K < 3; ++K) {
    S.Roles[FbSlot].Fixed = ValueSet::constant(1, K & 1);
    D.Scenarios.push_back(S);
  }
  std::vector<Scenario> AtCall(3);
  for (unsigned K = 0; K < 3; ++K)
    AtCall[K].Values[MinSlot] = ValueSet::constant(64, K);
  std::vector<Scenario> Out = expandDerivedCall(D, AtCall);
  ASSERT_EQ(Out.size(), 1u); // 9 combinations: past the 8 kept apart
  EXPECT_FALSE(Out[0].Correlated);
  EXPECT_EQ(Out[0].Values[MinSlot]->str(), "0x0..0x2");
  EXPECT_EQ(Out[0].Values[FbSlot]->str(), "0x0..0x1");
  AtCall.resize(2);
  EXPECT_EQ(expandDerivedCall(D, AtCall).size(), 6u);
}

} // namespace
