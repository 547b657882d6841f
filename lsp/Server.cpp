#include "Server.h"

#include "Analysis.h"
#include "BuildConfig.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace mmio::lsp {

namespace {

/// The encoding to speak: the first one the client lists that this server knows (clients list by preference);
/// UTF-16, LSP's default, when it lists none.
OffsetEncoding chooseEncoding(const std::optional<std::vector<std::string>> &Offered) {
  if (Offered)
    for (const std::string &Name : *Offered)
      if (std::optional<OffsetEncoding> E = encodingFromName(Name))
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

} // namespace

Server::Server(MessageSink &Out, ServerOptions O)
    : Out(Out), Options(std::move(O)), Handlers(Out, [this](const llvm::Twine &Why) { log(Why.str(), 1); }),
      Commands(Options.CompileCommandsDir, Options.Cleanup),
      RulesFile(Options.Session.RulesPath.empty() ? std::string() : absolutePath(Options.Session.RulesPath, "")) {
  bindHandlers();
  ActiveRules = loadRules();
  if (!ActiveRules->Error.empty())
    log(ActiveRules->Error);
  Worker = std::make_unique<Scheduler>([this](const std::string &Uri) { analyseDocument(Uri); }, Options.AnalyseInline);
}

Server::~Server() { Worker->stop(); }

std::shared_ptr<const Server::Rules> Server::loadRules(std::optional<std::string> Text) const {
  auto R = std::make_shared<Rules>();
  AuditSettings Settings = Options.Session;
  Settings.RulesPath = RulesFile;
  Settings.RulesText = std::move(Text);
  llvm::Expected<AuditSession> Loaded = AuditSession::load(Settings);
  if (!Loaded)
    R->Error = llvm::toString(Loaded.takeError());
  else
    R->Session.emplace(std::move(*Loaded));
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
    Out.notify("window/logMessage", llvm::json::Object{{"type", *Type}, {"message", clientText(Message)}});
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
  RpcError Error;
  std::optional<IncomingMessage> M = decodeMessage(Body, Error);
  if (!M) {
    if (Error.Code == ParseError)
      log("a message that is not JSON: " + Error.Message);
    Out.replyError(nullptr, Error.Code, Error.Message);
    return After::Continue;
  }
  if (M->Type == IncomingMessage::Kind::Notification && M->Method == "exit") {
    Worker->stop();
    return After::Exit;
  }
  handleMessage(*M);
  return After::Continue;
}

void Server::bindHandlers() {
  Handlers.request<InitializeParams>("initialize", [this](const InitializeParams &P) { return initialize(P); });
  Handlers.request("shutdown", [this] { return shutdown(); });
  Handlers.request<CodeActionParams>("textDocument/codeAction",
                                     [this](const CodeActionParams &P) { return codeAction(P); });
  Handlers.notification("initialized", [this] { initialized(); });
  Handlers.notification<DidOpenTextDocumentParams>("textDocument/didOpen",
                                                   [this](const DidOpenTextDocumentParams &P) { didOpen(P); });
  Handlers.notification<DidChangeTextDocumentParams>("textDocument/didChange",
                                                     [this](const DidChangeTextDocumentParams &P) { didChange(P); });
  Handlers.notification<DidSaveTextDocumentParams>("textDocument/didSave",
                                                   [this](const DidSaveTextDocumentParams &P) { didSave(P); });
  Handlers.notification<DidCloseTextDocumentParams>("textDocument/didClose",
                                                    [this](const DidCloseTextDocumentParams &P) { didClose(P); });
}

void Server::handleMessage(const IncomingMessage &M) {
  if (M.Type == IncomingMessage::Kind::Response)
    return; // to a request of ours: this server sends none
  if (Options.Verbose)
    log("<-- " + M.Method);
  if (M.Type == IncomingMessage::Kind::Request) {
    if (M.Method == "initialize" && Initialized)
      Out.replyError(M.Id, InvalidRequest, "initialize was already sent");
    else if (M.Method != "initialize" && !Initialized)
      Out.replyError(M.Id, ServerNotInitialized, "the server is not initialized: send initialize first");
    else if (ShutdownRequested)
      Out.replyError(M.Id, InvalidRequest, "the server is shutting down");
    else if (!Handlers.dispatchRequest(M))
      Out.replyError(M.Id, MethodNotFound, "method not found: " + M.Method);
    return;
  }
  // LSP: notifications before initialize are dropped, and after shutdown only exit counts. Those without a
  // handler ($/cancelRequest, $/setTrace, workspace/...) have nothing to do.
  if (Initialized && !ShutdownRequested)
    Handlers.dispatchNotification(M);
}

llvm::json::Value Server::initialize(const InitializeParams &P) {
  Encoding = chooseEncoding(P.PositionEncodings ? P.PositionEncodings : P.OffsetEncodings);
  llvm::json::Object Capabilities{
      {"textDocumentSync",
       llvm::json::Object{{"openClose", true}, {"change", 2}, {"save", llvm::json::Object{{"includeText", true}}}}},
      {"codeActionProvider", llvm::json::Object{{"codeActionKinds", llvm::json::Array{"quickfix"}}}},
  };
  if (P.PositionEncodings)
    Capabilities["positionEncoding"] = encodingName(Encoding);
  llvm::json::Object Result{
      {"capabilities", std::move(Capabilities)},
      {"serverInfo", llvm::json::Object{{"name", "mmio-audit-lsp"}, {"version", MMIO_AUDIT_VERSION}}},
  };
  if (P.OffsetEncodings)
    Result["offsetEncoding"] = encodingName(Encoding);
  Initialized = true;
  return Result;
}

llvm::json::Value Server::shutdown() {
  ShutdownRequested = true;
  Worker->stop();
  return nullptr;
}

void Server::initialized() {
  std::shared_ptr<const Rules> R = currentRules();
  if (!R->Error.empty())
    Out.notify("window/showMessage", llvm::json::Object{{"type", 1}, {"message", clientText(R->Error)}});
}

void Server::didOpen(const DidOpenTextDocumentParams &P) {
  const TextDocumentItem &TD = P.TextDocument;
  llvm::Expected<std::string> Path = pathFromUri(TD.Uri);
  if (!Path) {
    log("ignored " + llvm::toString(Path.takeError()), 4);
    return;
  }
  Document D;
  D.Uri = TD.Uri;
  D.Path = *Path;
  D.LanguageId = TD.LanguageId;
  D.Version = TD.Version;
  D.Text = TD.Text;
  bool Analyse = isSource(D);
  Docs.open(std::move(D));
  if (Analyse)
    Worker->schedule(TD.Uri, std::chrono::milliseconds(0));
}

void Server::didChange(const DidChangeTextDocumentParams &P) {
  const std::string &Uri = P.TextDocument.Uri;
  if (llvm::Error E = Docs.change(Uri, P.Version, P.ContentChanges, Encoding)) {
    log("ignored a change of " + Uri + ": " + llvm::toString(std::move(E)), 1);
    return;
  }
  if (std::optional<Document> D = Docs.get(Uri); D && isSource(*D))
    Worker->schedule(Uri, Options.Debounce);
}

void Server::didSave(const DidSaveTextDocumentParams &P) {
  const std::string *Uri = &P.TextDocument.Uri;
  if (P.Text)
    Docs.setText(*Uri, *P.Text);
  llvm::Expected<std::string> Path = pathFromUri(*Uri);
  if (!Path) {
    llvm::consumeError(Path.takeError());
    return;
  }
  if (!RulesFile.empty() && absolutePath(*Path, "") == RulesFile) {
    // The ruleset itself was saved: check every open document against the new rules (as the editor has it).
    std::optional<Document> D = Docs.get(*Uri);
    std::shared_ptr<const Rules> R = loadRules(D ? std::optional<std::string>(D->Text) : std::nullopt);
    {
      std::lock_guard<std::mutex> Lock(RulesMutex);
      ActiveRules = R;
    }
    if (!R->Error.empty()) {
      Out.notify("window/showMessage", llvm::json::Object{{"type", 1}, {"message", clientText(R->Error)}});
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

void Server::didClose(const DidCloseTextDocumentParams &P) {
  const std::string *Uri = &P.TextDocument.Uri;
  Worker->cancel(*Uri);
  {
    std::lock_guard<std::mutex> Lock(PublishMutex);
    Docs.close(*Uri);
    Findings.erase(*Uri);
    // A closed file's findings leave the editor's problem list, as clangd's do.
    publish(*Uri, std::nullopt, {});
  }
  std::lock_guard<std::mutex> Lock(NoticeMutex);
  Fallback.erase(*Uri);
  Broken.erase(*Uri);
}

llvm::json::Value Server::codeAction(const CodeActionParams &P) {
  // Only quick fixes are offered: a client asking for other kinds alone gets none.
  if (P.Only && !llvm::any_of(*P.Only, [](const std::string &K) { return K.empty() || K == "quickfix"; }))
    return llvm::json::Array();
  std::optional<int64_t> Version = Docs.version(P.TextDocument.Uri);
  if (!Version)
    return llvm::json::Array();
  return Findings.codeActions(P.TextDocument.Uri, *Version, P.Requested);
}

void Server::publish(llvm::StringRef Uri, std::optional<int64_t> Version, const std::vector<std::string> &Diagnostics) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  llvm::json::OStream J(OS);
  J.object([&] {
    J.attribute("jsonrpc", "2.0");
    J.attribute("method", "textDocument/publishDiagnostics");
    J.attributeObject("params", [&] {
      J.attributeArray("diagnostics", [&] {
        for (const std::string &D : Diagnostics)
          J.rawValue(D);
      });
      J.attribute("uri", Uri);
      if (Version)
        J.attribute("version", *Version);
    });
  });
  Out.sendText(std::move(Text));
}

void Server::analyseDocument(const std::string &Uri) {
  std::shared_ptr<const Rules> R = currentRules();
  if (!R->Session)
    return; // the ruleset's error has been shown; nothing can be checked

  AnalysisRequest Request;
  std::optional<Document> Doc;
  for (Document &D : Docs.all()) {
    if (D.Uri == Uri)
      Doc = D;
    Request.Overlay[D.Path] = std::move(D.Text);
  }
  if (!Doc)
    return; // closed meanwhile
  Request.Uri = Uri;
  Request.Path = Doc->Path;
  Request.Encoding = Encoding;
  Request.Command = Commands.commandFor(Doc->Path);
  if (Request.Command.Source.empty()) {
    std::lock_guard<std::mutex> Lock(NoticeMutex);
    if (Fallback.insert(Uri).second) {
      log("no compile_commands.json or compile_flags.txt for " + Doc->Path +
              (Options.CompileCommandsDir.empty() ? " in its directory or above"
                                                  : " in " + Options.CompileCommandsDir) +
              ": analysing it as `clang FILE`",
          3);
      // The log is easy to miss (Neovim shows it nowhere), and without the build's flags a kernel file does not
      // compile, so nothing at all shows. Said once per session, in the editor's face, with what to do.
      if (!ToldNoDatabase) {
        ToldNoDatabase = true;
        Out.notify("window/showMessage",
                   llvm::json::Object{
                       {"type", 2},
                       {"message", clientText("no compile_commands.json found for " + Doc->Path +
                                              ", so it is analysed without its build's flags (a kernel file then "
                                              "does not compile, and shows no finding). For an O= build, start the "
                                              "server with --compile-commands-dir=BUILD_DIR, or link "
                                              "BUILD_DIR/compile_commands.json into the source tree.")}});
      }
    }
  }

  AnalysisResult Result = Options.Analyse(Request, *R->Session);

  {
    std::lock_guard<std::mutex> Lock(PublishMutex);
    std::optional<int64_t> Now = Docs.version(Uri);
    if (!Now || *Now != Doc->Version || ShutdownRequested)
      return; // closed, or changed (its next run is scheduled): this result is stale
    size_t Count = Result.Findings.size();
    std::vector<std::string> Diagnostics;
    Diagnostics.reserve(Count);
    for (const LspFinding &F : Result.Findings)
      Diagnostics.push_back(F.Diagnostic);
    // Stored first: a client may ask for the fixes of a diagnostic as soon as it sees it.
    Findings.set(Uri, Doc->Version, std::move(Result.Findings));
    publish(Uri, Doc->Version, Diagnostics);
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
