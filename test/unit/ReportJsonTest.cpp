// Unit tests of the JSON report: the schema's fields, and reading a report back gives the same report (baselines and
// merging rely on it); malformed reports are errors that say where.
#include "report/JsonReport.h"
#include "report/Report.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

using namespace mmio;

namespace {

Report sampleReport() {
  Report R;
  R.ToolVersion = "1.2.3";
  R.RulesetSource = "/rules/hyperv.yaml";
  R.SourceRoot = "/src";
  R.Rules = {{"rule-a", Severity::Warning, "min is {min}", "Description of a."},
             {"rule-b", Severity::Error, "max is {max}", ""}};
  ReportFinding F;
  F.RuleId = "rule-a";
  F.Level = Severity::Error;
  F.Outcome = Verdict::Violated;
  F.Message = "min is 0x0";
  F.Begin = {"/src/drivers/x.c", 12, 9};
  F.End = {"/src/drivers/x.c", 13, 40};
  F.Function = "probe";
  F.Callee = "vmbus_allocate_mmio";
  F.CallText = "vmbus_allocate_mmio(a, b, 0, -1)";
  RoleBounds Min;
  Min.Intervals = {{"0x0", "0x0"}, {"0x100000000", "0xffffffffffffffff"}};
  F.Bounds[static_cast<unsigned>(Role::Min)] = Min;
  RoleBounds Size;
  Size.Unknown = true;
  F.Bounds[static_cast<unsigned>(Role::Size)] = Size;
  F.Notes = {{{"/src/drivers/x.c", 12, 30}, "min is 0x0"}, {{"", 0, 0}, "a note without a place"}};
  ReportFix Fix;
  Fix.Begin = {"/src/drivers/x.c", 12, 30};
  Fix.End = {"/src/drivers/x.c", 12, 31};
  Fix.Offset = 345;
  Fix.Length = 1;
  Fix.Replacement = "SZ_4G";
  Fix.Original = "0";
  F.Fix = Fix;
  F.Fingerprint = "00112233445566778899aabbccddeeff";
  F.TranslationUnit = "/src/drivers/x.c";
  R.Findings.push_back(F);
  ReportFinding S = F;
  S.Begin.Line = 40;
  S.Fix.reset();
  S.Notes.clear();
  S.Suppressed = ReportSuppression{{"/src/drivers/x.c", 39, 5}, "reviewed"};
  S.Fingerprint = "ffeeddccbbaa99887766554433221100";
  R.Findings.push_back(S);
  R.TranslationUnits = {{"/src/drivers/x.c", "/build", TUStatus::Analysed, "", ""},
                        {"/src/drivers/y.c", "/build", TUStatus::Failed, "does not compile", "y.c:1:1: error: e\n"},
                        {"/src/drivers/z.c", "/build", TUStatus::Skipped, "no allocator call possible", ""}};
  R.Baselined = 4;
  return R;
}

std::string text(const Report &R) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  writeJSONReport(R, OS);
  return S;
}

