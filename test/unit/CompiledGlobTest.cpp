// Unit tests of the globs of `applies-to`, compiled once at load: matching, the text they keep, copies that outlive
// the original, and the path rule of `file:` (the whole path or any part after a '/').
#include "rules/CompiledGlob.h"
#include "check/Selector.h"
#include "rules/RulesetLoader.h"

#include "llvm/Support/Error.h"

#include "gtest/gtest.h"

#include <string>
#include <vector>

using namespace mmio;
using llvm::StringRef;

namespace {

CompiledGlob compile(StringRef Text) {
  llvm::Expected<CompiledGlob> G = CompiledGlob::create(Text);
  if (!G) {
    ADD_FAILURE() << llvm::toString(G.takeError());
    return *CompiledGlob::create("");
  }
  return std::move(*G);
}

TEST(CompiledGlobTest, Matches) {
  CompiledGlob G = compile("hv_pci_*");
  EXPECT_EQ(G.text(), "hv_pci_*");
  EXPECT_TRUE(G.match("hv_pci_probe"));
  EXPECT_TRUE(G.match("hv_pci_"));
  EXPECT_FALSE(G.match("hv_pc"));
  EXPECT_FALSE(G.match("xhv_pci_probe"));
  EXPECT_TRUE(compile("exact").match("exact"));
  EXPECT_FALSE(compile("exact").match("exactly"));
  EXPECT_TRUE(compile("hv_[a-c]?").match("hv_bx"));
  EXPECT_FALSE(compile("hv_[a-c]?").match("hv_dx"));
  // No brace expansion, as before: braces are literal.
  EXPECT_TRUE(compile("f{a,b}").match("f{a,b}"));
  EXPECT_FALSE(compile("f{a,b}").match("fa"));
}

TEST(CompiledGlobTest, Errors) {
  llvm::Expected<CompiledGlob> G = CompiledGlob::create("hv_[a-");
  ASSERT_FALSE(bool(G));
  EXPECT_EQ(llvm::toString(G.takeError()), "invalid glob pattern, unmatched '['");
}

// llvm::GlobPattern points into the text it was made from; short texts live inside std::string itself, so a copy
// that moved with its string would read freed or reused memory.
TEST(CompiledGlobTest, CopiesOutliveTheOriginal) {
  std::vector<CompiledGlob> Globs;
  {
    CompiledGlob Short = compile("ab*");
    CompiledGlob Long = compile("a_rather_long_prefix_that_is_not_inline*");
    Globs.push_back(Short);
    Globs.push_back(std::move(Long));
  }
  for (int I = 0; I < 100; ++I) // reallocations move the elements
    Globs.push_back(compile("x" + std::to_string(I) + "*"));
  EXPECT_TRUE(Globs[0].match("abc"));
  EXPECT_FALSE(Globs[0].match("xbc"));
  EXPECT_TRUE(Globs[1].match("a_rather_long_prefix_that_is_not_inline_x"));
  EXPECT_TRUE(Globs[101].match("x99z"));
  EXPECT_FALSE(Globs[101].match("x98z"));
}

TEST(CompiledGlobTest, LoadedRulesetCanBeCopied) {
  auto Load = [] {
    llvm::Expected<Ruleset> RS = parseRuleset(R"(version: 1
allocators: [{name: alloc, params: {min: 0, max: 1}}]
rules:
  - id: r
    message: m
    require: {min-at-least: 1}
    applies-to: [{function: "hv_*", file: ["drivers/pci/*.c", "*.h"]}]
)",
                                              "test.yaml");
    if (!RS) {
      ADD_FAILURE() << llvm::toString(RS.takeError());
      return Ruleset();
    }
    return std::move(*RS);
  };
  Ruleset Copy;
  {
    Ruleset Original = Load();
    Copy = Original;
  }
  ASSERT_EQ(Copy.Rules.size(), 1u);
  const CallSelector &S = Copy.Rules[0].AppliesTo.at(0);
  ASSERT_EQ(S.Functions.size(), 1u);
  EXPECT_EQ(S.Functions[0].text(), "hv_*");
  EXPECT_TRUE(S.Functions[0].match("hv_probe"));
  EXPECT_FALSE(S.Functions[0].match("probe"));
  ASSERT_EQ(S.Files.size(), 2u);
  EXPECT_EQ(S.Files[0].text(), "drivers/pci/*.c");
  EXPECT_EQ(S.Files[1].text(), "*.h");
}

TEST(CompiledGlobTest, PathMatchesWholePathOrAnyPartAfterASlash) {
  CompiledGlob Pci = compile("drivers/pci/*.c");
  EXPECT_TRUE(pathMatches(Pci, "drivers/pci/x.c"));
  EXPECT_TRUE(pathMatches(Pci, "/src/linux/drivers/pci/x.c"));
  EXPECT_TRUE(pathMatches(Pci, "linux/drivers/pci/x.c"));
  EXPECT_FALSE(pathMatches(Pci, "/src/linux/drivers/pcie/x.c"));
  EXPECT_FALSE(pathMatches(Pci, "/src/linux/xdrivers/pci/x.c"));
  // `*` crosses '/' in llvm::GlobPattern, as it did when the checker compiled globs at every call.
  EXPECT_TRUE(pathMatches(Pci, "/src/drivers/pci/host/x.c"));
  CompiledGlob Name = compile("x.c");
  EXPECT_TRUE(pathMatches(Name, "/a/b/x.c"));
  EXPECT_FALSE(pathMatches(Name, "/a/b/yx.c"));
  EXPECT_TRUE(pathMatches(compile("/abs/*.c"), "/abs/y.c"));
  EXPECT_FALSE(pathMatches(compile("/abs/*.c"), "/src/abs/y.c"));
  EXPECT_TRUE(pathMatches(compile("*"), ""));
}

} // namespace
