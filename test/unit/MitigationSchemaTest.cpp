// The ruleset's `mitigations:` and the rules' `mitigated-by`: what loads, and each mistake with its place.
#include "rules/Ruleset.h"
#include "rules/RulesetError.h"
#include "rules/RulesetLoader.h"

#include "llvm/ADT/Twine.h"

#include "gtest/gtest.h"

using namespace mmio;

namespace {

/// Lines 1-11; a mitigation's keys follow from line 12.
constexpr const char *Header = R"(version: 1
allocators:
  - name: alloc
    params: {min: 0, max: 1}
rules:
  - id: r
    message: m
    require: {min-at-least: 1}
    mitigated-by: fix
mitigations:
  - id: fix
)";

constexpr const char *GoodBody = R"(    commit: 016a25e4b0df
    subject: "Drivers: hv: vmbus: Improve the logic of reserving fb_mmio on Gen2 VMs"
    why: reserves the framebuffer anyway
    file: drivers/hv/vmbus_drv.c
    function: vmbus_reserve_fb
    code:
      - "if (!$start) $start = $low;"
      - "$low = hyperv_mmio->start;"
)";

std::string errorOf(const std::string &Body) {
  llvm::Expected<Ruleset> RS = parseRuleset(std::string(Header) + Body, "m.yaml");
  if (RS)
    return "no error";
  std::string Out;
  llvm::handleAllErrors(RS.takeError(), [&](const llvm::ErrorInfoBase &E) { Out = E.message(); });
  return Out;
}

std::string with(const std::string &Key, const std::string &Line) {
  std::string Body = GoodBody;
  size_t At = Body.find("    " + Key + ":");
  size_t End = Body.find('\n', At);
  if (Key == "code")
    End = Body.size() - 1;
  return Body.replace(At, End - At, Line);
}

TEST(MitigationSchemaTest, Loads) {
  llvm::Expected<Ruleset> RS = parseRuleset(std::string(Header) + GoodBody, "m.yaml");
  ASSERT_TRUE(bool(RS)) << llvm::toString(RS.takeError());
  ASSERT_EQ(RS->Mitigations.size(), 1u);
  const MitigationSpec &M = RS->Mitigations[0];
  EXPECT_EQ(M.Id, "fix");
  EXPECT_EQ(M.Commit, "016a25e4b0df");
  EXPECT_EQ(M.File, "drivers/hv/vmbus_drv.c");
  EXPECT_EQ(M.Function, "vmbus_reserve_fb");
  ASSERT_EQ(M.Code.size(), 2u);
  EXPECT_TRUE(M.Code[0].MetaVariable[3]);
  EXPECT_EQ(M.Code[0].Tokens[3], "$start");
  EXPECT_EQ(M.Where.Line, 11u); // its `- id:`
  EXPECT_EQ(RS->Rules[0].MitigatedBy, std::vector<std::string>{"fix"});
  EXPECT_EQ(RS->findMitigation("fix"), &RS->Mitigations[0]);
}

TEST(MitigationSchemaTest, TheShippedRulesetNamesUpstreamsFix) {
  llvm::Expected<Ruleset> RS = loadBuiltinRuleset();
  ASSERT_TRUE(bool(RS));
  const MitigationSpec *M = RS->findMitigation("vmbus-reserve-fb-without-lfb-base");
  ASSERT_NE(M, nullptr);
  EXPECT_EQ(M->Commit, "016a25e4b0df");
  EXPECT_EQ(RS->findRule("hyperv-config-window-below-4g")->MitigatedBy,
            std::vector<std::string>{"vmbus-reserve-fb-without-lfb-base"});
  EXPECT_TRUE(RS->findRule("hyperv-config-window-fb-overlap-ok")->MitigatedBy.empty());
}

TEST(MitigationSchemaTest, Errors) {
  EXPECT_EQ(errorOf(with("commit", "    commit: main")),
            "m.yaml:12:13: error: invalid commit 'main' (expected 7 to 40 hexadecimal digits)");
  EXPECT_EQ(
      errorOf(with("file", "    file: ../linux/drivers/hv/vmbus_drv.c")),
      "m.yaml:15:11: error: 'file' must be a path inside the tree, relative to its root (no leading '/', no '..'): "
      "'../linux/drivers/hv/vmbus_drv.c'");
  EXPECT_EQ(
      errorOf(with("file", "    file: /etc/passwd")),
      "m.yaml:15:11: error: 'file' must be a path inside the tree, relative to its root (no leading '/', no '..'): "
      "'/etc/passwd'");
  EXPECT_EQ(errorOf(with("function", "    function: vmbus-reserve")),
            "m.yaml:16:15: error: invalid function name 'vmbus-reserve' (expected a C identifier)");
  EXPECT_EQ(errorOf(with("code", "    code: \"if (!$) x = y;\"")),
            "m.yaml:17:11: error: '$' is not a metavariable (expected '$' followed by a C identifier)");
  EXPECT_EQ(errorOf(with("code", "    code: \"/* */\"")),
            "m.yaml:17:11: error: a code pattern must hold at least one token");
  EXPECT_EQ(errorOf(with("subject", "    colour: red")),
            "m.yaml:13:5: error: unknown key 'colour' in mitigation (expected one of: id, commit, subject, why, file, "
            "function, code)");
  std::string Many = "    code:\n";
  for (int I = 0; I < 65; ++I)
    Many += "      - x\n";
  EXPECT_EQ(errorOf(with("code", Many.substr(0, Many.size() - 1))),
            "m.yaml:18:7: error: 'code' has 65 patterns (at most 64)");
  std::string Twice = std::string(GoodBody) + "  - id: fix\n" + GoodBody;
  EXPECT_EQ(errorOf(Twice), "m.yaml:20:9: error: duplicate mitigation 'fix' (first defined at m.yaml:11:5)");
}

TEST(MitigationSchemaTest, MitigatedByNamesAMitigation) {
  llvm::Expected<Ruleset> RS =
      parseRuleset("version: 1\nallocators: [{name: a, params: {min: 0, max: 1}}]\n"
                   "rules:\n  - id: r\n    message: m\n    require: {min-at-least: 1}\n    mitigated-by: [nope]\n",
                   "m.yaml");
  ASSERT_FALSE(bool(RS));
  EXPECT_EQ(llvm::toString(RS.takeError()), "m.yaml:7:20: error: undefined mitigation 'nope' in 'mitigated-by'");
}

} // namespace
