// JSON-RPC over a byte stream, framed as LSP says: `Content-Length: N` headers, a blank line, N bytes of JSON.
#ifndef MMIO_AUDIT_LSP_TRANSPORT_H
#define MMIO_AUDIT_LSP_TRANSPORT_H

#include "FrameParser.h"
#include "MessageSink.h"

#include "llvm/Support/JSON.h"

#include <atomic>
#include <mutex>
#include <string>

namespace mmio::lsp {

class Transport : public MessageSink {
public:
  /// Reads frames from `InFd` and writes them to `OutFd` (the only descriptor that carries protocol).
  Transport(int InFd, int OutFd) : InFd(InFd), OutFd(OutFd) {}

  enum class ReadResult {
    Message,   // `Body` holds one frame's content
    Malformed, // a frame with bad headers was skipped; `Body` says why
    End,       // the client closed its end
  };
  ReadResult read(std::string &Body);

  bool send(const llvm::json::Value &Message) override;
  bool sendText(std::string Json) override;
  bool connected() const override { return !Broken; }

private:
  /// Feeds the parser what the client has sent; false at end of input.
  bool fill();

  int InFd, OutFd;
  FrameParser Frames;
  std::mutex WriteMutex;
  std::atomic<bool> Broken{false};
};

} // namespace mmio::lsp

#endif
