// Unit tests of the SARIF writer: descriptors for every rule, result fields GitHub code scanning reads, URIs, and the
// merging of shard logs.
#include "report/Fingerprint.h"
#include "report/SarifReport.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

using namespace mmio;
using llvm::json::Array;
using llvm::json::Object;

namespace {

Report report() {
  Report R;
  R.ToolVersion = "0.1.0";
  R.SourceRoot = "/src/linux";
  R.Rules = {{"hyperv-config-window-below-4g", Severity::Warning,
              "config window request can start below 4GB (min = {min}, max = {max})", "Must be above 4GB."},
             {"overlap", Severity::Error, "window can overlap framebuffer range '{range}' (min = {min})", ""}};
  ReportFinding F;
  F.RuleId = "overlap";
  F.Level = Severity::Error;
  F.Message = "window can overlap framebuffer range 'fb' (min = 0x0)";
  F.Begin = {"/src/linux/drivers/pci/a b.c", 10, 5};
  F.End = {"/src/linux/drivers/pci/a b.c", 11, 20};
  F.Function = "probe";
  F.Notes = {{{"/src/linux/include/x.h", 3, 9}, "min is 0x0"},
             {{"<builtin>/hyperv.yaml", 0, 0}, "range 'fb' is 0x0..0xff"}};
  F.Fingerprint = "abc";
  R.Findings.push_back(F);
  return R;
}

const Object &run(const llvm::json::Value &Log) { return *Log.getAsObject()->getArray("runs")->front().getAsObject(); }

TEST(ReportSarifTest, DescribesEveryRule) {
  llvm::json::Value Log = toSARIF(report());
  EXPECT_EQ(Log.getAsObject()->getString("version"), "2.1.0");
  const Array &Rules = *run(Log).getObject("tool")->getObject("driver")->getArray("rules");
  ASSERT_EQ(Rules.size(), 2u);
  const Object &First = *Rules[0].getAsObject();
  EXPECT_EQ(First.getString("id"), "hyperv-config-window-below-4g");
  EXPECT_EQ(First.getString("name"), "HypervConfigWindowBelow4g");
  // The message template without its value placeholders, as a sentence.
  EXPECT_EQ(First.getObject("shortDescription")->getString("text"), "Config window request can start below 4GB.");
  EXPECT_EQ(First.getObject("fullDescription")->getString("text"), "Must be above 4GB.");
  EXPECT_TRUE(First.getObject("help")->getString("text")->starts_with("Must be above 4GB."));
  EXPECT_EQ(First.getObject("defaultConfiguration")->getString("level"), "warning");
  const Object &Second = *Rules[1].getAsObject();
  EXPECT_EQ(Second.getObject("shortDescription")->getString("text"), "Window can overlap framebuffer range 'range'.");
  // No description: the message stands in.
  EXPECT_EQ(Second.getObject("fullDescription")->getString("text"),
            "window can overlap framebuffer range '{range}' (min = {min}).");
  EXPECT_EQ(Second.getObject("defaultConfiguration")->getString("level"), "error");
}

TEST(ReportSarifTest, ResultsCarryWhatCodeScanningReads) {
  llvm::json::Value Log = toSARIF(report());
  const Object &Run = run(Log);
  EXPECT_EQ(Run.getObject("originalUriBaseIds")->getObject("%SRCROOT%")->getString("uri"), "file:///src/linux/");
  const Object &Result = *Run.getArray("results")->front().getAsObject();
  EXPECT_EQ(Result.getString("ruleId"), "overlap");
  EXPECT_EQ(Result.getInteger("ruleIndex"), 1);
  EXPECT_EQ(Result.getString("level"), "error");
  // A sentence; the note without a place in the sources joins the message.
  EXPECT_EQ(Result.getObject("message")->getString("text"),
            "window can overlap framebuffer range 'fb' (min = 0x0). range 'fb' is 0x0..0xff.");
  const Object &Physical = *Result.getArray("locations")->front().getAsObject()->getObject("physicalLocation");
  EXPECT_EQ(Physical.getObject("artifactLocation")->getString("uri"), "drivers/pci/a%20b.c");
  EXPECT_EQ(Physical.getObject("artifactLocation")->getString("uriBaseId"), "%SRCROOT%");
  const Object &Region = *Physical.getObject("region");
  EXPECT_EQ(Region.getInteger("startLine"), 10);
  EXPECT_EQ(Region.getInteger("startColumn"), 5);
  EXPECT_EQ(Region.getInteger("endLine"), 11);
  EXPECT_EQ(Region.getInteger("endColumn"), 20);
  const Array &Related = *Result.getArray("relatedLocations");
  ASSERT_EQ(Related.size(), 1u);
  EXPECT_EQ(Related[0].getAsObject()->getObject("message")->getString("text"), "min is 0x0.");
  EXPECT_EQ(Result.getObject("partialFingerprints")->getString(FingerprintName), "abc");
  EXPECT_FALSE(Result.get("suppressions"));
  EXPECT_FALSE(Result.get("fixes"));
  EXPECT_EQ(Run.getArray("invocations")->front().getAsObject()->getBoolean("executionSuccessful"), true);
}

TEST(ReportSarifTest, PathsOutsideTheRootAreFileURIs) {
  EXPECT_EQ(pathToURI("/usr/include/a b#c.h"), "file:///usr/include/a%20b%23c.h");
  Report R = report();
  R.Findings[0].Begin.File = R.Findings[0].End.File = "/elsewhere/x.c";
  llvm::json::Value Log = toSARIF(R);
  const Object &Artifact = *run(Log)
                                .getArray("results")
                                ->front()
                                .getAsObject()
                                ->getArray("locations")
                                ->front()
                                .getAsObject()
                                ->getObject("physicalLocation")
                                ->getObject("artifactLocation");
  EXPECT_EQ(Artifact.getString("uri"), "file:///elsewhere/x.c");
  EXPECT_FALSE(Artifact.get("uriBaseId"));
}

TEST(ReportSarifTest, SuppressedFixedAndFailed) {
  Report R = report();
  R.Findings[0].Suppressed = ReportSuppression{{"/src/linux/drivers/pci/a b.c", 9, 4}, "reviewed"};
  ReportFinding Fixed = R.Findings[0];
  Fixed.Diff = Change::Fixed;
  R.Findings.push_back(Fixed);
  R.Findings[0].Diff = Change::New;
  R.DiffMode = true;
  R.TranslationUnits = {{"/src/linux/drivers/pci/b.c", "/build", TUStatus::Failed,
                         "the translation unit does not "
                         "compile",
                         "errors"}};
  llvm::json::Value Log = toSARIF(R);
  const Object &Run = run(Log);
  const Array &Results = *Run.getArray("results");
  ASSERT_EQ(Results.size(), 1u); // the fixed one is no alert
  const Object &Result = *Results[0].getAsObject();
  EXPECT_EQ(Result.getString("baselineState"), "new");
  const Object &S = *Result.getArray("suppressions")->front().getAsObject();
  EXPECT_EQ(S.getString("kind"), "inSource");
  EXPECT_EQ(S.getString("justification"), "reviewed");
  const Object &Invocation = *Run.getArray("invocations")->front().getAsObject();
  EXPECT_EQ(Invocation.getBoolean("executionSuccessful"), false);
  EXPECT_EQ(Invocation.getArray("toolExecutionNotifications")->size(), 1u);
}

TEST(ReportSarifTest, MergesShardLogs) {
  Report A = report();
  Report B = report();
  B.Rules = {B.Rules[1]}; // another shard may list the rules differently
  B.Findings[0].Begin.Line = 99;
  B.Findings[0].Fingerprint = "def";
  std::vector<llvm::json::Value> Logs{toSARIF(A), toSARIF(B), toSARIF(A)};
  llvm::Expected<llvm::json::Value> Merged = mergeSARIF(std::move(Logs), {"a", "b", "a-again"});
  ASSERT_TRUE(static_cast<bool>(Merged)) << llvm::toString(Merged.takeError());
  const Object &Run = run(*Merged);
  EXPECT_EQ(Run.getObject("tool")->getObject("driver")->getArray("rules")->size(), 2u);
  const Array &Results = *Run.getArray("results");
  ASSERT_EQ(Results.size(), 2u); // a's result once
  for (const llvm::json::Value &V : Results)
    EXPECT_EQ(V.getAsObject()->getInteger("ruleIndex"), 1); // "overlap" is second in the merged rules
}

TEST(ReportSarifTest, MergeRefusesOtherLogs) {
  std::vector<llvm::json::Value> NotSarif;
  NotSarif.push_back(llvm::json::Object{{"version", "2.0.0"}});
  llvm::Expected<llvm::json::Value> R = mergeSARIF(std::move(NotSarif), {"x.sarif"});
  ASSERT_FALSE(static_cast<bool>(R));
  EXPECT_EQ(llvm::toString(R.takeError()), "x.sarif: not a SARIF log from mmio-audit: expected a SARIF 2.1.0 log");
  Report Other = report();
  Other.SourceRoot = "/other";
  std::vector<llvm::json::Value> Roots{toSARIF(report()), toSARIF(Other)};
  R = mergeSARIF(std::move(Roots), {"a", "b"});
  ASSERT_FALSE(static_cast<bool>(R));
  EXPECT_NE(llvm::toString(R.takeError()).find("shards must share --source-root"), std::string::npos);
}

} // namespace

namespace {

// The writer streams the log one result at a time; what it writes must be the built log, printed.
TEST(ReportSarifTest, TheStreamedLogIsTheBuiltOne) {
  Report R = report();
  R.Findings.push_back(R.Findings.front());
  R.Findings.back().Fingerprint = "def";
  R.TranslationUnits.push_back({"/src/linux/bad.c", "/src/linux", TUStatus::Failed, "does not compile", ""});
  std::string Streamed, Built;
  llvm::raw_string_ostream S(Streamed), B(Built);
  writeSARIFReport(R, S);
  B << llvm::formatv("{0:2}", toSARIF(R)) << "\n";
  EXPECT_EQ(Streamed, Built);
}

} // namespace
