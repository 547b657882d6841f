// Unit tests of suppression comments: the syntax (parseSuppressionLine) and which comments cover a finding
// (findSuppression over a SourceManager, as every front end calls it).
#include "source/CallExtent.h"
#include "suppress/Suppression.h"

#include "clang/Basic/SourceManager.h"

#include "gtest/gtest.h"

using namespace mmio;

namespace {

TEST(ReportSuppressionTest, ParsesBothSpellings) {
  std::optional<SuppressionComment> C =
      parseSuppressionLine("  call(); // mmio-audit: ignore[rule-a, rule-b] -- the host places it");
  ASSERT_TRUE(C.has_value());
  EXPECT_TRUE(C->valid());
  EXPECT_EQ(C->Rules, (std::vector<std::string>{"rule-a", "rule-b"}));
  EXPECT_EQ(C->Reason, "the host places it");
  EXPECT_EQ(C->Where.Column, 14u);
  EXPECT_FALSE(C->StandsAlone);

  C = parseSuppressionLine("\t/* mmio-audit: ignore rule-a,rule-b -- reviewed in 2024 */");
  ASSERT_TRUE(C.has_value());
  EXPECT_TRUE(C->valid());
  EXPECT_EQ(C->Rules, (std::vector<std::string>{"rule-a", "rule-b"}));
  EXPECT_EQ(C->Reason, "reviewed in 2024");
  EXPECT_TRUE(C->StandsAlone);

  C = parseSuppressionLine(" * mmio-audit: ignore[hyperv-*] -- kernel comment block");
  ASSERT_TRUE(C.has_value());
  EXPECT_TRUE(C->StandsAlone);
  EXPECT_TRUE(C->names("hyperv-config-window-below-4g"));
  EXPECT_FALSE(C->names("other-rule"));
}

TEST(ReportSuppressionTest, MalformedCommentsSayWhy) {
  std::optional<SuppressionComment> C = parseSuppressionLine("x(); // mmio-audit: ignore[rule-a]");
  ASSERT_TRUE(C.has_value());
  EXPECT_FALSE(C->valid());
  EXPECT_EQ(C->Problem, "it gives no reason (write '-- REASON' after the rule ids)");
  C = parseSuppressionLine("x(); // mmio-audit: ignore[rule-a] --   ");
  ASSERT_TRUE(C.has_value());
  EXPECT_FALSE(C->valid());
  C = parseSuppressionLine("x(); // mmio-audit: ignore -- a reason but no rule");
  ASSERT_TRUE(C.has_value());
  EXPECT_EQ(C->Problem, "it names no rule (write 'ignore[RULE]', or 'ignore[*]' for every rule)");
  EXPECT_TRUE(C->names("anything")); // covers it, so the front end can say what is wrong
  C = parseSuppressionLine("x(); // mmio-audit: ignore[rule-a -- unclosed");
  ASSERT_TRUE(C.has_value());
  EXPECT_EQ(C->Problem, "its rule list has no closing ']'");
  C = parseSuppressionLine("x(); // mmio-audit: ignore[rule[a] -- bad glob");
  ASSERT_TRUE(C.has_value());
  EXPECT_FALSE(C->valid());
}

TEST(ReportSuppressionTest, OnlyCommentsWithIgnoreCount) {
  EXPECT_FALSE(parseSuppressionLine("call(); // see mmio-audit: the docs").has_value());
  EXPECT_FALSE(parseSuppressionLine("call(); // mmio-audit: ignored in CI").has_value());
  EXPECT_FALSE(parseSuppressionLine("puts(\"mmio-audit: ignore[x] -- y\");").has_value()); // code, not a comment
  EXPECT_FALSE(parseSuppressionLine("call(); // mmio-audit ignore[x] -- y").has_value());
}

TEST(ReportSuppressionTest, ScansAFile) {
  std::vector<SuppressionComment> All = scanSuppressions("a();\n"
                                                         "b(); // mmio-audit: ignore[r] -- why\n"
                                                         "/* mmio-audit: ignore[*] */\n",
                                                         "/src/x.c");
  ASSERT_EQ(All.size(), 2u);
  EXPECT_EQ(All[0].Where.File, "/src/x.c");
  EXPECT_EQ(All[0].Where.Line, 2u);
  EXPECT_EQ(All[1].Where.Line, 3u);
  EXPECT_FALSE(All[1].valid());
  EXPECT_TRUE(scanSuppressions("no marker here\n", "x.c").empty());
}

/// A file with a call on `CallLine` (its first token at `CallColumn`), and the finding of rule `Rule` on it.
struct Fixture {
  Fixture(llvm::StringRef Code, unsigned CallLine, unsigned CallColumn, std::string Rule = "rule-a")
      : Source("x.c", Code) {
    clang::SourceManager &SM = Source.get();
    F.RuleId = std::move(Rule);
    F.Loc = SM.translateLineCol(SM.getMainFileID(), CallLine, CallColumn);
  }
  std::optional<SuppressionComment> find() { return findSuppression(F, Source.get()); }