TEST(ReportJsonTest, WritesTheDocumentedFields) {
  llvm::json::Value V = toJSON(sampleReport());
  const llvm::json::Object &Root = *V.getAsObject();
  EXPECT_EQ(Root.getInteger("version"), 1);
  EXPECT_EQ(Root.getString("sourceRoot"), "/src");
  const llvm::json::Object &F = *Root.getArray("findings")->front().getAsObject();
  EXPECT_EQ(F.getString("rule"), "rule-a");
  EXPECT_EQ(F.getString("severity"), "error");
  EXPECT_EQ(F.getString("verdict"), "violated");
  EXPECT_EQ(F.getString("file"), "drivers/x.c"); // relative to the source root
  EXPECT_EQ(F.getInteger("line"), 12);
  EXPECT_EQ(F.getInteger("column"), 9);
  EXPECT_EQ(F.getInteger("endLine"), 13);
  EXPECT_EQ(F.getString("function"), "probe");
  EXPECT_EQ(F.getString("callee"), "vmbus_allocate_mmio");
  EXPECT_EQ(F.getString("fingerprint"), "00112233445566778899aabbccddeeff");
  const llvm::json::Object &Bounds = *F.getObject("bounds");
  EXPECT_EQ(Bounds.getString("size"), "unknown");
  const llvm::json::Array &Min = *Bounds.getArray("min");
  ASSERT_EQ(Min.size(), 2u);
  EXPECT_EQ((*Min[1].getAsArray())[0].getAsString(), "0x100000000");
  EXPECT_EQ((*Min[1].getAsArray())[1].getAsString(), "0xffffffffffffffff");
  EXPECT_FALSE(Bounds.get("max")); // a role the call was not evaluated for is absent
  EXPECT_EQ(F.getObject("fix")->getString("replacement"), "SZ_4G");
  EXPECT_EQ(F.get("suppressed")->kind(), llvm::json::Value::Null);
  const llvm::json::Object &Summary = *Root.getObject("summary");
  EXPECT_EQ(Summary.getInteger("findings"), 1);
  EXPECT_EQ(Summary.getInteger("errors"), 1);
  EXPECT_EQ(Summary.getInteger("suppressed"), 1);
  EXPECT_EQ(Summary.getInteger("failed"), 1);
  EXPECT_EQ(Summary.getInteger("skipped"), 1);
  EXPECT_EQ(Summary.getInteger("baselined"), 4);
}

TEST(ReportJsonTest, ReadsBackTheSameReport) {
  Report Original = sampleReport();
  std::string First = text(Original);
  llvm::Expected<Report> Read = readJSONReport(First, "first.json");
  ASSERT_TRUE(static_cast<bool>(Read)) << llvm::toString(Read.takeError());
  EXPECT_EQ(text(*Read), First);
  ASSERT_EQ(Read->Findings.size(), 2u);
  const ReportFinding &F = Read->Findings[0];
  EXPECT_EQ(F.Begin.File, "/src/drivers/x.c"); // absolute again
  EXPECT_EQ(*F.bound(Role::Min), *Original.Findings[0].bound(Role::Min));
  EXPECT_TRUE(F.bound(Role::Size)->Unknown);
  ASSERT_TRUE(F.Fix.has_value());
  EXPECT_EQ(F.Fix->Offset, 345u);
  EXPECT_EQ(F.Fix->Original, "0");
  ASSERT_TRUE(Read->Findings[1].Suppressed.has_value());
  EXPECT_EQ(Read->Findings[1].Suppressed->Reason, "reviewed");
  EXPECT_EQ(Read->TranslationUnits[1].Status, TUStatus::Failed);
  EXPECT_EQ(Read->TranslationUnits[1].Errors, "y.c:1:1: error: e\n");
  EXPECT_EQ(Read->Rules[1].Level, Severity::Error);
}

TEST(ReportJsonTest, PatchModeFieldsRoundTrip) {
  Report R = sampleReport();
  R.DiffMode = true;
  R.DiffBase = "origin/master";
  R.Findings[0].Diff = Change::New;
  R.Findings[1].Diff = Change::Fixed;
  llvm::Expected<Report> Read = readJSONReport(text(R), "r.json");
  ASSERT_TRUE(static_cast<bool>(Read)) << llvm::toString(Read.takeError());
  EXPECT_TRUE(Read->DiffMode);
  EXPECT_EQ(Read->DiffBase, "origin/master");
  EXPECT_EQ(Read->Findings[0].Diff, Change::New);
  EXPECT_EQ(Read->Findings[1].Diff, Change::Fixed);
}

void expectError(llvm::StringRef Json, llvm::StringRef Message) {
  llvm::Expected<Report> R = readJSONReport(Json, "bad.json");
  ASSERT_FALSE(static_cast<bool>(R));
  EXPECT_EQ(llvm::toString(R.takeError()), Message.str());
}

