// The language server: the LSP lifecycle, document notifications, and the requests it answers, dispatched from
// the reading thread; analyses run on the scheduler's worker and publish diagnostics from there.
#ifndef MMIO_AUDIT_LSP_SERVER_H
#define MMIO_AUDIT_LSP_SERVER_H

#include "Analysis.h"
#include "CompileCommands.h"
#include "DocumentStore.h"
#include "FindingStore.h"
#include "HandlerTable.h"
#include "JsonRpc.h"
#include "MessageSink.h"
#include "Positions.h"
#include "Protocol.h"
#include "Scheduler.h"
#include "Transport.h"

#include "session/AuditSession.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace mmio::lsp {

struct ServerOptions {
  std::string CompileCommandsDir; // empty: search upwards from each file
  AuditSettings Session;          // RulesPath empty: the built-in ruleset
  std::chrono::milliseconds Debounce{500};
  FlagCleanupOptions Cleanup;
  bool Verbose = false;
  /// Where the log goes; it must be unbuffered (both threads write to it). The fuzzer's is discarded.
  llvm::raw_ostream *Log = &llvm::errs();
  /// Runs one analysis: clang and the engine. The fuzzer's stands in for them, so that an input costs microseconds
  /// and what gets fuzzed is the protocol's handling.
  std::function<AnalysisResult(const AnalysisRequest &, const AuditSession &)> Analyse = analyse;
  /// Analyses on the reading thread, as soon as they are scheduled (no debounce): deterministic, for the fuzzer.
  bool AnalyseInline = false;
};

class Server {
public:
  /// Every message for the client goes to `Out`.
  Server(MessageSink &Out, ServerOptions Options);
  ~Server();

  /// Serves the frames read from `In` until `exit` or the end of input; returns the process's exit status.
  int run(Transport &In);

  enum class After { Continue, Exit };
  /// Handles one frame's content: decodes it (a reply says what is wrong with it when it is not a message) and
  /// dispatches it. `Exit` after the exit notification, when nothing more is to be read.
  After receive(llvm::StringRef Body);
  /// The status to end with: 0 once a shutdown request has been answered, 1 otherwise (LSP's exit notification).
  int exitStatus() const { return ShutdownRequested ? 0 : 1; }

private:
  /// The session in force, or why there is none.
  struct Rules {
    std::optional<AuditSession> Session;
    std::string Error;
  };
  /// The ruleset from --rules (its editor text when given), or the built-in one.
  std::shared_ptr<const Rules> loadRules(std::optional<std::string> Text = std::nullopt) const;
  std::shared_ptr<const Rules> currentRules() const;

  /// The lifecycle (initialize first, nothing but exit after shutdown), then the handler table.
  void handleMessage(const IncomingMessage &M);
  void bindHandlers();

  llvm::json::Value initialize(const InitializeParams &Params);
  llvm::json::Value shutdown();
  void initialized();
  void didOpen(const DidOpenTextDocumentParams &Params);
  void didChange(const DidChangeTextDocumentParams &Params);
  void didSave(const DidSaveTextDocumentParams &Params);
  void didClose(const DidCloseTextDocumentParams &Params);
  llvm::json::Value codeAction(const CodeActionParams &Params);

  /// Runs on the worker: analyses the document's current text and publishes the result, unless it changed meanwhile.
  void analyseDocument(const std::string &Uri);
  /// Publishes the document's diagnostics, each given as JSON text; the message is written as text too, never
  /// built as one json::Value (20,000 findings would take gigabytes).
  void publish(llvm::StringRef Uri, std::optional<int64_t> Version, const std::vector<std::string> &Diagnostics);

  /// To stderr, and to the client's log (window/logMessage) when `Type` is given (1 error .. 4 log).
  void log(llvm::StringRef Message, std::optional<int> Type = std::nullopt);

  MessageSink &Out;
  ServerOptions Options;
  HandlerTable Handlers;
  DocumentStore Docs;
  CompileCommands Commands;
  FindingStore Findings;

  mutable std::mutex RulesMutex;
  std::shared_ptr<const Rules> ActiveRules;
  std::string RulesFile; // absolute path of --rules, to reload it when the editor saves it

  OffsetEncoding Encoding = OffsetEncoding::UTF16;
  bool Initialized = false;
  std::atomic<bool> ShutdownRequested{false};

  std::mutex PublishMutex; // a document's close and its last analysis's publication do not interleave
  std::mutex NoticeMutex;
  llvm::StringSet<> Fallback;  // documents told that no compilation database was found
  bool ToldNoDatabase = false; // the user was shown (window/showMessage) how to point the server at one
  llvm::StringSet<> Broken;    // documents whose unit last failed to compile

  std::unique_ptr<Scheduler> Worker; // last: stopped first
};

} // namespace mmio::lsp

#endif
