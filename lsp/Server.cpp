#include "Server.h"

#include "Analysis.h"
#include "BuildConfig.h"

#include "rules/RulesetLoader.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace mmio::lsp {

namespace {

// JSON-RPC and LSP error codes.
constexpr int ParseError = -32700;
constexpr int InvalidRequest = -32600;
constexpr int MethodNotFound = -32601;
constexpr int InvalidParams = -32602;
constexpr int ServerNotInitialized = -32002;

/// The encoding to speak: the first one the client lists that this server knows (clients list by preference);
/// UTF-16, LSP's default, when it lists none.
OffsetEncoding chooseEncoding(const llvm::json::Array *Offered) {
  if (Offered)
    for (const llvm::json::Value &V : *Offered)
      if (std::optional<llvm::StringRef> Name = V.getAsString())
        if (std::optional<OffsetEncoding> E = encodingFromName(*Name))
          return *E;
  return OffsetEncoding::UTF16;
}

/// Whether a document is C (or a language of the C family clang compiles), by the editor's language id, else by
/// its extension. Others (the ruleset, opened to be reloaded on save) are kept but not analysed.
bool isSource(const Document &D) {
  if (!D.LanguageId.empty())
    return llvm::is_contained({"c", "cpp", "objective-c", "objective-cpp", "cuda"}, D.LanguageId);
  llvm::StringRef Ext = llvm::sys::path::extension(D.Path);
  return llvm::is_contained({".c", ".h", ".cc", ".cpp", ".cxx", ".hh", ".hpp", ".hxx", ".m", ".mm", ".cu"}, Ext);
}

/// A message for the client, as a JSON string must be: UTF-8. A path decoded from a URI's %XX escapes need not be,
/// nor a ruleset's error quoting its file, and llvm::json asserts on them (and replaces what is invalid in a build
/// without assertions, which is what this does in every build).
std::string clientText(const llvm::Twine &Message) {
  std::string Text = ("mmio-audit: " + Message).str();
  return llvm::json::isUTF8(Text) ? Text : llvm::json::fixUTF8(Text);
}

std::string absolute(llvm::StringRef Path) {
  llvm::SmallString<256> P(Path);
  llvm::sys::fs::make_absolute(P);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

} // namespace

Server::Server(MessageSink &Out, ServerOptions O)
    : Out(Out), Options(std::move(O)), Commands(Options.CompileCommandsDir, Options.Cleanup),
      RulesFile(Options.RulesPath.empty() ? std::string() : absolute(Options.RulesPath)) {
  ActiveRules = loadRules();
  if (!ActiveRules->Error.empty())
    log(ActiveRules->Error);
  Worker = std::make_unique<Scheduler>([this](const std::string &Uri) { analyseDocument(Uri); },
                                       Options.AnalyseInline);
}

Server::~Server() { Worker->stop(); }

std::shared_ptr<const Server::Rules> Server::loadRules(std::optional<std::string> Text) const {
  auto R = std::make_shared<Rules>();
  llvm::Expected<Ruleset> Loaded = RulesFile.empty() ? loadBuiltinRuleset()
                                   : Text            ? parseRuleset(*Text, RulesFile)
                                                     : loadRulesetFile(RulesFile);
  if (!Loaded) {
    R->Error = llvm::toString(Loaded.takeError());
    return R;
  }
  for (const std::string &Id : Options.Disable) {
    if (!Loaded->findRule(Id)) {
      R->Error = "cannot disable rule '" + Id + "': no such rule in " + Loaded->Source;
      return R;
    }
    R->Check.DisabledRules.insert(Id);
  }
  R->Check.ReportUnknown = Options.ReportUnknown;
  R->Set = std::move(*Loaded);
  return R;
}

std::shared_ptr<const Server::Rules> Server::currentRules() const {
  std::lock_guard<std::mutex> Lock(RulesMutex);
  return ActiveRules;
}

void Server::log(llvm::StringRef Message, std::optional<int> Type) {
  // One write a line: the worker logs too, and the log is unbuffered.
  *Options.Log << ("mmio-audit-lsp: " + Message + "\n").str();
  if (Type)
    notify("window/logMessage", llvm::json::Object{{"type", *Type}, {"message", clientText(Message)}});
}

void Server::reply(const llvm::json::Value &Id, llvm::json::Value Result) {
  Out.send(llvm::json::Object{{"jsonrpc", "2.0"}, {"id", Id}, {"result", std::move(Result)}});
}

void Server::replyError(const llvm::json::Value &Id, int Code, llvm::StringRef Message) {
  Out.send(llvm::json::Object{
      {"jsonrpc", "2.0"}, {"id", Id}, {"error", llvm::json::Object{{"code", Code}, {"message", Message}}}});
}

void Server::notify(llvm::StringRef Method, llvm::json::Value Params) {
  Out.send(llvm::json::Object{{"jsonrpc", "2.0"}, {"method", Method}, {"params", std::move(Params)}});
}

int Server::run(Transport &In) {
  std::string Body;
  for (;;) {
    Transport::ReadResult R = In.read(Body);
    if (R == Transport::ReadResult::End) {
      log(ShutdownRequested ? "the client closed the connection" : "the client went away without shutting down");
      Worker->stop();
      return exitStatus();
    }
    if (R == Transport::ReadResult::Malformed) {
      log("skipped " + Body);
      continue;
    }
    if (receive(Body) == After::Exit)
      return exitStatus();
    if (!Out.connected()) {
      log("cannot write to the client any more");
      Worker->stop();
      return exitStatus();
    }
  }
}

Server::After Server::receive(llvm::StringRef Body) {
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(Body);
  if (!Parsed) {
    std::string Why = llvm::toString(Parsed.takeError());
    log("a message that is not JSON: " + Why);
    replyError(nullptr, ParseError, "invalid JSON: " + Why);
    return After::Continue;
  }
  const llvm::json::Object *Msg = Parsed->getAsObject();
  std::optional<llvm::StringRef> Method = Msg ? Msg->getString("method") : std::nullopt;
  if (Method && *Method == "exit") {
    Worker->stop();
    return After::Exit;
  }
  handleMessage(*Parsed);
  return After::Continue;
}

void Server::handleMessage(const llvm::json::Value &Message) {
  const llvm::json::Object *Msg = Message.getAsObject();
  if (!Msg) {
    replyError(nullptr, InvalidRequest, "a message must be a JSON object");
    return;
  }
  std::optional<llvm::StringRef> Method = Msg->getString("method");
  const llvm::json::Value *Id = Msg->get("id");
  if (!Method) {
    if (!Id)
      replyError(nullptr, InvalidRequest, "a message without a method");
    return; // a response to a request of ours: this server sends none
  }
  if (Options.Verbose)
    log(("<-- " + *Method).str());
  if (Id)
    handleRequest(*Id, *Method, Msg->get("params"));
  else
    handleNotification(*Method, Msg->get("params"));
}

void Server::handleRequest(const llvm::json::Value &Id, llvm::StringRef Method, const llvm::json::Value *Params) {
  if (Method == "initialize") {
    if (Initialized) {
      replyError(Id, InvalidRequest, "initialize was already sent");
      return;
    }
    reply(Id, initialize(Params ? Params->getAsObject() : nullptr));
    Initialized = true;
    return;
  }
  if (!Initialized) {
    replyError(Id, ServerNotInitialized, "the server is not initialized: send initialize first");
    return;
  }
  if (ShutdownRequested) {
    replyError(Id, InvalidRequest, "the server is shutting down");
    return;
  }
  if (Method == "shutdown") {
    ShutdownRequested = true;
    Worker->stop();
    reply(Id, nullptr);
    return;
  }
  if (Method == "textDocument/codeAction") {
    const llvm::json::Object *P = Params ? Params->getAsObject() : nullptr;
    if (!P) {
      replyError(Id, InvalidParams, "textDocument/codeAction needs params");
      return;
    }
    reply(Id, codeAction(*P));
    return;
  }
  replyError(Id, MethodNotFound, ("method not found: " + Method).str());
}

void Server::handleNotification(llvm::StringRef Method, const llvm::json::Value *Params) {
  if (!Initialized || ShutdownRequested)
    return; // LSP: notifications before initialize are dropped, and after shutdown only exit counts
  const llvm::json::Object *P = Params ? Params->getAsObject() : nullptr;
  if (Method == "initialized") {
    std::shared_ptr<const Rules> R = currentRules();
    if (!R->Error.empty())
      notify("window/showMessage", llvm::json::Object{{"type", 1}, {"message", clientText(R->Error)}});
    return;
  }
  if (!Method.starts_with("textDocument/"))
    return; // $/cancelRequest, $/setTrace, workspace/...: nothing to do
  if (!P) {
    log(("ignored " + Method + " without params").str(), 1);
    return;
  }
  if (Method == "textDocument/didOpen")
    didOpen(*P);
  else if (Method == "textDocument/didChange")
    didChange(*P);
  else if (Method == "textDocument/didSave")
    didSave(*P);
  else if (Method == "textDocument/didClose")
    didClose(*P);
}

llvm::json::Value Server::initialize(const llvm::json::Object *Params) {
  const llvm::json::Object *Caps = Params ? Params->getObject("capabilities") : nullptr;
  const llvm::json::Object *General = Caps ? Caps->getObject("general") : nullptr;
  const llvm::json::Array *PositionEncodings = General ? General->getArray("positionEncodings") : nullptr;
  // clangd's extension, which clients wrote before LSP 3.17 standardised positionEncodings.
  const llvm::json::Array *OffsetEncodings = Caps ? Caps->getArray("offsetEncoding") : nullptr;
  Encoding = chooseEncoding(PositionEncodings ? PositionEncodings : OffsetEncodings);

  llvm::json::Object Capabilities{
      {"textDocumentSync",
       llvm::json::Object{{"openClose", true}, {"change", 2}, {"save", llvm::json::Object{{"includeText", true}}}}},
      {"codeActionProvider", llvm::json::Object{{"codeActionKinds", llvm::json::Array{"quickfix"}}}},
  };
  if (PositionEncodings)
    Capabilities["positionEncoding"] = encodingName(Encoding);
  llvm::json::Object Result{
      {"capabilities", std::move(Capabilities)},
      {"serverInfo", llvm::json::Object{{"name", "mmio-audit-lsp"}, {"version", MMIO_AUDIT_VERSION}}},
  };
  if (OffsetEncodings)
    Result["offsetEncoding"] = encodingName(Encoding);
  return Result;
}

void Server::didOpen(const llvm::json::Object &Params) {
  const llvm::json::Object *TD = Params.getObject("textDocument");
  std::optional<llvm::StringRef> Uri = TD ? TD->getString("uri") : std::nullopt;
  std::optional<llvm::StringRef> Text = TD ? TD->getString("text") : std::nullopt;
  if (!Uri || !Text) {
    log("ignored a didOpen without textDocument.uri and text", 1);
    return;
  }
  llvm::Expected<std::string> Path = pathFromUri(*Uri);
  if (!Path) {
    log("ignored " + llvm::toString(Path.takeError()), 4);
    return;
  }
  Document D;
  D.Uri = Uri->str();
  D.Path = *Path;
  D.LanguageId = TD->getString("languageId").value_or("").str();
  D.Version = TD->getInteger("version").value_or(0);
  D.Text = Text->str();
  bool Analyse = isSource(D);
  Docs.open(std::move(D));
  if (Analyse)
    Worker->schedule(*Uri, std::chrono::milliseconds(0));
}

void Server::didChange(const llvm::json::Object &Params) {
  const llvm::json::Object *TD = Params.getObject("textDocument");
  std::optional<llvm::StringRef> Uri = TD ? TD->getString("uri") : std::nullopt;
  const llvm::json::Array *Changes = Params.getArray("contentChanges");
  if (!Uri || !Changes) {
    log("ignored a didChange without textDocument.uri and contentChanges", 1);
    return;
  }
  int64_t Version = TD->getInteger("version").value_or(0);
  if (llvm::Error E = Docs.change(*Uri, Version, *Changes, Encoding)) {
    log("ignored a change of " + Uri->str() + ": " + llvm::toString(std::move(E)), 1);
    return;
  }
  if (std::optional<Document> D = Docs.get(*Uri); D && isSource(*D))
    Worker->schedule(*Uri, Options.Debounce);
}

void Server::didSave(const llvm::json::Object &Params) {
  const llvm::json::Object *TD = Params.getObject("textDocument");
  std::optional<llvm::StringRef> Uri = TD ? TD->getString("uri") : std::nullopt;
  if (!Uri)
    return;
  if (std::optional<llvm::StringRef> Text = Params.getString("text"))
    Docs.setText(*Uri, Text->str());
  llvm::Expected<std::string> Path = pathFromUri(*Uri);
  if (!Path) {
    llvm::consumeError(Path.takeError());
    return;
  }
  if (!RulesFile.empty() && absolute(*Path) == RulesFile) {
    // The ruleset itself was saved: check every open document against the new rules (as the editor has it).
    std::optional<Document> D = Docs.get(*Uri);
    std::shared_ptr<const Rules> R = loadRules(D ? std::optional<std::string>(D->Text) : std::nullopt);
    {
      std::lock_guard<std::mutex> Lock(RulesMutex);
      ActiveRules = R;
    }
    if (!R->Error.empty()) {
      notify("window/showMessage", llvm::json::Object{{"type", 1}, {"message", clientText(R->Error)}});
      return;
    }
    log("reloaded " + RulesFile, 3);
    for (const Document &D : Docs.all())
      if (isSource(D))
        Worker->schedule(D.Uri, std::chrono::milliseconds(0));
    return;
  }
  if (std::optional<Document> D = Docs.get(*Uri); D && isSource(*D))
    Worker->schedule(*Uri, std::chrono::milliseconds(0));
}

void Server::didClose(const llvm::json::Object &Params) {
  const llvm::json::Object *TD = Params.getObject("textDocument");
  std::optional<llvm::StringRef> Uri = TD ? TD->getString("uri") : std::nullopt;
  if (!Uri)
    return;
  Worker->cancel(*Uri);
  {
    std::lock_guard<std::mutex> Lock(PublishMutex);
    Docs.close(*Uri);
    Findings.erase(*Uri);
    // A closed file's findings leave the editor's problem list, as clangd's do.
    publish(*Uri, std::nullopt, llvm::json::Array());
  }
  std::lock_guard<std::mutex> Lock(NoticeMutex);
  Fallback.erase(*Uri);
  Broken.erase(*Uri);
}

llvm::json::Value Server::codeAction(const llvm::json::Object &Params) {
  const llvm::json::Object *TD = Params.getObject("textDocument");
  std::optional<llvm::StringRef> Uri = TD ? TD->getString("uri") : std::nullopt;
  Range Requested;
  llvm::json::Path::Root Root;
  const llvm::json::Value *RangeValue = Params.get("range");
  if (!Uri || !RangeValue || !fromJSON(*RangeValue, Requested, Root))
    return llvm::json::Array();
  // Only quick fixes are offered: a client asking for other kinds alone gets none.
  if (const llvm::json::Object *Context = Params.getObject("context"))
    if (const llvm::json::Array *Only = Context->getArray("only")) {
      bool Wanted = false;
      for (const llvm::json::Value &K : *Only)
        if (std::optional<llvm::StringRef> Kind = K.getAsString())
          Wanted |= Kind->empty() || *Kind == "quickfix";
      if (!Wanted)
        return llvm::json::Array();
    }
  std::optional<int64_t> Version = Docs.version(*Uri);
  if (!Version)
    return llvm::json::Array();
  return Findings.codeActions(*Uri, *Version, Requested);
}

void Server::publish(llvm::StringRef Uri, std::optional<int64_t> Version, llvm::json::Array Diagnostics) {
  llvm::json::Object Params{{"uri", Uri}, {"diagnostics", std::move(Diagnostics)}};
  if (Version)
    Params["version"] = *Version;
  notify("textDocument/publishDiagnostics", std::move(Params));
}

void Server::analyseDocument(const std::string &Uri) {
  std::shared_ptr<const Rules> R = currentRules();
  if (!R->Set)
    return; // the ruleset's error has been shown; nothing can be checked

  AnalysisRequest Request;
  std::optional<Document> Doc;
  for (Document &D : Docs.all()) {
    if (D.Uri == Uri)
      Doc = D;
    Request.Overlay.emplace_back(D.Path, std::move(D.Text));
  }
  if (!Doc)
    return; // closed meanwhile
  Request.Uri = Uri;
  Request.Path = Doc->Path;
  Request.Encoding = Encoding;
  Request.WarningsAsErrors = Options.WarningsAsErrors;
  Request.Command = Commands.commandFor(Doc->Path);
  if (Request.Command.Source.empty()) {
    std::lock_guard<std::mutex> Lock(NoticeMutex);
    if (Fallback.insert(Uri).second)
      log("no compile_commands.json or compile_flags.txt for " + Doc->Path +
              (Options.CompileCommandsDir.empty() ? " in its directory or above"
                                                  : " in " + Options.CompileCommandsDir) +
              ": analysing it as `clang FILE`",
          3);
  }

  AnalysisResult Result = Options.Analyse(Request, *R->Set, R->Check);

  {
    std::lock_guard<std::mutex> Lock(PublishMutex);
    std::optional<int64_t> Now = Docs.version(Uri);
    if (!Now || *Now != Doc->Version || ShutdownRequested)
      return; // closed, or changed (its next run is scheduled): this result is stale
    llvm::json::Array Diagnostics;
    for (const LspFinding &F : Result.Findings)
      Diagnostics.push_back(llvm::json::Object(F.Diagnostic));
    size_t Count = Result.Findings.size();
    Findings.set(Uri, Doc->Version, std::move(Result.Findings));
    publish(Uri, Doc->Version, std::move(Diagnostics));
    if (Options.Verbose)
      log("--> " + std::to_string(Count) + " finding(s) for " + Doc->Path + " version " + std::to_string(Doc->Version) +
          " (" + std::to_string(Result.Suppressed) + " suppressed, " + std::to_string(Result.Elsewhere) +
          " in other files)");
  }

  std::lock_guard<std::mutex> Lock(NoticeMutex);
  if (Result.State == AnalysisResult::Status::DidNotCompile) {
    if (Broken.insert(Uri).second)
      log(Doc->Path + " does not compile, so it is not analysed until it does (" + Result.Problem + ")", 3);
  } else if (Broken.erase(Uri)) {
    log(Doc->Path + " compiles again", 3);
  }
}

} // namespace mmio::lsp
