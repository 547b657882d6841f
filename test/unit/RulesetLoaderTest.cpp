// Unit tests of the ruleset loader: the shipped ruleset, the schema's features, and every class of error with its
// exact message and line:column.
#include "rules/RulesetLoader.h"
#include "rules/Ruleset.h"
#include "rules/RulesetError.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <string>

using namespace mmio;
using llvm::Expected;
using llvm::StringRef;

namespace {

/// Lines 1-7 of most test inputs; the rules a test appends start on line 8.
constexpr const char *Header = R"(version: 1
constants: {SZ_4G: 0x100000000}
ranges: [{name: fb, start: 0xf8000000, size: 0x8000000}]
allocators:
  - name: alloc
    params: {destination: 0, min: 1, max: 2, size: 3, align: 4, fb_overlap_ok: 5}
rules:
)";

std::string withRules(StringRef Rules) { return std::string(Header) + Rules.str(); }

/// A rule that is valid on its own, for tests that need a second one. Three lines.
constexpr const char *OkRule = R"(  - id: ok
    message: m
    require: {min-at-least: 1}
)";

/// "LINE:COL: MESSAGE" of the error parsing Text, or "no error"; the file name is checked here once for all.
std::string errorOf(StringRef Text) {
  Expected<Ruleset> RS = parseRuleset(Text, "test.yaml");
  if (RS)
    return "no error";
  std::string Out;
  llvm::handleAllErrors(
      RS.takeError(),
      [&](const RulesetError &E) {
        EXPECT_EQ(E.location().File, "test.yaml");
        Out = (llvm::Twine(E.location().Line) + ":" + llvm::Twine(E.location().Column) + ": " + E.text()).str();
      },
      [&](const llvm::ErrorInfoBase &E) { Out = "not a RulesetError: " + E.message(); });
  return Out;
}

std::string errorInRules(StringRef Rules) { return errorOf(withRules(Rules)); }

/// Text with the line that starts with Prefix replaced by Replacement (which may span several lines).
std::string replaceLine(std::string Text, StringRef Prefix, StringRef Replacement) {
  size_t Begin = Text.find(Prefix.str());
  size_t End = Text.find('\n', Begin);
  return Text.replace(Begin, End - Begin, Replacement.str());
}

/// Parses Text, failing the test (with the error) when it does not load.
Ruleset parseOk(StringRef Text) {
  Expected<Ruleset> RS = parseRuleset(Text, "test.yaml");
  if (!RS) {
    ADD_FAILURE() << llvm::toString(RS.takeError());
    return Ruleset();
  }
  return std::move(*RS);
}

/// The value of constant X in a ruleset that defines only X, as Text spells it.
std::string constantValue(StringRef Text) {
  Expected<Ruleset> RS =
      parseRuleset(replaceLine(withRules(OkRule), "constants:", ("constants: {X: " + Text + "}").str()), "test.yaml");
  if (!RS)
    return llvm::toString(RS.takeError());
  return std::to_string(RS->Constants.at("X"));
}

//===----------------------------------------------------------------------===//
// The shipped ruleset and a complete one
//===----------------------------------------------------------------------===//

TEST(RulesetLoaderTest, BuiltinRulesetLoads) {
  Expected<Ruleset> RS = loadBuiltinRuleset();
  ASSERT_TRUE(static_cast<bool>(RS)) << llvm::toString(RS.takeError());
  EXPECT_EQ(RS->Source, BuiltinRulesetName);
  EXPECT_EQ(RS->Version, 1u);
  EXPECT_EQ(RS->Constants.at("SZ_4G"), 0x100000000u);

  const AllocatorSpec *A = RS->findAllocator("vmbus_allocate_mmio");
  ASSERT_NE(A, nullptr);
  EXPECT_EQ(RS->Allocators.size(), 1u);
  EXPECT_EQ(A->paramFor(Role::Destination), 0u);
  EXPECT_EQ(A->paramFor(Role::Min), 2u);
  EXPECT_EQ(A->paramFor(Role::Max), 3u);
  EXPECT_EQ(A->paramFor(Role::Size), 4u);
  EXPECT_EQ(A->paramFor(Role::Align), 5u);
  EXPECT_EQ(A->paramFor(Role::FbOverlapOk), 6u);
  EXPECT_EQ(A->Where.File, BuiltinRulesetName);
  EXPECT_NE(A->Where.Line, 0u);

  // The ids other tools and suppressions refer to; more rules may follow them.
  ASSERT_GE(RS->Rules.size(), 2u);
  EXPECT_EQ(RS->Rules[0].Id, "hyperv-config-window-below-4g");
  EXPECT_EQ(RS->Rules[1].Id, "hyperv-config-window-fb-overlap");

  const Rule *Below4G = RS->findRule("hyperv-config-window-below-4g");
  ASSERT_NE(Below4G, nullptr);
  EXPECT_EQ(Below4G->Require.MinAtLeast, 0x100000000u);
  ASSERT_TRUE(Below4G->FixIt.has_value());
  EXPECT_EQ(Below4G->FixIt->Target, Role::Min);
  EXPECT_EQ(Below4G->FixIt->Replacement, "SZ_4G");
  ASSERT_EQ(Below4G->AppliesTo.size(), 2u);
  EXPECT_EQ(Below4G->AppliesTo[0].DestinationFields, std::vector<std::string>{"mem_config"});
  EXPECT_EQ(Below4G->AppliesTo[1].SizeMacros, std::vector<std::string>{"PCI_CONFIG_MMIO_LENGTH"});

  const Rule *FbOverlap = RS->findRule("hyperv-config-window-fb-overlap");
  ASSERT_NE(FbOverlap, nullptr);
  EXPECT_EQ(FbOverlap->Require.NoOverlap, std::vector<std::string>{"hyperv-framebuffer"});
  EXPECT_EQ(FbOverlap->ImpliedBy, std::vector<std::string>{"hyperv-config-window-below-4g"});

  // Silencing the overlap rule where the below-4g rule fires is sound only if satisfying the latter (min >= 4GB)
  // keeps the window clear of the framebuffer range.
  const NamedRange *Fb = RS->findRange("hyperv-framebuffer");
  ASSERT_NE(Fb, nullptr);
  EXPECT_LE(Fb->Start, Fb->End);
  EXPECT_LT(Fb->End, *Below4G->Require.MinAtLeast);
}

