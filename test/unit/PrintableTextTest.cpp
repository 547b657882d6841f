// Text from untrusted input made printable: control characters escaped, everything else untouched.
#include "input/PrintableText.h"

#include "gtest/gtest.h"

using namespace mmio;

namespace {

TEST(PrintableTextTest, PlainTextAndUtf8AreUnchanged) {
  EXPECT_EQ(printableText("config window below 4GB\t(min = 0x0)"), "config window below 4GB\t(min = 0x0)");
  EXPECT_EQ(printableText("caf\xc3\xa9 \xe2\x80\x94 \xc2\xa0"), "caf\xc3\xa9 \xe2\x80\x94 \xc2\xa0");
}

TEST(PrintableTextTest, ControlCharactersAreEscaped) {
  EXPECT_EQ(printableText("\x1b[31mred\x1b[0m"), "\\x1b[31mred\\x1b[0m");
  EXPECT_EQ(printableText(llvm::StringRef("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(printableText("one\ntwo\r\x7f"), "one\\ntwo\\x0d\\x7f");
  // C1 controls as UTF-8 encodes them (U+009B is a one-byte CSI on some terminals).
  EXPECT_EQ(printableText("x\xc2\x9b"
                          "2J"),
            "x\\u009b2J");
}

TEST(PrintableTextTest, LineBreaksStayWhenAsked) {
  EXPECT_EQ(printableText("first\nsecond\x1b", /*KeepLineBreaks=*/true), "first\nsecond\\x1b");
  EXPECT_EQ(printableText("first\nsecond", /*KeepLineBreaks=*/true), "first\nsecond");
}

} // namespace
