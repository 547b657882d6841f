#include "Transport.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <unistd.h>

namespace mmio::lsp {

bool Transport::fill() {
  char Chunk[65536];
  for (;;) {
    ssize_t N = ::read(InFd, Chunk, sizeof(Chunk));
    if (N > 0) {
      Frames.feed(llvm::StringRef(Chunk, static_cast<size_t>(N)));
      return true;
    }
    if (N < 0 && errno == EINTR)
      continue;
    return false;
  }
}

Transport::ReadResult Transport::read(std::string &Body) {
  for (;;) {
    switch (Frames.next(Body)) {
    case FrameParser::Status::Message:
      return ReadResult::Message;
    case FrameParser::Status::Malformed:
      return ReadResult::Malformed;
    case FrameParser::Status::NeedMore:
      if (!fill())
        return ReadResult::End; // an unfinished frame at the end is dropped with the connection
      break;
    }
  }
}

bool Transport::send(const llvm::json::Value &Message) {
  std::string Json;
  llvm::raw_string_ostream(Json) << Message;
  return sendText(std::move(Json));
}

bool Transport::sendText(std::string Json) {
  std::string Frame = "Content-Length: " + std::to_string(Json.size()) + "\r\n\r\n" + Json;
  std::lock_guard<std::mutex> Lock(WriteMutex);
  if (Broken)
    return false;
  const char *P = Frame.data();
  size_t Left = Frame.size();
  while (Left) {
    ssize_t N = ::write(OutFd, P, Left);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0) {
      // The client went away (EPIPE with SIGPIPE ignored): stop writing, let the reader see the end.
      Broken = true;
      return false;
    }
    P += N;
    Left -= static_cast<size_t>(N);
  }
  return true;
}

} // namespace mmio::lsp
