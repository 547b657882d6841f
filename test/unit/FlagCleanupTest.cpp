// The allow-list of what a compile database may pass to clang: what changes how a unit parses stays, in order;
// what could write, load or pass anything on goes, each with its values, and is listed.
#include "tooling/FlagCleanup.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <string>
#include <vector>

using namespace mmio;

namespace {

CleanedCommand clean(std::vector<std::string> Args) {
  FlagCleanupOptions Options; // no resource dir: the command as the database has it, plus what is always added
  return cleanCommandLine(std::move(Args), Options);
}

bool has(const std::vector<std::string> &V, const std::string &S) {
  return std::find(V.begin(), V.end(), S) != V.end();
}

std::vector<std::string> joined(std::vector<std::string> A, const std::vector<std::string> &B,
                                std::vector<std::string> C) {
  A.insert(A.end(), B.begin(), B.end());
  A.insert(A.end(), C.begin(), C.end());
  return A;
}

TEST(FlagCleanupTest, KeepsWhatChangesParsing) {
  const std::vector<std::string> Parsing = {"-nostdinc",
                                            "-isystem",
                                            "/inc",
                                            "-I",
                                            "dir",
                                            "-Idir2",
                                            "-include",
                                            "k.h",
                                            "-DX=1",
                                            "-UY",
                                            "-std=gnu11",
                                            "-O2",
                                            "-g",
                                            "-Wall",
                                            "-Werror=vla",
                                            "-fno-strict-aliasing",
                                            "-funsigned-char",
                                            "-fshort-wchar",
                                            "-mno-sse",
                                            "-mcmodel=kernel",
                                            "-fmacro-prefix-map=a=b",
                                            "-c",
                                            "a.c"};
  CleanedCommand C = clean(joined({"gcc", "--target=x86_64-linux-gnu"}, Parsing, {"-o", "a.o"}));
  for (const std::string &Kept : Parsing)
    EXPECT_TRUE(has(C.Args, Kept)) << Kept;
  EXPECT_TRUE(has(C.Args, "-fsyntax-only"));
  EXPECT_FALSE(has(C.Args, "-o"));
  EXPECT_FALSE(has(C.Args, "a.o"));
  // The values of a separate option stay next to it.
  auto I = std::find(C.Args.begin(), C.Args.end(), "-isystem");
  ASSERT_NE(I, C.Args.end());
  EXPECT_EQ(*(I + 1), "/inc");
}

TEST(FlagCleanupTest, DropsWhatWritesLoadsOrPassesOn) {
  const std::vector<std::string> Hostile = {"--serialize-diagnostics",
                                            "/victim",
                                            "-Xclang",
                                            "-stats-file=/v2",
                                            "-mllvm",
                                            "-stats",
                                            "-MD",
                                            "-MF",
                                            "/v3",
                                            "-dependency-file",
                                            "/v4",
                                            "-Wp,-MD,/v5",
                                            "-Wa,-x",
                                            "-fmodules-cache-path=/v6",
                                            "-fpass-plugin=/v7.so",
                                            "-ftime-trace",
                                            "-save-temps",
                                            "--config=/v8.cfg",
                                            "-B/v9",
                                            "-emit-ast"};
  CleanedCommand C = clean(joined({"clang"}, Hostile, {"-c", "a.c"}));
  for (const std::string &Gone : Hostile)
    EXPECT_FALSE(has(C.Args, Gone)) << Gone;
  EXPECT_TRUE(has(C.Args, "a.c"));
  EXPECT_TRUE(has(C.Dropped, "--serialize-diagnostics /victim"));
  EXPECT_TRUE(has(C.Dropped, "-Xclang -stats-file=/v2"));
  EXPECT_TRUE(has(C.Dropped, "-mllvm -stats"));
  EXPECT_TRUE(has(C.Dropped, "-MF /v3"));
}

TEST(FlagCleanupTest, AnOptionWithoutItsValueGoes) {
  CleanedCommand C = clean({"clang", "-c", "a.c", "--serialize-diagnostics"});
  EXPECT_FALSE(has(C.Args, "--serialize-diagnostics"));
  EXPECT_TRUE(has(C.Args, "a.c"));
}

TEST(FlagCleanupTest, WhatTheUserAddsIsNotFiltered) {
  FlagCleanupOptions Options;
  Options.ExtraArgs = {"-Xclang", "-fno-color-diagnostics"};
  CleanedCommand C = cleanCommandLine({"clang", "-c", "a.c"}, Options);
  EXPECT_TRUE(has(C.Args, "-Xclang"));
  EXPECT_TRUE(has(C.Args, "-fno-color-diagnostics"));
}

} // namespace
