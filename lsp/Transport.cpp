#include "Transport.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <optional>
#include <unistd.h>

namespace mmio::lsp {

bool Transport::fill() {
  if (Pos > 0 && Pos == Buffer.size()) {
    Buffer.clear();
    Pos = 0;
  }
  char Chunk[65536];
  for (;;) {
    ssize_t N = ::read(InFd, Chunk, sizeof(Chunk));
    if (N > 0) {
      Buffer.append(Chunk, static_cast<size_t>(N));
      return true;
    }
    if (N < 0 && errno == EINTR)
      continue;
    return false;
  }
}

bool Transport::readLine(std::string &Line) {
  for (;;) {
    size_t NL = Buffer.find('\n', Pos);
    if (NL != std::string::npos) {
      Line.assign(Buffer, Pos, NL - Pos);
      if (!Line.empty() && Line.back() == '\r')
        Line.pop_back();
      Pos = NL + 1;
      return true;
    }
    if (!fill())
      return false;
  }
}

bool Transport::readExactly(size_t N, std::string &Out) {
  while (Buffer.size() - Pos < N)
    if (!fill())
      return false;
  Out.assign(Buffer, Pos, N);
  Pos += N;
  return true;
}

Transport::ReadResult Transport::read(std::string &Body) {
  std::optional<size_t> Length;
  bool BadLength = false;
  std::string Line;
  // Headers up to the blank line; blank lines before a frame are tolerated.
  bool SawHeader = false;
  for (;;) {
    if (!readLine(Line))
      return ReadResult::End;
    if (Line.empty()) {
      if (SawHeader)
        break;
      continue;
    }
    SawHeader = true;
    auto [Name, Value] = llvm::StringRef(Line).split(':');
    if (Name.trim().equals_insensitive("Content-Length")) {
      size_t N = 0;
      if (Value.trim().getAsInteger(10, N))
        BadLength = true;
      else
        Length = N;
    }
  }
  if (BadLength || !Length) {
    Body = BadLength ? "a frame with an invalid Content-Length" : "a frame without Content-Length";
    return ReadResult::Malformed;
  }
  if (!readExactly(*Length, Body))
    return ReadResult::End;
  return ReadResult::Message;
}

bool Transport::send(const llvm::json::Value &Message) {
  std::string Json;
  llvm::raw_string_ostream(Json) << Message;
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
