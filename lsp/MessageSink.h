// Where the server's outgoing messages go: the transport to the client, or, in the fuzzer, nowhere.
#ifndef MMIO_AUDIT_LSP_MESSAGESINK_H
#define MMIO_AUDIT_LSP_MESSAGESINK_H

#include "llvm/Support/JSON.h"

namespace mmio::lsp {

class MessageSink {
public:
  virtual ~MessageSink() = default;
  /// Sends one message; safe from any thread. False once the client can no longer be written to.
  virtual bool send(const llvm::json::Value &Message) = 0;
  virtual bool connected() const = 0;
};

} // namespace mmio::lsp

#endif
