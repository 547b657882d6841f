#include "FrameParser.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>

namespace mmio::lsp {

void FrameParser::feed(llvm::StringRef Bytes) {
  // Drop what was consumed before appending, so the buffer holds one unfinished frame at most, not the session.
  if (Pos > 0) {
    Buffer.erase(0, Pos);
    Scanned -= std::min(Scanned, Pos);
    Pos = 0;
  }
  Buffer.append(Bytes.data(), Bytes.size());
}

bool FrameParser::takeLine(llvm::StringRef &Line) {
  size_t NL = Buffer.find('\n', std::max(Pos, Scanned));
  if (NL == std::string::npos) {
    Scanned = Buffer.size();
    return false;
  }
  Line = llvm::StringRef(Buffer).slice(Pos, NL);
  if (Line.ends_with("\r"))
    Line = Line.drop_back();
  Pos = NL + 1;
  Scanned = Pos;
  return true;
}

void FrameParser::startFrame() {
  SawHeader = HaveLength = InBody = false;
  Problem = nullptr;
  Length = 0;
}

// A frame skipped for bad headers leaves its body in the stream, with no line ending after it: the next frame's
// first header then arrives glued to that body. Finding the header name inside the line picks the next frame up
// again instead of losing it with the garbage; the last occurrence, as the body may spell the name too.
static size_t resyncPoint(llvm::StringRef Line) {
  size_t At = Line.rfind_insensitive("content-length");
  return At == llvm::StringRef::npos ? 0 : At;
}

void FrameParser::readHeader(llvm::StringRef Line) {
  if (size_t At = resyncPoint(Line)) {
    startFrame();
    Line = Line.drop_front(At);
  }
  SawHeader = true;
  if (!Line.contains(':')) {
    Problem = Problem ? Problem : "a frame with a header line without ':'";
    return;
  }
  auto [Name, Value] = Line.split(':');
  if (!Name.trim().equals_insensitive("Content-Length"))
    return;
  size_t N = 0;
  // Digits only: getAsInteger would also take a sign or a radix prefix, which no client sends.
  llvm::StringRef Digits = Value.trim();
  if (Digits.empty() || !llvm::all_of(Digits, llvm::isDigit) || Digits.getAsInteger(10, N))
    Problem = Problem ? Problem : "a frame with an invalid Content-Length";
  else if (N > MaxFrameBytes)
    Problem = Problem ? Problem : "a frame longer than the 64 MiB limit";
  else if (HaveLength && N != Length)
    Problem = Problem ? Problem : "a frame with two different Content-Length headers";
  else {
    Length = N;
    HaveLength = true;
  }
}

FrameParser::Status FrameParser::next(std::string &Out) {
  while (!InBody) {
    llvm::StringRef Line;
    if (!takeLine(Line))
      return Status::NeedMore;
    if (Line.empty()) {
      if (!SawHeader)
        continue; // blank lines before a frame are tolerated
      if (Problem || !HaveLength) {
        Out = Problem ? Problem : "a frame without Content-Length";
        startFrame();
        return Status::Malformed;
      }
      InBody = true;
      break;
    }
    readHeader(Line);
  }
  if (Buffer.size() - Pos < Length)
    return Status::NeedMore;
  Out.assign(Buffer, Pos, Length);
  Pos += Length;
  Scanned = Pos;
  startFrame();
  return Status::Message;
}

std::vector<std::pair<FrameParser::Status, std::string>> framesOf(llvm::StringRef Input, size_t Piece) {
  std::vector<std::pair<FrameParser::Status, std::string>> Frames;
  FrameParser P;
  std::string Out;
  for (size_t I = 0; I < Input.size(); I += Piece) {
    P.feed(Input.substr(I, Piece));
    for (FrameParser::Status S; (S = P.next(Out)) != FrameParser::Status::NeedMore;)
      Frames.emplace_back(S, Out);
  }
  return Frames;
}

} // namespace mmio::lsp
