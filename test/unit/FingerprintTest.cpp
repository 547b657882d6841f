// Unit tests of fingerprints: what changes them (the call, its function, file, rule, which identical call) and what
// does not (lines moving, the source root's own location).
#include "report/Fingerprint.h"
#include "report/Report.h"

#include "gtest/gtest.h"

using namespace mmio;

namespace {

ReportFinding finding(std::string File, unsigned Line, std::string Function = "f",
                      std::string Call = "alloc(&d->mem_config, 0, -1)") {
  ReportFinding F;
  F.RuleId = "rule-a";
  F.Begin = {std::move(File), Line, 9};
  F.Function = std::move(Function);
  F.Callee = "alloc";
  F.CallText = std::move(Call);
  F.Message = "message";
  return F;
}

TEST(FingerprintTest, IsAHashOfTheFieldsItNames) {
  std::string FP = computeFingerprint("rule-a", "drivers/x.c", "f", "alloc", "alloc(0)", 0);
  EXPECT_EQ(FP.size(), 32u);
  EXPECT_EQ(FP.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(FP, computeFingerprint("rule-a", "drivers/x.c", "f", "alloc", "alloc(0)", 0));
  for (const std::string &Other :
       {computeFingerprint("rule-b", "drivers/x.c", "f", "alloc", "alloc(0)", 0),
        computeFingerprint("rule-a", "drivers/y.c", "f", "alloc", "alloc(0)", 0),
        computeFingerprint("rule-a", "drivers/x.c", "g", "alloc", "alloc(0)", 0),
        computeFingerprint("rule-a", "drivers/x.c", "f", "other", "alloc(0)", 0),
        computeFingerprint("rule-a", "drivers/x.c", "f", "alloc", "alloc(1)", 0),
        computeFingerprint("rule-a", "drivers/x.c", "f", "alloc", "alloc(0)", 1)})
    EXPECT_NE(FP, Other);
}

TEST(FingerprintTest, FieldBoundariesMatter) {
  // Without separators "ab" + "c" would hash like "a" + "bc".
  EXPECT_NE(computeFingerprint("ab", "c", "", "", "", 0), computeFingerprint("a", "bc", "", "", "", 0));
}

TEST(FingerprintTest, SurvivesLinesMovingAndAnotherCheckoutPlace) {
  std::vector<ReportFinding> Here{finding("/src/a/drivers/x.c", 10)};
  std::vector<ReportFinding> Elsewhere{finding("/tmp/worktree/drivers/x.c", 250)};
  assignFingerprints(Here, "/src/a");
  assignFingerprints(Elsewhere, "/tmp/worktree/");
  EXPECT_EQ(Here[0].Fingerprint, Elsewhere[0].Fingerprint);
  EXPECT_EQ(Here[0].Fingerprint, computeFingerprint("rule-a", "drivers/x.c", "f", "alloc",
                                                    "alloc(&d->mem_config, 0, -1)", 0));
}

TEST(FingerprintTest, IdenticalCallsInOneFunctionAreCountedInOrder) {
  std::vector<ReportFinding> Fs{finding("/r/x.c", 10), finding("/r/x.c", 20), finding("/r/x.c", 30, "g"),
                                finding("/r/y.c", 5)};
  assignFingerprints(Fs, "/r");
  EXPECT_EQ(Fs[0].Fingerprint, computeFingerprint("rule-a", "x.c", "f", "alloc", Fs[0].CallText, 0));
  EXPECT_EQ(Fs[1].Fingerprint, computeFingerprint("rule-a", "x.c", "f", "alloc", Fs[0].CallText, 1));
  // Another function, another file: their own count.
  EXPECT_EQ(Fs[2].Fingerprint, computeFingerprint("rule-a", "x.c", "g", "alloc", Fs[0].CallText, 0));
  EXPECT_EQ(Fs[3].Fingerprint, computeFingerprint("rule-a", "y.c", "f", "alloc", Fs[0].CallText, 0));
}

TEST(FingerprintTest, FileOutsideTheRootKeepsItsAbsoluteName) {
  std::vector<ReportFinding> Fs{finding("/elsewhere/x.c", 1)};
  assignFingerprints(Fs, "/r");
  EXPECT_EQ(Fs[0].Fingerprint, computeFingerprint("rule-a", "/elsewhere/x.c", "f", "alloc", Fs[0].CallText, 0));
}

TEST(FingerprintTest, FinalizeDropsCopiesFromOtherUnitsAndSorts) {
  Report R;
  R.SourceRoot = "/r";
  R.Findings = {finding("/r/b.c", 3), finding("/r/h.h", 7), finding("/r/a.c", 9), finding("/r/h.h", 7)};
  R.Findings[1].TranslationUnit = "/r/one.c";
  R.Findings[3].TranslationUnit = "/r/two.c";
  finalizeFindings(R);
  ASSERT_EQ(R.Findings.size(), 3u);
  EXPECT_EQ(R.Findings[0].Begin.File, "/r/a.c");
  EXPECT_EQ(R.Findings[1].Begin.File, "/r/b.c");
  EXPECT_EQ(R.Findings[2].Begin.File, "/r/h.h");
  EXPECT_EQ(R.Findings[2].TranslationUnit, "/r/one.c"); // the first unit to report it keeps it
  EXPECT_FALSE(R.Findings[0].Fingerprint.empty());
}

} // namespace
