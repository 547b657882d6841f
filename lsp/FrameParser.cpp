#include "FrameParser.h"

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
  SawHeader = BadLength = HaveLength = InBody = false;
  Length = 0;
}

FrameParser::Status FrameParser::next(std::string &Out) {
  while (!InBody) {
    llvm::StringRef Line;
    if (!takeLine(Line))
      return Status::NeedMore;
    if (Line.empty()) {
      if (!SawHeader)
        continue; // blank lines before a frame are tolerated
      if (BadLength || !HaveLength) {
        Out = BadLength ? "a frame with an invalid Content-Length" : "a frame without Content-Length";
        startFrame();
        return Status::Malformed;
      }
      InBody = true;
      break;
    }
    SawHeader = true;
    auto [Name, Value] = Line.split(':');
    if (Name.trim().equals_insensitive("Content-Length")) {
      size_t N = 0;
      if (Value.trim().getAsInteger(10, N)) {
        BadLength = true;
      } else {
        Length = N;
        HaveLength = true;
      }
    }
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
