// Unit tests of the text report and the summary line.
#include "report/TextWriter.h"

#include "gtest/gtest.h"

using namespace mmio;

namespace {

ReportFinding finding(Severity Level, std::string Unit) {
  ReportFinding F;
  F.RuleId = "rule-a";
  F.Level = Level;
  F.Message = "min is 0x0";
  F.Begin = {"/src/a.c", 3, 7};
  F.Notes = {{{"/src/a.c", 3, 20}, "min is 0x0"}};
  F.TranslationUnit = std::move(Unit);
  return F;
}

std::string text(const Report &R, TextOptions Options = {}) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  writeTextReport(R, OS, Options);
  return S;
}

TEST(ReportTextTest, RenderedFindingsPrintAsRendered) {
  Report R;
  R.SourceRoot = "/src";
  R.Findings = {finding(Severity::Warning, "/src/a.c")};
  R.Findings[0].Rendered = "exactly as clang printed it\n";
  R.TranslationUnits = {{"/src/a.c", "/b", TUStatus::Analysed, "", ""}};
  EXPECT_EQ(text(R), "exactly as clang printed it\n1 finding (0 errors, 1 warning) in 1 of 1 translation unit\n");
}

TEST(ReportTextTest, FindingsReadBackPrintClangStyleLines) {
  Report R;
  R.SourceRoot = "/src";
  R.Findings = {finding(Severity::Error, "/src/a.c")};
  R.TranslationUnits = {{"/src/a.c", "/b", TUStatus::Analysed, "", ""}};
  EXPECT_EQ(text(R, TextOptions{false}), "a.c:3:7: error: min is 0x0 [rule-a]\na.c:3:20: note: min is 0x0\n");
}

TEST(ReportTextTest, SummaryCountsWhatHappened) {
  Report R;
  R.SourceRoot = "/src";
  R.Findings = {finding(Severity::Error, "/src/a.c"), finding(Severity::Warning, "/src/a.c"),
                finding(Severity::Warning, "/src/b.c"), finding(Severity::Warning, "/src/b.c")};
  R.Findings[3].Suppressed = ReportSuppression{{"/src/b.c", 1, 1}, "why"};
  R.TranslationUnits = {{"/src/a.c", "/b", TUStatus::Analysed, "", ""},
                        {"/src/b.c", "/b", TUStatus::Analysed, "", ""},
                        {"/src/c.c", "/b", TUStatus::Skipped, "no allocator call possible", ""},
                        {"/src/d.c", "/b", TUStatus::Failed, "does not compile", ""}};
  R.Baselined = 2;
  EXPECT_EQ(summaryLine(R), "3 findings (1 error, 2 warnings) in 2 of 4 translation units; 1 skipped; 1 failed to "
                            "compile; 1 suppressed; 2 in the baseline");
  // Suppressed findings are not printed.
  std::string Printed = text(R, TextOptions{false});
  size_t Count = 0;
  for (size_t At = Printed.find("[rule-a]"); At != std::string::npos; At = Printed.find("[rule-a]", At + 1))
    ++Count;
  EXPECT_EQ(Count, 3u);
  R.DiffMode = true;
  R.DiffBase = "HEAD~1";
  R.Findings[0].Diff = Change::New;
  R.Findings[1].Diff = Change::Unchanged;
  R.Findings[2].Diff = Change::Fixed;
  EXPECT_EQ(summaryLine(R), "1 new finding (1 error, 0 warnings) in 1 of 4 translation units; 1 unchanged, 1 fixed "
                            "since HEAD~1; 1 skipped; 1 failed to compile; 1 suppressed; 2 in the baseline");
  // An error that the patch did not bring is neither printed nor counted in the headline.
  R.Findings[0].Diff = Change::Unchanged;
  EXPECT_EQ(summaryLine(R), "0 new findings (0 errors, 0 warnings) in 0 of 4 translation units; 2 unchanged, 1 fixed "
                            "since HEAD~1; 1 skipped; 1 failed to compile; 1 suppressed; 2 in the baseline");
  EXPECT_EQ(text(R, TextOptions{false}), "");
  R.Findings[0].Diff = Change::New;
  // Patch mode prints the new findings only.
  EXPECT_EQ(text(R, TextOptions{false}), "a.c:3:7: error: min is 0x0 [rule-a]\na.c:3:20: note: min is 0x0\n");
}

TEST(ReportTextTest, PathsRelativeToTheRoot) {
  EXPECT_EQ(relativeToRoot("/src/linux/a.c", "/src/linux"), "a.c");
  EXPECT_EQ(relativeToRoot("/src/linux/a.c", "/src/linux/"), "a.c");
  EXPECT_EQ(relativeToRoot("/src/linuxx/a.c", "/src/linux"), "/src/linuxx/a.c");
  EXPECT_EQ(relativeToRoot("/src/linux", "/src/linux"), "/src/linux");
  EXPECT_TRUE(isUnderRoot("/a/b", "/"));
  EXPECT_EQ(absolutePath("../x/./y.c", "/build/dir"), "/build/x/y.c");
  EXPECT_EQ(absolutePath("/abs/../z.c", "/ignored"), "/z.c");
}

} // namespace
