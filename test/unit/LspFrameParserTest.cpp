// The language server's framing, fed from memory: frames whole and in pieces, and the frames it skips.
#include "FrameParser.h"

#include "gtest/gtest.h"

#include <string>
#include <utility>
#include <vector>

using namespace mmio::lsp;

namespace {

using Frames = std::vector<std::pair<FrameParser::Status, std::string>>;

constexpr auto Message = FrameParser::Status::Message;
constexpr auto Malformed = FrameParser::Status::Malformed;

TEST(LspFrameParserTest, FramesWhateverThePieces) {
  std::string Input = "Content-Length: 2\r\n\r\n{}"
                      "\r\n" // a blank line between frames is tolerated
                      "content-length:3\nContent-Type: x\n\n[1]";
  Frames Expected{{Message, "{}"}, {Message, "[1]"}};
  for (size_t Piece = 1; Piece <= Input.size(); ++Piece)
    EXPECT_EQ(framesOf(Input, Piece), Expected) << "fed " << Piece << " bytes at a time";
}

TEST(LspFrameParserTest, SkipsFramesWithoutAUsableLength) {
  Frames F = framesOf("Content-Type: text\r\n\r\n"
                   "Content-Length: many\r\n\r\n"
                   "Content-Length: -1\r\n\r\n"
                   "Content-Length: x\r\nContent-Length: 1\r\n\r\n"
                   "Content-Length: 1\r\n\r\n1",
                   4096);
  Frames Expected{{Malformed, "a frame without Content-Length"},
                  {Malformed, "a frame with an invalid Content-Length"},
                  {Malformed, "a frame with an invalid Content-Length"},
                  {Malformed, "a frame with an invalid Content-Length"},
                  {Message, "1"}};
  EXPECT_EQ(F, Expected);
}

TEST(LspFrameParserTest, WaitsForTheWholeBody) {
  FrameParser P;
  std::string Body;
  P.feed("Content-Length: 5\r\n\r\nab");
  EXPECT_EQ(P.next(Body), FrameParser::Status::NeedMore);
  P.feed("cdeContent-Length: 99999999999\r\n\r\n");
  EXPECT_EQ(P.next(Body), Message);
  EXPECT_EQ(Body, "abcde");
  // A length no client could send: the parser waits for it rather than guessing, as the stream ends first.
  EXPECT_EQ(P.next(Body), FrameParser::Status::NeedMore);
  P.feed("{}");
  EXPECT_EQ(P.next(Body), FrameParser::Status::NeedMore);
}

TEST(LspFrameParserTest, ZeroLengthFrame) {
  EXPECT_EQ(framesOf("Content-Length: 0\r\n\r\nContent-Length: 0\r\n\r\n", 3), (Frames{{Message, ""}, {Message, ""}}));
}

} // namespace