TEST(RulesetLoaderTest, EveryKeyIsRead) {
  Ruleset RS = parseOk(withRules(R"(  - id: full-rule
    severity: error
    message: "{allocator} in {function}: {min}..{max} {size} {align} {fb_overlap_ok} {destination} {range} [{rule}]"
    description: longer help
    applies-to:
      - allocator: alloc
        destination-field: [mem_config, mem_low]
        size-macro: CFG_LEN
        size-value: [0x2000, SZ_4G]
        function: "hv_pci_*"
        file: "drivers/pci/*.c"
      - size-value: 4096
    require:
      min-at-least: SZ_4G
      max-at-most: 0xffffffffff
      no-overlap: fb
      fb-overlap-ok: false
      window-fits-size: true
    fixit: {role: min, replacement: SZ_4G}
    on-unknown: report
)"));
  ASSERT_EQ(RS.Rules.size(), 1u);
  const Rule &R = RS.Rules[0];
  EXPECT_EQ(R.Level, Severity::Error);
  EXPECT_EQ(R.Description, "longer help");
  EXPECT_EQ(R.Where.Line, 8u);
  EXPECT_EQ(R.Where.Column, 5u);
  ASSERT_EQ(R.AppliesTo.size(), 2u);
  const CallSelector &S = R.AppliesTo[0];
  EXPECT_EQ(S.Allocators, std::vector<std::string>{"alloc"});
  EXPECT_EQ(S.DestinationFields, (std::vector<std::string>{"mem_config", "mem_low"}));
  EXPECT_EQ(S.SizeMacros, std::vector<std::string>{"CFG_LEN"});
  EXPECT_EQ(S.SizeValues, (std::vector<uint64_t>{0x2000, 0x100000000}));
  ASSERT_EQ(S.Functions.size(), 1u);
  EXPECT_EQ(S.Functions[0].text(), "hv_pci_*");
  ASSERT_EQ(S.Files.size(), 1u);
  EXPECT_EQ(S.Files[0].text(), "drivers/pci/*.c");
  EXPECT_EQ(R.AppliesTo[1].SizeValues, std::vector<uint64_t>{4096});
  EXPECT_TRUE(R.AppliesTo[1].Allocators.empty());
  EXPECT_EQ(R.Require.MinAtLeast, 0x100000000u);
  EXPECT_EQ(R.Require.MaxAtMost, 0xffffffffffu);
  EXPECT_EQ(R.Require.NoOverlap, std::vector<std::string>{"fb"});
  EXPECT_EQ(R.Require.FbOverlapOk, false);
  EXPECT_TRUE(R.Require.WindowFitsSize);
  ASSERT_TRUE(R.FixIt.has_value());
  EXPECT_EQ(R.FixIt->Target, Role::Min);
  EXPECT_EQ(R.OnUnknown, UnknownPolicy::Report);

  ASSERT_EQ(RS.Ranges.size(), 1u);
  EXPECT_EQ(RS.Ranges[0].Start, 0xf8000000u);
  EXPECT_EQ(RS.Ranges[0].End, 0xffffffffu);
  EXPECT_EQ(RS.Ranges[0].Where.Line, 3u);
  EXPECT_EQ(RS.Ranges[0].Where.Column, 10u);
  EXPECT_EQ(RS.Allocators[0].Where.Line, 5u);
  EXPECT_EQ(RS.Allocators[0].Where.Column, 5u);
  EXPECT_EQ(RS.Source, "test.yaml");
}

TEST(RulesetLoaderTest, Defaults) {
  Ruleset RS = parseOk(withRules(OkRule));
  const Rule &R = RS.Rules[0];
  EXPECT_EQ(R.Level, Severity::Warning);
  EXPECT_EQ(R.OnUnknown, UnknownPolicy::Ignore);
  EXPECT_TRUE(R.AppliesTo.empty());
  EXPECT_TRUE(R.ImpliedBy.empty());
  EXPECT_FALSE(R.FixIt.has_value());
  EXPECT_FALSE(R.Require.WindowFitsSize);
  EXPECT_FALSE(R.Require.FbOverlapOk.has_value());
  EXPECT_FALSE(R.Require.MaxAtMost.has_value());
}

TEST(RulesetLoaderTest, OnUnknown) {
  auto Policy = [](const char *Value) {
    return parseOk(withRules(std::string(OkRule) + "    on-unknown: " + Value + "\n")).Rules[0].OnUnknown;
  };
  EXPECT_EQ(Policy("ignore"), UnknownPolicy::Ignore);
  EXPECT_EQ(Policy("report"), UnknownPolicy::Report);
  EXPECT_EQ(Policy("never"), UnknownPolicy::Never);
  EXPECT_EQ(errorInRules(std::string(OkRule) + "    on-unknown: warn\n"),
            "11:17: expected 'ignore', 'report' or 'never' for 'on-unknown', found 'warn'");
}

TEST(RulesetLoaderTest, TopLevelKeysInAnyOrder) {
  Ruleset RS = parseOk(R"(rules:
  - id: r
    message: m
    require: {no-overlap: low, min-at-least: LOW_END}
allocators: [{name: a, params: {min: 0, max: 1}}]
ranges: [{name: low, start: 0, end: LOW_END}]
constants: {LOW_END: 0xfffff}
version: 1
)");
  EXPECT_EQ(RS.Ranges.at(0).End, 0xfffffu);
  EXPECT_EQ(RS.Rules.at(0).Require.MinAtLeast, 0xfffffu);
}

//===----------------------------------------------------------------------===//
// Numbers and constants
//===----------------------------------------------------------------------===//

TEST(RulesetLoaderTest, NumberFormats) {
  EXPECT_EQ(constantValue("0"), "0");
  EXPECT_EQ(constantValue("4096"), "4096");
  EXPECT_EQ(constantValue("1_000_000"), "1000000");
  EXPECT_EQ(constantValue("0x1F"), "31");
  EXPECT_EQ(constantValue("0XfF"), "255");
  EXPECT_EQ(constantValue("0xffff_ffff"), "4294967295");
  EXPECT_EQ(constantValue("0o17"), "15");
  EXPECT_EQ(constantValue("017"), "15");
  EXPECT_EQ(constantValue("00"), "0");
  EXPECT_EQ(constantValue("0b1010"), "10");
  EXPECT_EQ(constantValue("0B1111_0000"), "240");
  EXPECT_EQ(constantValue("18446744073709551615"), "18446744073709551615");
  EXPECT_EQ(constantValue("0xffff_ffff_ffff_ffff"), "18446744073709551615");
  EXPECT_EQ(constantValue("'0x10'"), "16"); // a quoted number is still a number
}

TEST(RulesetLoaderTest, NumberErrors) {
  // The value of X sits at line 2, column 16 ("constants: {X: ").
  EXPECT_EQ(constantValue("18446744073709551616"),
            "test.yaml:2:16: error: number '18446744073709551616' does not fit in 64 bits");
  EXPECT_EQ(constantValue("0x1_0000_0000_0000_0000"),
            "test.yaml:2:16: error: number '0x1_0000_0000_0000_0000' does not fit in 64 bits");
  EXPECT_EQ(constantValue("-1"), "test.yaml:2:16: error: negative number '-1'");
  EXPECT_EQ(constantValue("-0x10"), "test.yaml:2:16: error: negative number '-0x10'");
  EXPECT_EQ(constantValue("1.5"), "test.yaml:2:16: error: expected a number for 'X', found '1.5'");
  EXPECT_EQ(constantValue("1e3"), "test.yaml:2:16: error: expected a number for 'X', found '1e3'");
  EXPECT_EQ(constantValue("0x"), "test.yaml:2:16: error: expected a number for 'X', found '0x'");
  EXPECT_EQ(constantValue("0b102"), "test.yaml:2:16: error: expected a number for 'X', found '0b102'");
  EXPECT_EQ(constantValue("1__0"), "test.yaml:2:16: error: expected a number for 'X', found '1__0'");
  EXPECT_EQ(constantValue("10_"), "test.yaml:2:16: error: expected a number for 'X', found '10_'");
  EXPECT_EQ(constantValue("+1"), "test.yaml:2:16: error: expected a number for 'X', found '+1'");
  EXPECT_EQ(constantValue("08"),
            "test.yaml:2:16: error: expected a number for 'X', found '08' (a leading 0 makes it octal)");
  EXPECT_EQ(constantValue("[1]"), "test.yaml:2:16: error: expected a number for 'X', found a sequence");
  EXPECT_EQ(constantValue("true"), "test.yaml:2:16: error: undefined constant 'true'");
  // An empty value points at its key: yaml-cpp would place it at the next token.
  EXPECT_EQ(constantValue(""), "test.yaml:2:13: error: expected a number for 'X', found null");
}

TEST(RulesetLoaderTest, ConstantReferences) {
  Ruleset RS = parseOk(R"(version: 1
constants:
  BASE: 0x1000
  ALIAS: BASE
  TOP: 0xffff
  IDX: 3
ranges:
  - {name: low, start: BASE, end: TOP}
allocators:
  - name: a
    params: {min: 0, max: IDX}
rules:
  - id: r
    message: m
    applies-to: [{size-value: [BASE, 1]}]
    require: {min-at-least: ALIAS, max-at-most: TOP}
)");
  EXPECT_EQ(RS.Constants.at("ALIAS"), 0x1000u);
  EXPECT_EQ(RS.Ranges.at(0).Start, 0x1000u);
  EXPECT_EQ(RS.Ranges.at(0).End, 0xffffu);
  EXPECT_EQ(RS.Allocators.at(0).paramFor(Role::Max), 3u);
  EXPECT_EQ(RS.Rules.at(0).AppliesTo.at(0).SizeValues, (std::vector<uint64_t>{0x1000, 1}));
  EXPECT_EQ(RS.Rules.at(0).Require.MinAtLeast, 0x1000u);
}

TEST(RulesetLoaderTest, ConstantErrors) {
  EXPECT_EQ(errorInRules(R"(  - id: r
    message: m
    require: {min-at-least: SZ_8G}
)"),
            "10:29: undefined constant 'SZ_8G'");
  // A constant can use only those above it, so definitions never loop.
  auto ConstantsError = [](StringRef Constants) {
    return errorOf(replaceLine(withRules(OkRule), "constants:", Constants));
  };
  EXPECT_EQ(ConstantsError("constants:\n  A: B\n  B: 1"), "3:6: undefined constant 'B'");
  EXPECT_EQ(ConstantsError("constants: {A: A}"), "2:16: undefined constant 'A'");
  EXPECT_EQ(ConstantsError("constants: {SZ-4G: 1}"), "2:13: invalid constant name 'SZ-4G' (expected a C identifier)");
  EXPECT_EQ(ConstantsError("constants: [A]"), "2:12: expected a mapping for 'constants', found a sequence");
  EXPECT_EQ(ConstantsError("constants: {A: 1, A: 2}"),
            "2:19: duplicate key 'A' in 'constants' (first given at test.yaml:2:13)");
}

//===----------------------------------------------------------------------===//
// Documents, versions and top-level keys
//===----------------------------------------------------------------------===//

TEST(RulesetLoaderTest, EmptyOrNotAMapping) {
  EXPECT_EQ(errorOf(""), "1:1: ruleset is empty");
  EXPECT_EQ(errorOf("# nothing but a comment\n"), "1:1: ruleset is empty");
  EXPECT_EQ(errorOf("~\n"), "1:1: expected a mapping at the top of the ruleset, found null");
  EXPECT_EQ(errorOf("- version: 1\n"), "1:1: expected a mapping at the top of the ruleset, found a sequence");
  EXPECT_EQ(errorOf("\n\nhello\n"), "3:1: expected a mapping at the top of the ruleset, found 'hello'");
  EXPECT_EQ(errorOf(withRules(OkRule) + "---\nversion: 1\n"), "11:1: ruleset must be a single YAML document");
}

TEST(RulesetLoaderTest, Version) {
  EXPECT_EQ(errorOf("allocators: []\n"), "1:1: missing required key 'version' in ruleset");
  EXPECT_EQ(errorOf("version: 2\nnew-in-v2: {}\n"),
            "1:10: unsupported ruleset version 2 (this mmio-audit reads version 1)");
  EXPECT_EQ(errorOf("version: -1\n"), "1:10: unsupported ruleset version -1 (this mmio-audit reads version 1)");
  EXPECT_EQ(errorOf("version: 1.0\n"), "1:10: expected an integer for 'version', found '1.0'");
  EXPECT_EQ(errorOf("version: one\n"), "1:10: expected an integer for 'version', found 'one'");
  EXPECT_EQ(errorOf("version: [1]\n"), "1:10: expected an integer for 'version', found a sequence");
  EXPECT_EQ(errorOf("version: 0x1\nallocators: []\nrules: []\n"),
            "2:13: 'allocators' must list at least one allocator");
}

TEST(RulesetLoaderTest, TopLevelKeys) {
  EXPECT_EQ(errorOf(withRules(OkRule) + "extra: 1\n"),
            "11:1: unknown key 'extra' in ruleset (expected one of: version, constants, ranges, allocators, mitigations, rules)");
  EXPECT_EQ(errorOf("version: 1\nrules: []\n"), "1:1: missing required key 'allocators' in ruleset");
  EXPECT_EQ(errorOf("version: 1\nallocators: [{name: a, params: {min: 0, max: 1}}]\n"),
            "1:1: missing required key 'rules' in ruleset");
  EXPECT_EQ(errorOf("version: 1\nversion: 1\n"),
            "2:1: duplicate key 'version' in ruleset (first given at test.yaml:1:1)");
  EXPECT_EQ(errorOf("version: 1\n[a]: 1\n"), "2:1: expected a key name in ruleset, found a sequence");
  EXPECT_EQ(errorInRules(""), "7:1: expected a sequence for 'rules', found null");
  EXPECT_EQ(errorInRules("  []\n"), "8:3: 'rules' must list at least one rule");
}

TEST(RulesetLoaderTest, YamlSyntaxError) {
  EXPECT_EQ(errorOf("version: 1\n  bad: x\n"), "2:6: invalid YAML: illegal map value");
  EXPECT_EQ(errorOf("version: 1\nrules: [a, b]]\n"), "2:14: invalid YAML: illegal flow end");
}

TEST(RulesetLoaderTest, StrayCommaDoesNotHang) {
  // yaml-cpp 0.7 reports endless empty documents at a ',' outside a flow collection; LoadAll would exhaust memory.
  EXPECT_EQ(errorOf(","), "1:1: invalid YAML: ',' outside a flow collection");
  EXPECT_EQ(errorOf("- a\n, b\n"), "2:1: invalid YAML: ',' outside a flow collection");
  EXPECT_EQ(errorOf(withRules(OkRule) + "...\n,\n"), "12:1: invalid YAML: ',' outside a flow collection");
}

TEST(RulesetLoaderTest, DeepNesting) {
  std::string Deep = "version: 1\nrules: " + std::string(100000, '[');
  std::string Error = errorOf(Deep);
  EXPECT_EQ(Error.rfind("2:", 0), 0u) << Error;
  // The wording depends on whether yaml-cpp's DeepRecursion can be caught by type across its shared library
  // (it is not exported from Debian's build, so it arrives as a ParserException); either way it is a clean error.
  EXPECT_NE(Error.find("invalid YAML: nested "), std::string::npos) << Error;
}

TEST(RulesetLoaderTest, ControlCharacters) {
  EXPECT_EQ(errorOf(llvm::StringRef("version: 1\0\n", 12)), "1:11: ruleset contains control character 0x0");
  EXPECT_EQ(errorOf("version: 1\nrules: \x1b[0m\n"), "2:8: ruleset contains control character 0x1b");
  EXPECT_EQ(errorOf(withRules(OkRule) + "\t# tabs and CRLF line ends are fine\r\n"), "no error");
}

TEST(RulesetLoaderTest, InvalidUtf8) {
  EXPECT_EQ(errorOf("version: 1\nrules: \xc3\xa9t\xff\n"), "2:11: ruleset is not valid UTF-8 (byte 0xff)");
  EXPECT_EQ(errorOf("\xc0\x80"), "1:1: ruleset is not valid UTF-8 (byte 0xc0)");
}

TEST(RulesetLoaderTest, TooLargeInMemory) {
  std::string Big(1024 * 1024 + 1, ' ');
  EXPECT_EQ(errorOf(Big), "0:0: ruleset is too large (1048577 bytes, limit 1 MiB)");
}

TEST(RulesetLoaderTest, AliasBombIsCapped) {
  // A thousand clauses, each naming the same thousand sizes through an alias: a 12 KB file that would otherwise
  // have the loader walk and copy a million numbers per rule that reuses it.
  std::string Sizes = "[1";
  for (int I = 1; I < 1000; ++I)
    Sizes += ",1";
  Sizes += "]";
  std::string Clauses = "[{size-value: &s " + Sizes + "}";
  for (int I = 1; I < 1000; ++I)
    Clauses += ",{size-value: *s}";
  Clauses += "]";
  std::string Text =
      withRules("  - id: r\n    message: m\n    require: {min-at-least: 1}\n    applies-to: " + Clauses + "\n");
  std::string Error = errorOf(Text);
  EXPECT_NE(Error.find("11:"), std::string::npos) << Error;
  EXPECT_NE(Error.find("ruleset is too complex (more than 1000000 nodes once aliases are expanded)"), std::string::npos)
      << Error;
}

//===----------------------------------------------------------------------===//
// Ranges and allocators
//===----------------------------------------------------------------------===//

TEST(RulesetLoaderTest, RangeSizeAndEnd) {
  Ruleset RS = parseOk(replaceLine(
      withRules(OkRule),
      "ranges:", "ranges: [{name: a, start: 0x10, size: 0x10}, {name: b, start: 0xffffffffffffff00, size: 0x100}]"));
  ASSERT_EQ(RS.Ranges.size(), 2u);
  EXPECT_EQ(RS.Ranges[0].End, 0x1fu);
  EXPECT_EQ(RS.Ranges[1].End, 0xffffffffffffffffu);
}

std::string rangeError(StringRef Range) {
  return errorOf(replaceLine(withRules(OkRule), "ranges:", ("ranges:\n  - " + Range).str()));
}

TEST(RulesetLoaderTest, RangeErrors) {
  // The range mapping starts at line 4, column 5.
  EXPECT_EQ(rangeError("{name: r, start: 0}"), "4:5: range 'r' needs 'end' or 'size'");
  EXPECT_EQ(rangeError("{name: r, start: 0, end: 1, size: 2}"), "4:33: range 'r' has both 'end' and 'size' (give one)");
  EXPECT_EQ(rangeError("{name: r, start: 0, size: 0}"), "4:31: 'size' of range 'r' must be greater than 0");
  EXPECT_EQ(rangeError("{name: r, start: 0xffffffffffffff00, size: 0x101}"),
            "4:48: range 'r' does not fit in 64 bits (start 0xffffffffffffff00, size 0x101)");
  EXPECT_EQ(rangeError("{name: r, start: 2, end: 1}"), "4:30: range 'r' ends before it starts (start 0x2, end 0x1)");
  EXPECT_EQ(rangeError("{start: 0, end: 1}"), "4:5: missing required key 'name' in range");
  EXPECT_EQ(rangeError("{name: '', start: 0, end: 1}"), "4:12: 'name' must not be empty");
  EXPECT_EQ(rangeError("{name: r, start: 0, end: 1, colour: red}"),
            "4:33: unknown key 'colour' in range (expected one of: name, start, end, size, description)");
  EXPECT_EQ(rangeError("{name: r, start: 0, end: 1}\n  - {name: r, start: 2, end: 3}"),
            "5:12: duplicate range 'r' (first defined at test.yaml:4:5)");
  EXPECT_EQ(rangeError("r"), "4:5: expected a mapping for 'ranges', found 'r'");
}

std::string allocatorError(StringRef Allocators) {
  std::string Text = withRules(OkRule);
  size_t Begin = Text.find("allocators:"), End = Text.find("rules:");
  Text.replace(Begin, End - Begin, ("allocators:\n" + Allocators).str());
  return errorOf(Text);
}

TEST(RulesetLoaderTest, AllocatorErrors) {
  // Allocators start at line 5.
  EXPECT_EQ(allocatorError("  []\n"), "5:3: 'allocators' must list at least one allocator");
  EXPECT_EQ(allocatorError("  - {name: 'my-alloc', params: {min: 0, max: 1}}\n"),
            "5:12: invalid allocator name 'my-alloc' (expected a C identifier)");
  EXPECT_EQ(allocatorError("  - {name: a, params: {min: 0, max: 1}}\n  - {name: a, params: {min: 0, max: 1}}\n"),
            "6:12: duplicate allocator 'a' (first defined at test.yaml:5:5)");
  EXPECT_EQ(allocatorError("  - {name: a, params: {min: 0, max: 1, start: 2}}\n"),
            "5:40: unknown role 'start' in 'params' (expected one of: destination, min, max, size, align, "
            "fb_overlap_ok)");
  EXPECT_EQ(allocatorError("  - {name: a, params: {min: 0, max: 64}}\n"),
            "5:37: parameter index 64 out of range (0-63)");
  EXPECT_EQ(allocatorError("  - {name: a, params: {min: 0, max: 63}}\n"), "no error");
  EXPECT_EQ(allocatorError("  - {name: a, params: {min: 2, max: 2}}\n"),
            "5:37: parameter index 2 is given to both 'min' and 'max'");
  EXPECT_EQ(allocatorError("  - {name: a, params: {max: 1}}\n"), "5:23: missing required key 'min' in 'params'");
  EXPECT_EQ(allocatorError("  - {name: a, params: {min: 1}}\n"), "5:23: missing required key 'max' in 'params'");
  EXPECT_EQ(allocatorError("  - {name: a}\n"), "5:5: missing required key 'params' in allocator");
  EXPECT_EQ(allocatorError("  - {name: a, params: [0, 1]}\n"),
            "5:23: expected a mapping for 'params', found a sequence");
}

//===----------------------------------------------------------------------===//
// Rules
//===----------------------------------------------------------------------===//

TEST(RulesetLoaderTest, RuleKeys) {
  EXPECT_EQ(errorInRules(R"(  - id: r
    message: m
    require: {min-at-least: 1}
    colour: red
)"),
            "11:5: unknown key 'colour' in rule (expected one of: id, severity, message, description, applies-to, "
            "require, fixit, implied-by, mitigated-by, enabled, on-unknown)");
  EXPECT_EQ(errorInRules("  - id: r\n    require: {min-at-least: 1}\n"), "8:5: missing required key 'message' in rule");
  EXPECT_EQ(errorInRules("  - message: m\n    require: {min-at-least: 1}\n"), "8:5: missing required key 'id' in rule");
  EXPECT_EQ(errorInRules("  - id: r\n    message: m\n"), "8:5: missing required key 'require' in rule");
  EXPECT_EQ(errorInRules("  - id: r\n    id: s\n    message: m\n    require: {min-at-least: 1}\n"),
            "9:5: duplicate key 'id' in rule (first given at test.yaml:8:5)");
  EXPECT_EQ(errorInRules("  - just-a-string\n"), "8:5: expected a mapping for 'rules', found 'just-a-string'");
}

// With several problems the first reported is the schema's choice: a rule's keys in a fixed order (an id before
// the messages that may name it), `require` and `applies-to` clauses in the file's order.
TEST(RulesetLoaderTest, WhichOfSeveralProblemsIsReported) {
  EXPECT_EQ(errorInRules("  - severity: fatal\n    message: '{x}'\n    id: Bad\n    require: {min-at-least: 1}\n"),
            "10:9: invalid rule id 'Bad' (expected lowercase letters, digits and dashes)");
  EXPECT_EQ(errorInRules("  - require: {min-at-least: x}\n    message: '{x}'\n    id: r\n"),
            "9:14: unknown placeholder '{x}' in message (expected one of: {min}, {max}, {size}, {align}, "
            "{fb_overlap_ok}, {destination}, {range}, {allocator}, {function}, {rule})");
  // Keys are all checked before any value is read.
  EXPECT_EQ(errorInRules("  - id: Bad\n    message: m\n    require: {min-at-least: 1}\n    colour: red\n"),
            "11:5: unknown key 'colour' in rule (expected one of: id, severity, message, description, applies-to, "
            "require, fixit, implied-by, mitigated-by, enabled, on-unknown)");
  EXPECT_EQ(errorInRules("  - id: r\n    message: m\n    require: {no-overlap: x, min-at-least: y}\n"),
            "10:27: undefined range 'x'");
  EXPECT_EQ(errorInRules("  - id: r\n    message: m\n    require: {min-at-least: y, no-overlap: x}\n"),
            "10:29: undefined constant 'y'");
  EXPECT_EQ(errorInRules("  - id: r\n    message: m\n    require: {min-at-least: 1}\n"
                         "    applies-to: [{file: '[', allocator: nope}]\n"),
            "11:25: invalid glob '[' in 'file': unmatched '['");
  // A range's name is read before its bounds, which the messages about them name.
  EXPECT_EQ(errorOf(replaceLine(withRules(OkRule), "ranges:", "ranges: [{end: 1, start: 2, name: r}]")),
            "3:16: range 'r' ends before it starts (start 0x2, end 0x1)");
  // The version comes before every other check, so a newer ruleset says so rather than naming a new key.
  EXPECT_EQ(errorOf(replaceLine(withRules(OkRule), "version:", "new-key: 1\nversion: 2")),
            "2:10: unsupported ruleset version 2 (this mmio-audit reads version 1)");
}

TEST(RulesetLoaderTest, RuleIds) {
  EXPECT_EQ(errorInRules("  - id: Hyperv_Rule\n    message: m\n    require: {min-at-least: 1}\n"),
            "8:9: invalid rule id 'Hyperv_Rule' (expected lowercase letters, digits and dashes)");
  EXPECT_EQ(errorInRules("  - id: ''\n    message: m\n    require: {min-at-least: 1}\n"),
            "8:9: invalid rule id '' (expected lowercase letters, digits and dashes)");
  EXPECT_EQ(errorInRules(R"(  - id: same
    message: m
    require: {min-at-least: 1}
  - id: same
    message: m
    require: {min-at-least: 1}
)"),
            "11:9: duplicate rule id 'same' (first defined at test.yaml:8:5)");
}

TEST(RulesetLoaderTest, Severity) {
  EXPECT_EQ(parseOk(withRules(std::string(OkRule) + "    severity: error\n")).Rules[0].Level, Severity::Error);
  EXPECT_EQ(parseOk(withRules(std::string(OkRule) + "    severity: warning\n")).Rules[0].Level, Severity::Warning);
  EXPECT_EQ(errorInRules(std::string(OkRule) + "    severity: fatal\n"),
            "11:15: expected 'warning' or 'error' for 'severity', found 'fatal'");
}

TEST(RulesetLoaderTest, MessagePlaceholders) {
  auto MessageError = [](StringRef Message) {
    return errorInRules(("  - id: r\n    message: \"" + Message + "\"\n    require: {min-at-least: 1}\n").str());
  };
  EXPECT_EQ(MessageError("min = {min}, rule {rule}, {allocator} in {function}"), "no error");
  EXPECT_EQ(MessageError("min = {mni}"),
            "9:14: unknown placeholder '{mni}' in message (expected one of: {min}, {max}, {size}, {align}, "
            "{fb_overlap_ok}, {destination}, {range}, {allocator}, {function}, {rule})");
  EXPECT_EQ(MessageError("min = {min"), "9:14: unbalanced '{' in message");
  EXPECT_EQ(MessageError("min = {{min}}"), "9:14: unbalanced '{' in message");
  EXPECT_EQ(MessageError("min = min}"), "9:14: unbalanced '}' in message");
  EXPECT_EQ(MessageError("{}"), "9:14: unknown placeholder '{}' in message (expected one of: {min}, {max}, {size}, "
                                "{align}, {fb_overlap_ok}, {destination}, {range}, {allocator}, {function}, {rule})");
  EXPECT_EQ(MessageError(""), "9:14: 'message' must not be empty");
  EXPECT_EQ(errorInRules("  - id: r\n    message: [m]\n    require: {min-at-least: 1}\n"),
            "9:14: expected a string for 'message', found a sequence");
}

TEST(RulesetLoaderTest, AppliesTo) {
  auto AppliesToError = [](StringRef AppliesTo) {
    return errorInRules(
        ("  - id: r\n    message: m\n    require: {min-at-least: 1}\n    applies-to: " + AppliesTo + "\n").str());
  };
  // The value of applies-to starts at line 11, column 17.
  EXPECT_EQ(AppliesToError("[{}]"),
            "11:18: empty clause in 'applies-to' (expected at least one of: allocator, destination-field, "
            "size-macro, size-value, function, file)");
  EXPECT_EQ(AppliesToError("[]"),
            "11:17: 'applies-to' has no clauses (leave it out to apply the rule to every allocator call)");
  EXPECT_EQ(AppliesToError("{allocator: alloc}"), "11:17: expected a sequence for 'applies-to', found a mapping");
  EXPECT_EQ(AppliesToError("[{allocator: [alloc, other]}]"),
            "11:38: unknown allocator 'other' in 'applies-to' (not listed in 'allocators')");
  EXPECT_EQ(AppliesToError("[{allocator: alloc, callee: x}]"),
            "11:37: unknown key 'callee' in 'applies-to' clause (expected one of: allocator, destination-field, "
            "size-macro, size-value, function, file)");
  EXPECT_EQ(AppliesToError("[{size-macro: []}]"), "11:31: expected at least one value for 'size-macro'");
  EXPECT_EQ(AppliesToError("[{size-macro: [A, [B]]}]"), "11:35: expected a string for 'size-macro', found a sequence");
  EXPECT_EQ(AppliesToError("[{destination-field: ''}]"), "11:38: 'destination-field' must not be empty");
  EXPECT_EQ(AppliesToError("[{size-value: {a: 1}}]"),
            "11:31: expected a number or a sequence for 'size-value', found a mapping");
  EXPECT_EQ(AppliesToError("[{size-value: [1, -2]}]"), "11:35: negative number '-2'");
  EXPECT_EQ(AppliesToError("[{function: 'hv_*', file: ['*.c', '*.h']}]"), "no error");
}

TEST(RulesetLoaderTest, GlobErrors) {
  auto AppliesToError = [](StringRef AppliesTo) {
    return errorInRules(
        ("  - id: r\n    message: m\n    require: {min-at-least: 1}\n    applies-to: " + AppliesTo + "\n").str());
  };
  EXPECT_EQ(AppliesToError("[{function: 'hv_[a-'}]"), "11:29: invalid glob 'hv_[a-' in 'function': unmatched '['");
  EXPECT_EQ(AppliesToError("[{file: ['*.c', 'drivers/[]/x.c']}]"),
            "11:33: invalid glob 'drivers/[]/x.c' in 'file': unmatched '['");
  EXPECT_EQ(AppliesToError("[{file: 'trailing\\'}]"), "11:25: invalid glob 'trailing\\' in 'file': stray '\\'");
}

TEST(RulesetLoaderTest, Require) {
  auto RequireError = [](StringRef Require) {
    return errorInRules(("  - id: r\n    message: m\n    require: " + Require + "\n").str());
  };
  // The value of require starts at line 10, column 14.
  EXPECT_EQ(RequireError("[min-at-least]"), "10:14: expected a mapping for 'require', found a sequence");
  EXPECT_EQ(RequireError(""), "10:5: expected a mapping for 'require', found null");
  EXPECT_EQ(RequireError("{}"),
            "10:14: 'require' must state at least one requirement (expected one of: min-at-least, max-at-most, "
            "no-overlap, fb-overlap-ok, window-fits-size)");
  EXPECT_EQ(RequireError("{min-at-least: 1abc}"), "10:29: expected a number for 'min-at-least', found '1abc'");
  EXPECT_EQ(RequireError("{max-at-most: [1]}"), "10:28: expected a number for 'max-at-most', found a sequence");
  EXPECT_EQ(RequireError("{no-overlap: [fb, low]}"), "10:32: undefined range 'low'");
  EXPECT_EQ(RequireError("{no-overlap: fbb}"), "10:27: undefined range 'fbb'");
  EXPECT_EQ(RequireError("{fb-overlap-ok: yes}"), "10:30: expected true or false for 'fb-overlap-ok', found 'yes'");
  EXPECT_EQ(RequireError("{window-fits-size: 1}"), "10:33: expected true or false for 'window-fits-size', found '1'");
  EXPECT_EQ(RequireError("{min-at-least: 1, at-least: 2}"),
            "10:32: unknown key 'at-least' in 'require' (expected one of: min-at-least, max-at-most, no-overlap, "
            "fb-overlap-ok, window-fits-size)");
  Ruleset RS = parseOk(withRules("  - id: r\n    message: m\n    require: {fb-overlap-ok: true}\n"));
  EXPECT_EQ(RS.Rules[0].Require.FbOverlapOk, true);
}

TEST(RulesetLoaderTest, FixIt) {
  auto FixItError = [](StringRef FixIt) {
    return errorInRules(
        ("  - id: r\n    message: m\n    require: {min-at-least: 1}\n    fixit: " + FixIt + "\n").str());
  };
  // The value of fixit starts at line 11, column 12.
  EXPECT_EQ(FixItError("{role: destination, replacement: x}"),
            "11:19: a fix-it cannot replace the 'destination' argument (expected one of: min, max, size, align, "
            "fb_overlap_ok)");
  EXPECT_EQ(FixItError("{role: start, replacement: x}"),
            "11:19: unknown role 'start' in 'fixit' (expected one of: min, max, size, align, fb_overlap_ok)");
  EXPECT_EQ(FixItError("{role: min}"), "11:12: missing required key 'replacement' in 'fixit'");
  EXPECT_EQ(FixItError("{role: min, replacement: ''}"), "11:37: 'replacement' must not be empty");
  EXPECT_EQ(FixItError("{role: align, replacement: 'SZ_1M', why: x}"),
            "11:48: unknown key 'why' in 'fixit' (expected one of: role, replacement)");
  Ruleset RS = parseOk(withRules(std::string(OkRule) + "    fixit: {role: fb_overlap_ok, replacement: 'false'}\n"));
  EXPECT_EQ(RS.Rules[0].FixIt->Target, Role::FbOverlapOk);
  EXPECT_EQ(RS.Rules[0].FixIt->Replacement, "false");
}

TEST(RulesetLoaderTest, ImpliedByIsOrderIndependent) {
  Ruleset RS = parseOk(withRules(R"(  - id: later-rule-silenced
    message: m
    require: {max-at-most: 1}
    implied-by: [root-cause, other]
  - id: root-cause
    message: m
    require: {min-at-least: 1}
  - id: other
    message: m
    require: {min-at-least: 2}
    implied-by: root-cause
)"));
  EXPECT_EQ(RS.Rules[0].ImpliedBy, (std::vector<std::string>{"root-cause", "other"}));
  EXPECT_EQ(RS.Rules[2].ImpliedBy, std::vector<std::string>{"root-cause"});
}

TEST(RulesetLoaderTest, ImpliedByErrors) {
  EXPECT_EQ(errorInRules(std::string(OkRule) + "    implied-by: [missing]\n"),
            "11:18: undefined rule 'missing' in 'implied-by'");
  EXPECT_EQ(errorInRules(std::string(OkRule) + "    implied-by: ok\n"), "11:17: rule 'ok' cannot be implied by itself");
  EXPECT_EQ(errorInRules(std::string(OkRule) + "    implied-by: []\n"),
            "11:17: expected at least one value for 'implied-by'");
  EXPECT_EQ(errorInRules(R"(  - id: a
    message: m
    require: {min-at-least: 1}
    implied-by: b
  - id: b
    message: m
    require: {min-at-least: 1}
    implied-by: [c]
  - id: c
    message: m
    require: {min-at-least: 1}
    implied-by: [a]
)"),
            "11:17: 'implied-by' forms a cycle: 'a' is implied by 'b', which is implied by 'c', which is implied by "
            "'a'");
}

//===----------------------------------------------------------------------===//
// Files, errors, and the model's helpers
//===----------------------------------------------------------------------===//

class RulesetFileTest : public ::testing::Test {
protected:
  void SetUp() override { ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("mmio-ruleset-test", Dir)); }
  void TearDown() override { llvm::sys::fs::remove_directories(Dir); }

  std::string write(StringRef Name, StringRef Text) {
    llvm::SmallString<128> Path(Dir);
    llvm::sys::path::append(Path, Name);
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    EXPECT_FALSE(EC) << EC.message();
    OS << Text;
    return std::string(Path);
  }

  /// The error of loading Path, rendered as RulesetError::log does.
  static std::string loadError(StringRef Path) {
    Expected<Ruleset> RS = loadRulesetFile(Path);
    return RS ? "no error" : llvm::toString(RS.takeError());
  }

  llvm::SmallString<128> Dir;
};

TEST_F(RulesetFileTest, LoadsFile) {
  std::string Path = write("ok.yaml", withRules(OkRule));
  Expected<Ruleset> RS = loadRulesetFile(Path);
  ASSERT_TRUE(static_cast<bool>(RS)) << llvm::toString(RS.takeError());
  EXPECT_EQ(RS->Source, Path);
  EXPECT_EQ(RS->Rules[0].Where.File, Path);
}

TEST_F(RulesetFileTest, ErrorsNameTheFile) {
  std::string Path = write("bad.yaml", withRules("  - id: r\n    message: m\n    require: {no-overlap: nowhere}\n"));
  EXPECT_EQ(loadError(Path), Path + ":10:27: error: undefined range 'nowhere'");
}

TEST_F(RulesetFileTest, MissingFileAndDirectory) {
  std::string Missing = (Dir + "/missing.yaml").str();
  EXPECT_EQ(loadError(Missing), Missing + ": error: cannot read ruleset: no such file or directory");
  EXPECT_EQ(loadError(Dir), std::string(Dir) + ": error: cannot read ruleset: is a directory");
}

TEST_F(RulesetFileTest, TooLargeFile) {
  std::string Path = write("big.yaml", "");
  // Sparse: the loader must refuse the file from its size, without reading 17 MiB.
  int FD;
  ASSERT_FALSE(llvm::sys::fs::openFileForWrite(Path, FD));
  ASSERT_FALSE(llvm::sys::fs::resize_file(FD, 17 * 1024 * 1024));
  llvm::sys::fs::file_t File = llvm::sys::fs::convertFDToNativeFile(FD);
  ASSERT_FALSE(llvm::sys::fs::closeFile(File));
  EXPECT_EQ(loadError(Path), Path + ": error: ruleset is too large (17825792 bytes, limit 1 MiB)");
}

TEST(RulesetErrorTest, LogAndErrorCode) {
  auto Render = [](FileLocation Where) {
    return llvm::toString(makeRulesetError(std::move(Where), "something is wrong"));
  };
  EXPECT_EQ(Render({"r.yaml", 3, 7}), "r.yaml:3:7: error: something is wrong");
  EXPECT_EQ(Render({"r.yaml", 3, 0}), "r.yaml:3: error: something is wrong");
  EXPECT_EQ(Render({"r.yaml", 0, 0}), "r.yaml: error: something is wrong");
  EXPECT_EQ(Render({"", 0, 0}), "error: something is wrong");

  llvm::Error E = makeRulesetError({"r.yaml", 1, 1}, "x");
  EXPECT_TRUE(E.isA<RulesetError>());
  // errorToErrorCode would abort on an inconvertible error, so ask the payload directly.
  llvm::handleAllErrors(
      std::move(E), [](const RulesetError &R) { EXPECT_EQ(R.convertToErrorCode(), llvm::inconvertibleErrorCode()); });
}

TEST(RulesetModelTest, NamesRoundTrip) {
  for (unsigned I = 0; I != NumRoles; ++I) {
    Role R = static_cast<Role>(I);
    EXPECT_EQ(roleFromName(roleName(R)), R);
  }
  EXPECT_EQ(roleName(Role::FbOverlapOk), "fb_overlap_ok");
  EXPECT_FALSE(roleFromName("fb-overlap-ok").has_value());
  EXPECT_EQ(severityName(Severity::Warning), "warning");
  EXPECT_EQ(severityName(Severity::Error), "error");
}

TEST(RulesetModelTest, LookupsMissReturnNull) {
  Ruleset RS = parseOk(withRules(OkRule));
  EXPECT_NE(RS.findRule("ok"), nullptr);
  EXPECT_EQ(RS.findRule("nope"), nullptr);
  EXPECT_NE(RS.findRange("fb"), nullptr);
  EXPECT_EQ(RS.findRange("nope"), nullptr);
  EXPECT_NE(RS.findAllocator("alloc"), nullptr);
  EXPECT_EQ(RS.findAllocator("nope"), nullptr);
}

} // namespace
