// Unit tests of message templates: how `message:` text splits into literal pieces and placeholders, and which text
// is refused; and that the loader keeps the split beside the raw text.
#include "rules/MessageTemplate.h"
#include "rules/Ruleset.h"
#include "rules/RulesetLoader.h"

#include "llvm/Support/Error.h"

#include "gtest/gtest.h"

#include <string>

using namespace mmio;
using llvm::StringRef;

namespace {

/// The pieces of Text written back as "[literal]" and "<placeholder>", or "error: MESSAGE".
std::string piecesOf(StringRef Text) {
  llvm::Expected<MessageTemplate> T = parseMessageTemplate(Text);
  if (!T)
    return "error: " + llvm::toString(T.takeError());
  std::string Out;
  for (const MessagePiece &P : *T)
    Out += P.Fill ? "<" + placeholderName(*P.Fill).str() + ">" : "[" + P.Text + "]";
  return Out;
}

TEST(MessageTemplateTest, Pieces) {
  EXPECT_EQ(piecesOf(""), "");
  EXPECT_EQ(piecesOf("plain text"), "[plain text]");
  EXPECT_EQ(piecesOf("{min}"), "<min>");
  EXPECT_EQ(piecesOf("min can be {min} (range {range})"), "[min can be ]<min>[ (range ]<range>[)]");
  EXPECT_EQ(piecesOf("{min}{max}"), "<min><max>");
  EXPECT_EQ(piecesOf("{allocator} in {function} [{rule}]: {destination} {size} {align} {fb_overlap_ok}"),
            "<allocator>[ in ]<function>[ []<rule>[]: ]<destination>[ ]<size>[ ]<align>[ ]<fb_overlap_ok>");
}

TEST(MessageTemplateTest, PiecesKnowWhatFillsThem) {
  llvm::Expected<MessageTemplate> T = parseMessageTemplate("a {size} b {destination}");
  ASSERT_TRUE(bool(T)) << llvm::toString(T.takeError());
  ASSERT_EQ(T->size(), 4u);
  EXPECT_EQ((*T)[0], MessagePiece::literal("a "));
  EXPECT_EQ((*T)[1], MessagePiece::placeholder(Placeholder::Size));
  EXPECT_EQ(placeholderRole(*(*T)[1].Fill), Role::Size);
  EXPECT_EQ((*T)[2], MessagePiece::literal(" b "));
  // The destination placeholder shows the field the destination points into, not a role's values.
  EXPECT_EQ((*T)[3], MessagePiece::placeholder(Placeholder::Destination));
  EXPECT_EQ(placeholderRole(Placeholder::Destination), std::nullopt);
  EXPECT_EQ(placeholderRole(Placeholder::Range), std::nullopt);
}

TEST(MessageTemplateTest, Errors) {
  const std::string Known = "{min}, {max}, {size}, {align}, {fb_overlap_ok}, {destination}, {range}, {allocator}, "
                            "{function}, {rule}";
  EXPECT_EQ(placeholderList(), Known);
  EXPECT_EQ(piecesOf("min = {mni}"), "error: unknown placeholder '{mni}' in message (expected one of: " + Known + ")");
  EXPECT_EQ(piecesOf("{}"), "error: unknown placeholder '{}' in message (expected one of: " + Known + ")");
  EXPECT_EQ(piecesOf("{Min}"), "error: unknown placeholder '{Min}' in message (expected one of: " + Known + ")");
  EXPECT_EQ(piecesOf("min = {min"), "error: unbalanced '{' in message");
  EXPECT_EQ(piecesOf("{{min}}"), "error: unbalanced '{' in message");
  EXPECT_EQ(piecesOf("min}"), "error: unbalanced '}' in message");
  // The first problem from the left is the one reported.
  EXPECT_EQ(piecesOf("} {"), "error: unbalanced '}' in message");
  EXPECT_EQ(piecesOf("{x} }"), "error: unknown placeholder '{x}' in message (expected one of: " + Known + ")");
}

TEST(MessageTemplateTest, NamesRoundTrip) {
  for (unsigned I = 0; I != 10; ++I) {
    Placeholder P = static_cast<Placeholder>(I);
    EXPECT_EQ(placeholderFromName(placeholderName(P)), P);
  }
  EXPECT_EQ(placeholderFromName("callee"), std::nullopt);
  // Placeholders named after roles are spelt as the roles are.
  for (Placeholder P :
       {Placeholder::Min, Placeholder::Max, Placeholder::Size, Placeholder::Align, Placeholder::FbOverlapOk})
    EXPECT_EQ(roleName(*placeholderRole(P)), placeholderName(P));
}

TEST(MessageTemplateTest, LoaderKeepsTextAndPieces) {
  llvm::Expected<Ruleset> RS = parseRuleset(R"(version: 1
allocators: [{name: alloc, params: {min: 0, max: 1}}]
rules:
  - id: r
    message: "window can start at {min} [{rule}]"
    require: {min-at-least: 1}
)",
                                            "test.yaml");
  ASSERT_TRUE(bool(RS)) << llvm::toString(RS.takeError());
  const Rule &R = RS->Rules.at(0);
  EXPECT_EQ(R.Message, "window can start at {min} [{rule}]");
  EXPECT_EQ(R.Template, (MessageTemplate{MessagePiece::literal("window can start at "),
                                         MessagePiece::placeholder(Placeholder::Min), MessagePiece::literal(" ["),
                                         MessagePiece::placeholder(Placeholder::Rule), MessagePiece::literal("]")}));
}

TEST(MessageTemplateTest, BuiltinRulesetTemplatesMatchTheirText) {
  llvm::Expected<Ruleset> RS = loadBuiltinRuleset();
  ASSERT_TRUE(bool(RS)) << llvm::toString(RS.takeError());
  for (const Rule &R : RS->Rules) {
    std::string Written;
    for (const MessagePiece &P : R.Template)
      Written += P.Fill ? "{" + placeholderName(*P.Fill).str() + "}" : P.Text;
    EXPECT_EQ(Written, R.Message) << R.Id;
  }
}

} // namespace
