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
  P.feed("cdeContent-Length: 9\r\n\r\n");
  EXPECT_EQ(P.next(Body), Message);
  EXPECT_EQ(Body, "abcde");
  EXPECT_EQ(P.next(Body), FrameParser::Status::NeedMore);
  P.feed("{}");
  EXPECT_EQ(P.next(Body), FrameParser::Status::NeedMore);
}

TEST(LspFrameParserTest, RefusesLengthsPastTheLimitInsteadOfBufferingThem) {
  FrameParser P;
  std::string Why;
  P.feed("Content-Length: 99999999999\r\n\r\n{}");
  EXPECT_EQ(P.next(Why), Malformed);
  EXPECT_EQ(Why, "a frame longer than the 64 MiB limit");
}

// Each bad frame is followed by a good request: the bad frame's body has no line ending, so the good frame's
// headers arrive glued to it, and must not be lost with it.
TEST(LspFrameParserTest, ABadFrameDoesNotTakeTheNextRequestWithIt) {
  const std::string Good = "Content-Length: 8\r\n\r\n{\"id\":2}";
  const std::pair<const char *, const char *> Bad[] = {
      {"Content-Length: -5\r\n\r\n{\"id\":1}", "a frame with an invalid Content-Length"},
      {"Content-Length: +2\r\n\r\n{\"id\":1}", "a frame with an invalid Content-Length"},
      {"Content-Length: 18446744073709551616\r\n\r\n{\"id\":1}", "a frame with an invalid Content-Length"},
      {"Content-Length: 0x7\r\n\r\n{\"id\":1}", "a frame with an invalid Content-Length"},
      {"Content-Length 7\r\n\r\n{\"id\":1}", "a frame with a header line without ':'"},
      {"Content-Length: 7\r\nContent-Length: 3\r\n\r\n{\"id\":1}", "a frame with two different Content-Length headers"},
      {"Content-Length: 68719476736\r\n\r\n{\"id\":1}", "a frame longer than the 64 MiB limit"},
  };
  for (auto [Frame, Why] : Bad) {
    std::string Input = std::string(Frame) + Good;
    Frames Expected{{Malformed, Why}, {Message, "{\"id\":2}"}};
    for (size_t Piece = 1; Piece <= Input.size(); ++Piece)
      EXPECT_EQ(framesOf(Input, Piece), Expected) << Frame << ", fed " << Piece << " bytes at a time";
  }
}

TEST(LspFrameParserTest, ABodyThatSpellsTheHeaderNameStillResyncs) {
  std::string Input = "Content-Length: -1\r\n\r\n{\"text\":\"Content-Length: 3\"}Content-Length: 2\r\n\r\n{}";
  EXPECT_EQ(framesOf(Input, 4096), (Frames{{Malformed, "a frame with an invalid Content-Length"}, {Message, "{}"}}));
}

TEST(LspFrameParserTest, TheSameLengthTwiceIsAccepted) {
  EXPECT_EQ(framesOf("Content-Length: 2\r\ncontent-length: 2\r\n\r\n{}", 4096), (Frames{{Message, "{}"}}));
}

TEST(LspFrameParserTest, ZeroLengthFrame) {
  EXPECT_EQ(framesOf("Content-Length: 0\r\n\r\nContent-Length: 0\r\n\r\n", 3), (Frames{{Message, ""}, {Message, ""}}));
}

} // namespace
