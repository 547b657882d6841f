// Unit tests of applying fixes and writing files atomically: what is applied, and every reason a fix is not.
#include "report/AtomicFile.h"
#include "report/Fixes.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

using namespace mmio;

namespace {

class ReportFixesTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("mmio-audit-fixes", Dir));
    Root = std::string(Dir);
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Dir); }

  std::string write(llvm::StringRef Name, llvm::StringRef Text) {
    llvm::SmallString<128> Path(Dir);
    llvm::sys::path::append(Path, Name);
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    OS << Text;
    return std::string(Path);
  }
  static std::string read(llvm::StringRef Path) {
    auto B = llvm::MemoryBuffer::getFile(Path);
    return B ? (*B)->getBuffer().str() : "<unreadable>";
  }
  static ReportFinding fixAt(std::string File, unsigned Offset, llvm::StringRef Original, std::string Replacement,
                             std::string Rule = "rule-a") {
    ReportFinding F;
    F.RuleId = std::move(Rule);
    F.Begin = {File, 1, Offset + 1};
    ReportFix X;
    X.Begin = {File, 1, Offset + 1};
    X.Offset = Offset;
    X.Length = Original.size();
    X.Original = Original.str();
    X.Replacement = std::move(Replacement);
    F.Fix = X;
    return F;
  }

  llvm::SmallString<128> Dir;
  std::string Root;
};

TEST_F(ReportFixesTest, AppliesEveryFixOfAFileOnce) {
  std::string File = write("a.c", "alloc(0, -1, true);\n");
  Report R;
  R.Findings = {fixAt(File, 6, "0", "SZ_4G"), fixAt(File, 13, "true", "false", "rule-b"),
                fixAt(File, 6, "0", "SZ_4G")}; // the same fix from another unit
  llvm::StringSet<> Analysed;
  Analysed.insert(File);
  FixOutcome Out = applyFixes(R, Root, Analysed);
  EXPECT_EQ(Out.Applied, 2u);
  EXPECT_TRUE(Out.Problems.empty());
  EXPECT_EQ(read(File), "alloc(SZ_4G, -1, false);\n");
}

TEST_F(ReportFixesTest, StagedFixesChangeNothingUntilCommitted) {
  std::string A = write("a.c", "alloc(0);\n"), B = write("b.c", "alloc(0);\n");
  Report R;
  R.Findings = {fixAt(A, 6, "0", "SZ_4G"), fixAt(B, 6, "0", "SZ_4G")};
  llvm::StringSet<> Analysed;
  Analysed.insert(A);
  Analysed.insert(B);
  {
    StagedFixes Staged = stageFixes(R, Root, Analysed);
    EXPECT_EQ(Staged.Edits.size(), 2u);
    EXPECT_EQ(read(A), "alloc(0);\n");
    EXPECT_EQ(read(B), "alloc(0);\n");
  } // dropped uncommitted, as when a run stops before it commits
  std::error_code EC;
  unsigned Entries = 0;
  for (llvm::sys::fs::directory_iterator I(Dir, EC), End; I != End && !EC; I.increment(EC))
    ++Entries;
  EXPECT_EQ(Entries, 2u) << "a staged file was left behind";

  StagedFixes Staged = stageFixes(R, Root, Analysed);
  FixOutcome Out = commitFixes(Staged);
  EXPECT_EQ(Out.Applied, 2u);
  EXPECT_EQ(Out.ChangedFiles.size(), 2u);
  EXPECT_EQ(read(A), "alloc(SZ_4G);\n");
  EXPECT_EQ(read(B), "alloc(SZ_4G);\n");
}

TEST_F(ReportFixesTest, SuppressedFindingsAreNotFixed) {
  std::string File = write("a.c", "alloc(0);\n");
  Report R;
  R.Findings = {fixAt(File, 6, "0", "SZ_4G")};
  R.Findings[0].Suppressed = ReportSuppression{{File, 1, 1}, "why"};
  llvm::StringSet<> Analysed;
  Analysed.insert(File);
  EXPECT_EQ(applyFixes(R, Root, Analysed).Applied, 0u);
  EXPECT_EQ(read(File), "alloc(0);\n");
}

TEST_F(ReportFixesTest, AFileThatChangedSinceIsLeftAlone) {
  std::string File = write("a.c", "alloc(1);\n");
  Report R;
  R.Findings = {fixAt(File, 6, "0", "SZ_4G")};
  llvm::StringSet<> Analysed;
  Analysed.insert(File);
  FixOutcome Out = applyFixes(R, Root, Analysed);
  EXPECT_EQ(Out.Applied, 0u);
  ASSERT_EQ(Out.Problems.size(), 1u);
  EXPECT_TRUE(Out.Problems[0].IsError);
  EXPECT_EQ(Out.Problems[0].Message, "fix for [rule-a] not applied: the file changed since it was analysed");
  EXPECT_EQ(read(File), "alloc(1);\n");
}

