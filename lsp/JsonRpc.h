// JSON-RPC 2.0 as LSP frames it: the envelope of every message the server receives (decoded here, so handlers see
// a method and its params) and sends (MessageSink's reply, replyError and notify).
#ifndef MMIO_AUDIT_LSP_JSONRPC_H
#define MMIO_AUDIT_LSP_JSONRPC_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"

#include <optional>
#include <string>

namespace mmio::lsp {

// JSON-RPC's and LSP's error codes.
enum ErrorCode : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  ServerNotInitialized = -32002,
};

struct IncomingMessage {
  enum class Kind { Request, Notification, Response };
  Kind Type = Kind::Notification;
  std::string Method;                 // empty for a response
  llvm::json::Value Id = nullptr;     // a request's (or a response's)
  llvm::json::Value Params = nullptr; // null when absent
};

/// Why a frame's content is not a message, as the error to answer it with (with a null id).
struct RpcError {
  ErrorCode Code;
  std::string Message;
};

/// A frame's content as a message; nothing, and `Error` set, when it is not one.
std::optional<IncomingMessage> decodeMessage(llvm::StringRef Body, RpcError &Error);

} // namespace mmio::lsp

#endif
