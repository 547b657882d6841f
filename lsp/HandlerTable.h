// The methods the server answers, each bound once to its handler with the type its params decode to, as clangd's
// LSPBinder does: dispatch decodes the params and answers a request whose params do not decode with InvalidParams.
#ifndef MMIO_AUDIT_LSP_HANDLERTABLE_H
#define MMIO_AUDIT_LSP_HANDLERTABLE_H

#include "JsonRpc.h"
#include "MessageSink.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/JSON.h"

#include <functional>
#include <optional>
#include <string>

namespace mmio::lsp {

class HandlerTable {
public:
  /// Requests are answered through `Out`; notifications whose params do not decode are told to `Ignored`.
  HandlerTable(MessageSink &Out, std::function<void(const llvm::Twine &)> Ignored)
      : Out(Out), Ignored(std::move(Ignored)) {}

  /// A request whose answer is what `Handle` returns.
  template <typename Params>
  void request(llvm::StringRef Method, std::function<llvm::json::Value(const Params &)> Handle) {
    Requests[Method] = [this, Method = Method.str(), Handle](const llvm::json::Value &Id,
                                                             const llvm::json::Value &Raw) {
      Params P;
      if (std::optional<std::string> Why = decode(Raw, P, Method))
        Out.replyError(Id, InvalidParams, "invalid params: " + *Why);
      else
        Out.reply(Id, Handle(P));
    };
  }
  /// A request without params.
  void request(llvm::StringRef Method, std::function<llvm::json::Value()> Handle) {
    Requests[Method] = [this, Handle](const llvm::json::Value &Id, const llvm::json::Value &) {
      Out.reply(Id, Handle());
    };
  }
  template <typename Params> void notification(llvm::StringRef Method, std::function<void(const Params &)> Handle) {
    Notifications[Method] = [this, Method = Method.str(), Handle](const llvm::json::Value &Raw) {
      Params P;
      if (std::optional<std::string> Why = decode(Raw, P, Method))
        Ignored("ignored " + Method + ": " + *Why);
      else
        Handle(P);
    };
  }
  void notification(llvm::StringRef Method, std::function<void()> Handle) {
    Notifications[Method] = [Handle](const llvm::json::Value &) { Handle(); };
  }

  bool hasRequest(llvm::StringRef Method) const { return Requests.count(Method); }
  /// Runs the request's handler; false when no handler has the method.
  bool dispatchRequest(const IncomingMessage &M) const {
    auto It = Requests.find(M.Method);
    if (It == Requests.end())
      return false;
    It->second(M.Id, M.Params);
    return true;
  }
  /// Runs the notification's handler; false when no handler has the method.
  bool dispatchNotification(const IncomingMessage &M) const {
    auto It = Notifications.find(M.Method);
    if (It == Notifications.end())
      return false;
    It->second(M.Params);
    return true;
  }

private:
  /// Why `Raw` is not a `Params`, with the path to what is wrong under `Method`; nothing when it decodes.
  template <typename Params>
  static std::optional<std::string> decode(const llvm::json::Value &Raw, Params &P, llvm::StringRef Method) {
    llvm::json::Path::Root Root(Method);
    if (fromJSON(Raw, P, Root))
      return std::nullopt;
    return llvm::toString(Root.getError());
  }

  MessageSink &Out;
  std::function<void(const llvm::Twine &)> Ignored;
  llvm::StringMap<std::function<void(const llvm::json::Value &Id, const llvm::json::Value &Params)>> Requests;
  llvm::StringMap<std::function<void(const llvm::json::Value &Params)>> Notifications;
};

} // namespace mmio::lsp

#endif
