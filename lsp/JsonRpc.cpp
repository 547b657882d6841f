#include "JsonRpc.h"

#include "input/BoundedJson.h"

namespace mmio::lsp {

std::optional<IncomingMessage> decodeMessage(llvm::StringRef Body, RpcError &Error) {
  llvm::Expected<llvm::json::Value> Parsed = parseBoundedJSON(Body);
  if (!Parsed) {
    Error = {ParseError, "invalid JSON: " + llvm::toString(Parsed.takeError())};
    return std::nullopt;
  }
  llvm::json::Object *Msg = Parsed->getAsObject();
  if (!Msg) {
    Error = {InvalidRequest, "a message must be a JSON object"};
    return std::nullopt;
  }
  IncomingMessage M;
  std::optional<llvm::StringRef> Method = Msg->getString("method");
  llvm::json::Value *Id = Msg->get("id");
  if (!Method) {
    if (!Id) {
      Error = {InvalidRequest, "a message without a method"};
      return std::nullopt;
    }
    M.Type = IncomingMessage::Kind::Response;
    M.Id = std::move(*Id);
    return M;
  }
  M.Method = Method->str();
  M.Type = Id ? IncomingMessage::Kind::Request : IncomingMessage::Kind::Notification;
  if (Id)
    M.Id = std::move(*Id);
  if (llvm::json::Value *Params = Msg->get("params"))
    M.Params = std::move(*Params);
  return M;
}

} // namespace mmio::lsp
