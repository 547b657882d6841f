#include "bounds/Evaluator.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Tooling/Tooling.h"

#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace {

const char *Prelude = R"c(
typedef unsigned long long u64;
typedef u64 resource_size_t;
#define SZ_4G 0x100000000ULL
#define _AC(X, Y) (X##Y)
#define SZ_4G_AC _AC(0x100000000, ULL)
int take(resource_size_t v);
int take32(unsigned int v);
int takebool(_Bool b);
)c";

/// Parses `Prelude` + `Body` for x86_64 and evaluates the first argument of the first call to `Callee`.
class EvaluatorTest : public ::testing::Test {
protected:
  mmio::Evaluation eval(const std::string &Body, const std::string &Callee = "take") {
    AST = tooling::buildASTFromCodeWithArgs(std::string(Prelude) + Body, {"-target", "x86_64-linux-gnu"}, "t.c");
    EXPECT_TRUE(AST);
    auto Matches = match(callExpr(callee(functionDecl(hasName(Callee)))).bind("c"), AST->getASTContext());
    EXPECT_FALSE(Matches.empty());
    const auto *Call = Matches.front().getNodeAs<CallExpr>("c");
    mmio::Evaluator E(AST->getASTContext());
    return E.evaluateArgument(Call->getArg(0), Call->getDirectCallee()->getParamDecl(0)->getType(), "min");
  }
  std::unique_ptr<ASTUnit> AST;
};

TEST_F(EvaluatorTest, MinusOneIsAllOnesAtTheParameterWidth) {
  mmio::Evaluation E = eval("void f(void) { take(-1); }");
  EXPECT_EQ(E.Values.str(), "0xffffffffffffffff");
  ASSERT_EQ(E.Trail.size(), 1u);
  EXPECT_EQ(E.Trail[0].Text, "min is 0xffffffffffffffff (-1 converted to 'resource_size_t')");
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
  mmio::Evaluation E = eval("void f(void) { take(0); }");
  EXPECT_EQ(E.Values.str(), "0x0");
  ASSERT_EQ(E.Trail.size(), 1u);
  EXPECT_EQ(E.Trail[0].Text, "min is 0x0");
}

TEST_F(EvaluatorTest, TruncationToANarrowParameter) {
  mmio::Evaluation E = eval("void f(void) { take32(0x100000001ULL); }", "take32");
  EXPECT_EQ(E.Values.width(), 32u);
  EXPECT_EQ(E.Values.str(), "0x1");
  EXPECT_NE(E.Trail[0].Text.find("converted to 'unsigned int'"), std::string::npos) << E.Trail[0].Text;
}

TEST_F(EvaluatorTest, BoolParameter) {
  EXPECT_EQ(eval("void f(void) { takebool(4); }", "takebool").Values.str(), "0x1");
  EXPECT_EQ(eval("void f(void) { takebool(0); }", "takebool").Values.str(), "0x0");
}

TEST_F(EvaluatorTest, RuntimeValueIsUnknownNotZero) {
  mmio::Evaluation E = eval("void f(resource_size_t x) { take(x); }");
  EXPECT_TRUE(E.Values.isUnknown());
  ASSERT_EQ(E.Trail.size(), 1u);
  EXPECT_EQ(E.Trail[0].Text, "min is not a constant the analysis can compute");
}

} // namespace