  clang::SourceManagerForFile Source;
  Finding F;
};

TEST(ReportSuppressionTest, CoversEveryLineOfTheCall) {
  Fixture Fx("int f(void) {\n"
             "  return alloc(a,\n"
             "               b, /* ( */ c); // mmio-audit: ignore[rule-a] -- on the last line\n"
             "}\n",
             2, 10);
  clang::CharSourceRange Extent = callExtent(Fx.F.Loc, Fx.Source.get());
  EXPECT_EQ(Fx.Source.get().getSpellingLineNumber(Extent.getEnd()), 3u);
  std::optional<SuppressionComment> C = Fx.find();
  ASSERT_TRUE(C.has_value());
  EXPECT_TRUE(C->valid());
  EXPECT_EQ(C->Where.Line, 3u);
  EXPECT_EQ(C->Reason, "on the last line");
}

TEST(ReportSuppressionTest, CoversTheCommentBlockAbove) {
  Fixture Fx("int f(void) {\n"
             "  /*\n"
             "   * mmio-audit: ignore[rule-a] -- in the block\n"
             "   * and more text\n"
             "   */\n"
             "  return alloc(a);\n"
             "}\n",
             6, 10);
  std::optional<SuppressionComment> C = Fx.find();
  ASSERT_TRUE(C.has_value());
  EXPECT_EQ(C->Where.Line, 3u);
  EXPECT_TRUE(C->Loc.isValid());
}

TEST(ReportSuppressionTest, DoesNotReachPastCodeOrBlankLines) {
  Fixture Trailing("int f(void) {\n"
                   "  g(); // mmio-audit: ignore[rule-a] -- belongs to g()\n"
                   "  return alloc(a);\n"
                   "}\n",
                   3, 10);
  EXPECT_FALSE(Trailing.find().has_value());
  Fixture Blank("// mmio-audit: ignore[rule-a] -- too far\n"
                "\n"
                "int x = alloc(a);\n",
                3, 9);
  EXPECT_FALSE(Blank.find().has_value());
  Fixture Deref("int f(int *p) {\n"
                "  *p = 1; // mmio-audit: ignore[rule-a] -- a dereference is code, not a comment line\n"
                "  return alloc(a);\n"
                "}\n",
                3, 10);
  EXPECT_FALSE(Deref.find().has_value());
}

TEST(ReportSuppressionTest, OnlyForTheRulesItNames) {
  Fixture Other("int x = alloc(a); // mmio-audit: ignore[rule-b] -- another rule\n", 1, 9, "rule-a");
  EXPECT_FALSE(Other.find().has_value());
  Fixture Glob("int x = alloc(a); // mmio-audit: ignore[rule-*] -- any rule-\n", 1, 9, "rule-a");
  EXPECT_TRUE(Glob.find().has_value());
}

TEST(ReportSuppressionTest, AValidCommentWinsOverAMalformedOne) {
  Fixture Fx("// mmio-audit: ignore[rule-a] -- the reason\n"
             "int x = alloc(a); // mmio-audit: ignore[rule-a]\n",
             2, 9);
  std::optional<SuppressionComment> C = Fx.find();
  ASSERT_TRUE(C.has_value());
  EXPECT_TRUE(C->valid());
  EXPECT_EQ(C->Where.Line, 1u);
  Fixture Only("int x = alloc(a); // mmio-audit: ignore[rule-a]\n", 1, 9);
  C = Only.find();
  ASSERT_TRUE(C.has_value());
  EXPECT_FALSE(C->valid());
  EXPECT_EQ(malformedSuppressionNote(*C),
            "this suppression comment does not apply: it gives no reason (write '-- REASON' after the rule ids)");
}

TEST(ReportSuppressionTest, NeedsALiveLocation) {
  Finding F;
  F.RuleId = "rule-a";
  clang::SourceManagerForFile Source("x.c", "int x = alloc(a); // mmio-audit: ignore[*] -- why\n");
  EXPECT_FALSE(findSuppression(F, Source.get()).has_value());
}

} // namespace