TEST(ReportJsonTest, MalformedReportsSayWhere) {
  expectError("{", "bad.json: invalid JSON: [1:1, byte=1]: Expected object key");
  expectError("[]", "bad.json: not an mmio-audit JSON report: expected an object");
  expectError(R"({"version": 2, "findings": []})", "bad.json: JSON report version 2 is not supported (expected 1)");
  expectError(R"({"version": 1, "findings": []})",
              "bad.json: not an mmio-audit JSON report: missing at report.sourceRoot");
  // The least a report needs.
  llvm::Expected<Report> Minimal = readJSONReport(R"({"version": 1, "findings": [], "sourceRoot": "/s"})", "ok.json");
  ASSERT_TRUE(static_cast<bool>(Minimal)) << llvm::toString(Minimal.takeError());
  EXPECT_TRUE(Minimal->Findings.empty());
}

TEST(ReportJsonTest, MalformedFindingsSayWhich) {
  llvm::StringRef Prefix = R"({"version": 1, "sourceRoot": "/s", "findings": [)";
  auto Bad = [&](llvm::StringRef Finding, llvm::StringRef Message) {
    llvm::Expected<Report> R = readJSONReport((Prefix + Finding + "]}").str(), "bad.json");
    ASSERT_FALSE(static_cast<bool>(R));
    EXPECT_EQ(llvm::toString(R.takeError()), ("bad.json: not an mmio-audit JSON report: " + Message).str());
  };
  Bad("3", "expected an object at report.findings[0]");
  Bad(R"({"rule": "r", "severity": "fatal", "file": "a.c", "line": 1, "column": 1, "message": "m",
          "fingerprint": "f"})",
      "expected \"warning\" or \"error\" at report.findings[0].severity");
  Bad(R"({"rule": "r", "severity": "error", "file": "a.c", "line": -1, "column": 1, "message": "m",
          "fingerprint": "f"})",
      "expected a non-negative integer at report.findings[0].line");
  Bad(R"({"rule": "r", "severity": "error", "file": "a.c", "line": 1, "column": 1, "message": "m",
          "fingerprint": "f", "bounds": {"min": [["0x0"]]}})",
      "expected [[lo, hi], ...] hex strings or \"unknown\" at report.findings[0].bounds.min");
  Bad(R"({"rule": "r", "severity": "error", "file": "a.c", "line": 1, "column": 1, "message": "m"})",
      "missing at report.findings[0].fingerprint");
  Bad(R"({"rule": "r", "severity": "error", "file": "a.c", "line": 1, "column": 1, "message": "m",
          "fingerprint": "f", "notes": [{"file": "a.c", "line": 2}]})",
      "missing at report.findings[0].notes[0].message");
  Bad(R"({"rule": "r", "severity": "error", "file": "a.c", "line": 1, "column": 1, "message": "m",
          "fingerprint": "f", "fix": {"offset": 3, "length": 1}})",
      "missing at report.findings[0].fix.replacement");
  Bad(R"({"rule": "r", "severity": "error", "file": "a.c", "line": 1, "column": 1, "message": "m",
          "fingerprint": "f", "change": "gone"})",
      "expected \"new\", \"unchanged\" or \"fixed\" at report.findings[0].change");
}

} // namespace

namespace {

// The writer streams the report one finding at a time; what it writes must be the built report, printed.
TEST(ReportJsonTest, TheStreamedReportIsTheBuiltOne) {
  Report R = sampleReport();
  R.Findings.push_back(R.Findings.front());
  R.TranslationUnits.push_back({"/src/bad.c", "/src", TUStatus::Failed, "does not compile", "bad.c:1:1: error: x"});
  std::string Streamed, Built;
  llvm::raw_string_ostream S(Streamed), B(Built);
  writeJSONReport(R, S);
  B << llvm::formatv("{0:2}", toJSON(R)) << "\n";
  EXPECT_EQ(Streamed, Built);
}

} // namespace
