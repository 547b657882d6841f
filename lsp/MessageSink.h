// Where the server's outgoing messages go: the transport to the client, or, in the fuzzer, nowhere. The JSON-RPC
// envelope of each kind of message is written here, once.
#ifndef MMIO_AUDIT_LSP_MESSAGESINK_H
#define MMIO_AUDIT_LSP_MESSAGESINK_H

#include "llvm/Support/JSON.h"

namespace mmio::lsp {

class MessageSink {
public:
  virtual ~MessageSink() = default;
  /// Sends one message; safe from any thread. False once the client can no longer be written to.
  virtual bool send(const llvm::json::Value &Message) = 0;
  /// Sends one message already serialised (one too large to build as a json::Value); by default parsed and sent.
  virtual bool sendText(std::string Json) {
    llvm::Expected<llvm::json::Value> V = llvm::json::parse(Json);
    if (!V) {
      llvm::consumeError(V.takeError());
      return false;
    }
    return send(*V);
  }
  virtual bool connected() const = 0;

  void reply(const llvm::json::Value &Id, llvm::json::Value Result) {
    send(llvm::json::Object{{"jsonrpc", "2.0"}, {"id", Id}, {"result", std::move(Result)}});
  }
  void replyError(const llvm::json::Value &Id, int Code, llvm::StringRef Message) {
    send(llvm::json::Object{
        {"jsonrpc", "2.0"}, {"id", Id}, {"error", llvm::json::Object{{"code", Code}, {"message", Message}}}});
  }
  void notify(llvm::StringRef Method, llvm::json::Value Params) {
    send(llvm::json::Object{{"jsonrpc", "2.0"}, {"method", Method}, {"params", std::move(Params)}});
  }
};

} // namespace mmio::lsp

#endif