TEST_F(ReportFixesTest, OnlyFilesTheRunAnalysedUnderTheRoot) {
  std::string File = write("a.c", "alloc(0);\n");
  Report R;
  R.Findings = {fixAt(File, 6, "0", "SZ_4G")};
  FixOutcome NotAnalysed = applyFixes(R, Root, llvm::StringSet<>());
  ASSERT_EQ(NotAnalysed.Problems.size(), 1u);
  EXPECT_EQ(NotAnalysed.Problems[0].Message,
            "fix for [rule-a] not applied: the file was not part of this run's analysis");
  llvm::StringSet<> Analysed;
  Analysed.insert(File);
  FixOutcome Outside = applyFixes(R, "/nonexistent-root", Analysed);
  ASSERT_EQ(Outside.Problems.size(), 1u);
  EXPECT_FALSE(Outside.Problems[0].IsError);
  EXPECT_EQ(read(File), "alloc(0);\n");
}

TEST_F(ReportFixesTest, ReadOnlyFilesAreErrorsAndStayIntact) {
  std::string File = write("a.c", "alloc(0);\n");
  ASSERT_FALSE(llvm::sys::fs::setPermissions(File, llvm::sys::fs::all_read));
  Report R;
  R.Findings = {fixAt(File, 6, "0", "SZ_4G")};
  llvm::StringSet<> Analysed;
  Analysed.insert(File);
  FixOutcome Out = applyFixes(R, Root, Analysed);
  ASSERT_EQ(Out.Problems.size(), 1u);
  EXPECT_TRUE(Out.Problems[0].IsError);
  EXPECT_EQ(Out.Problems[0].Message, "fix for [rule-a] not applied: the file is read-only");
  EXPECT_EQ(read(File), "alloc(0);\n");
}

TEST_F(ReportFixesTest, OverlappingFixesConflictAndNeitherApplies) {
  std::string File = write("a.c", "alloc(0, 1);\n");
  Report R;
  R.Findings = {fixAt(File, 6, "0", "SZ_4G"), fixAt(File, 6, "0", "SZ_8G", "rule-b"),
                fixAt(File, 9, "1", "2", "rule-c")};
  llvm::StringSet<> Analysed;
  Analysed.insert(File);
  FixOutcome Out = applyFixes(R, Root, Analysed);
  EXPECT_EQ(Out.Applied, 1u);
  ASSERT_EQ(Out.Problems.size(), 2u);
  EXPECT_EQ(Out.Problems[0].Message, "fix for [rule-a] not applied: it conflicts with another fix of the same text");
  EXPECT_FALSE(Out.Problems[0].IsError);
  EXPECT_EQ(read(File), "alloc(0, 2);\n");
}

TEST_F(ReportFixesTest, KeepsPermissions) {
  std::string File = write("a.c", "alloc(0);\n");
  auto Mode = static_cast<llvm::sys::fs::perms>(0640);
  ASSERT_FALSE(llvm::sys::fs::setPermissions(File, Mode));
  Report R;
  R.Findings = {fixAt(File, 6, "0", "SZ_4G")};
  llvm::StringSet<> Analysed;
  Analysed.insert(File);
  EXPECT_EQ(applyFixes(R, Root, Analysed).Applied, 1u);
  llvm::sys::fs::file_status Status;
  ASSERT_FALSE(llvm::sys::fs::status(File, Status));
  EXPECT_EQ(Status.permissions(), Mode);
}

TEST_F(ReportFixesTest, AtomicWriteLeavesTheOldFileOnFailure) {
  std::string File = write("report.json", "old contents\n");
  llvm::Error E = writeFileAtomically(File, [](llvm::raw_ostream &OS) {
    OS << "half a report";
    return llvm::createStringError(std::errc::io_error, "the writer failed");
  });
  EXPECT_EQ(llvm::toString(std::move(E)), "the writer failed");
  EXPECT_EQ(read(File), "old contents\n");
  // No temporary file is left behind.
  std::error_code EC;
  unsigned Entries = 0;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC))
    ++Entries;
  EXPECT_EQ(Entries, 1u);

  EXPECT_FALSE(static_cast<bool>(writeFileAtomically(File, [](llvm::raw_ostream &OS) {
    OS << "new contents\n";
    return llvm::Error::success();
  })));
  EXPECT_EQ(read(File), "new contents\n");
}

TEST_F(ReportFixesTest, AtomicWriteIntoAMissingDirectoryIsAnError) {
  std::string Path = Root + "/missing/report.json";
  llvm::Error E = writeFileAtomically(Path, [](llvm::raw_ostream &OS) { return llvm::Error::success(); });
  EXPECT_EQ(llvm::toString(std::move(E)), "cannot write " + Path + ": No such file or directory");
  EXPECT_FALSE(llvm::sys::fs::exists(Root + "/missing"));
}

TEST_F(ReportFixesTest, ExportsClangApplyReplacementsYAML) {
  Report R;
  R.Findings = {fixAt("/src/a.c", 6, "0", "SZ_4G"), fixAt("/src/a.c", 6, "0", "SZ_4G")};
  R.Findings[0].TranslationUnit = "/src/a.c";
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  writeReplacementsYAML(R, OS);
  EXPECT_EQ(OS.str(), "---\n"
                      "MainSourceFile:  '/src/a.c'\n"
                      "Replacements:\n"
                      "  - FilePath:        '/src/a.c'\n"
                      "    Offset:          6\n"
                      "    Length:          1\n"
                      "    ReplacementText: SZ_4G\n"
                      "...\n");
}

} // namespace
