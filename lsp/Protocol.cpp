#include "Protocol.h"

namespace mmio::lsp {

namespace json = llvm::json;

bool fromJSON(const json::Value &V, InitializeParams &P, json::Path Path) {
  // Every capability is optional, and so are the params: a client that sends none gets LSP's defaults.
  if (V.kind() == json::Value::Null)
    return true;
  json::ObjectMapper O(V, Path);
  if (!O)
    return false;
  const json::Value *Caps = V.getAsObject()->get("capabilities");
  if (!Caps)
    return true;
  json::ObjectMapper C(*Caps, Path.field("capabilities"));
  if (!C || !C.mapOptional("offsetEncoding", P.OffsetEncodings))
    return false;
  const json::Value *General = Caps->getAsObject()->get("general");
  if (!General)
    return true;
  json::ObjectMapper G(*General, Path.field("capabilities").field("general"));
  return G && G.mapOptional("positionEncodings", P.PositionEncodings);
}

bool fromJSON(const json::Value &V, TextDocumentIdentifier &P, json::Path Path) {
  json::ObjectMapper O(V, Path);
  return O && O.map("uri", P.Uri);
}

bool fromJSON(const json::Value &V, TextDocumentItem &P, json::Path Path) {
  json::ObjectMapper O(V, Path);
  return O && O.map("uri", P.Uri) && O.map("text", P.Text) && O.mapOptional("languageId", P.LanguageId) &&
         O.mapOptional("version", P.Version);
}

bool fromJSON(const json::Value &V, DidOpenTextDocumentParams &P, json::Path Path) {
  json::ObjectMapper O(V, Path);
  return O && O.map("textDocument", P.TextDocument);
}

bool fromJSON(const json::Value &V, TextDocumentContentChangeEvent &P, json::Path Path) {
  json::ObjectMapper O(V, Path);
  return O && O.map("text", P.Text) && O.mapOptional("range", P.Replaced);
}

bool fromJSON(const json::Value &V, DidChangeTextDocumentParams &P, json::Path Path) {
  json::ObjectMapper O(V, Path);
  if (!O || !O.map("textDocument", P.TextDocument) || !O.map("contentChanges", P.ContentChanges))
    return false;
  // The version sits beside the uri (a VersionedTextDocumentIdentifier).
  return json::ObjectMapper(*V.getAsObject()->get("textDocument"), Path.field("textDocument"))
      .mapOptional("version", P.Version);
}

bool fromJSON(const json::Value &V, DidSaveTextDocumentParams &P, json::Path Path) {
  json::ObjectMapper O(V, Path);
  return O && O.map("textDocument", P.TextDocument) && O.mapOptional("text", P.Text);
}

bool fromJSON(const json::Value &V, DidCloseTextDocumentParams &P, json::Path Path) {
  json::ObjectMapper O(V, Path);
  return O && O.map("textDocument", P.TextDocument);
}

bool fromJSON(const json::Value &V, CodeActionParams &P, json::Path Path) {
  json::ObjectMapper O(V, Path);
  if (!O || !O.map("textDocument", P.TextDocument) || !O.map("range", P.Requested))
    return false;
  const json::Value *Context = V.getAsObject()->get("context");
  if (!Context)
    return true;
  json::ObjectMapper C(*Context, Path.field("context"));
  return C && C.mapOptional("only", P.Only);
}

} // namespace mmio::lsp
