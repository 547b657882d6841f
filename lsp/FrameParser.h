// LSP's framing without the I/O: bytes go in as they arrive, whole frames (or why a frame was skipped) come out. The
// transport feeds it from a descriptor; tests and the fuzzer feed it from memory.
#ifndef MMIO_AUDIT_LSP_FRAMEPARSER_H
#define MMIO_AUDIT_LSP_FRAMEPARSER_H

#include "llvm/ADT/StringRef.h"

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace mmio::lsp {

class FrameParser {
public:
  /// A frame longer than this is skipped rather than buffered: no request the server answers comes near it.
  static constexpr size_t MaxFrameBytes = size_t(64) << 20;

  /// Appends bytes read from the client.
  void feed(llvm::StringRef Bytes);

  enum class Status {
    Message,   // `Out` holds one frame's content
    Malformed, // a frame whose headers were unusable was skipped (its headers only: there is no length to skip
               // a body by); `Out` says why
    NeedMore,  // no complete frame yet: feed more, or, at the end of input, the rest is an unfinished frame
  };
  Status next(std::string &Out);

private:
  /// Takes one header line, without its line ending, from the buffer; false when no whole line has arrived.
  bool takeLine(llvm::StringRef &Line);
  void startFrame();
  void readHeader(llvm::StringRef Line);

  std::string Buffer;
  size_t Pos = 0;     // the first byte not consumed
  size_t Scanned = 0; // no '\n' in [Pos, Scanned): a long line arriving in pieces is searched once

  // The frame being read. Header lines are consumed as they arrive, so this is what they said so far.
  bool SawHeader = false;
  const char *Problem = nullptr; // why the frame will be skipped, from the first bad header line
  bool HaveLength = false;
  bool InBody = false; // the blank line after the headers was seen: `Length` bytes of content follow
  size_t Length = 0;
};

/// Every frame of `Input`, fed to a parser `Piece` bytes at a time: what a client writing in pieces of that size
/// would make the server read. The same input must give the same frames whatever the piece size.
std::vector<std::pair<FrameParser::Status, std::string>> framesOf(llvm::StringRef Input, size_t Piece);

} // namespace mmio::lsp

#endif
