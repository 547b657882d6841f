// JSON-RPC over a byte stream, framed as LSP says: `Content-Length: N` headers, a blank line, N bytes of JSON.
#ifndef MMIO_AUDIT_LSP_TRANSPORT_H
#define MMIO_AUDIT_LSP_TRANSPORT_H

#include "llvm/Support/JSON.h"

#include <atomic>
#include <mutex>
#include <string>

namespace mmio::lsp {

class Transport {
public:
  /// Reads frames from `InFd` and writes them to `OutFd` (the only descriptor that carries protocol).
  Transport(int InFd, int OutFd) : InFd(InFd), OutFd(OutFd) {}

  enum class ReadResult {
    Message,   // `Body` holds one frame's content
    Malformed, // a frame with bad headers was skipped; `Body` says why
    End,       // the client closed its end
  };
  ReadResult read(std::string &Body);

  /// Sends one message; safe from any thread. False once the client can no longer be written to.
  bool send(const llvm::json::Value &Message);
  bool connected() const { return !Broken; }

private:
  /// One header line without its CRLF; false at end of input.
  bool readLine(std::string &Line);
  bool readExactly(size_t N, std::string &Out);
  bool fill();

  int InFd, OutFd;
  std::string Buffer;
  size_t Pos = 0;
  std::mutex WriteMutex;
  std::atomic<bool> Broken{false};
};

} // namespace mmio::lsp

#endif
