// The language server: the LSP lifecycle, document notifications, and the requests it answers, dispatched from
// the reading thread; analyses run on the scheduler's worker and publish diagnostics from there.
#ifndef MMIO_AUDIT_LSP_SERVER_H
#define MMIO_AUDIT_LSP_SERVER_H

#include "CodeActions.h"
#include "CompileCommands.h"
#include "DocumentStore.h"
#include "Positions.h"
#include "Scheduler.h"
#include "Transport.h"

#include "check/Checker.h"
#include "rules/Ruleset.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/JSON.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace mmio::lsp {

struct ServerOptions {
  std::string CompileCommandsDir; // empty: search upwards from each file
  std::string RulesPath;          // empty: the built-in ruleset
  std::vector<std::string> Disable;
  bool ReportUnknown = false;
  bool WarningsAsErrors = false;
  std::chrono::milliseconds Debounce{500};
  FlagCleanupOptions Cleanup;
  bool Verbose = false;
};

class Server {
public:
  Server(Transport &T, ServerOptions Options);
  ~Server();

  /// Serves until `exit` or the end of input; returns the process's exit status (0 after a shutdown request).
  int run();

private:
  /// The ruleset and check options in force, or why there are none.
  struct Rules {
    std::optional<Ruleset> Set;
    CheckOptions Check;
    std::string Error;
  };
  /// The ruleset from --rules (its editor text when given), or the built-in one.
  std::shared_ptr<const Rules> loadRules(std::optional<std::string> Text = std::nullopt) const;
  std::shared_ptr<const Rules> currentRules() const;

  void handleMessage(const llvm::json::Value &Message);
  void handleRequest(const llvm::json::Value &Id, llvm::StringRef Method, const llvm::json::Value *Params);
  void handleNotification(llvm::StringRef Method, const llvm::json::Value *Params);

  llvm::json::Value initialize(const llvm::json::Object *Params);
  void didOpen(const llvm::json::Object &Params);
  void didChange(const llvm::json::Object &Params);
  void didSave(const llvm::json::Object &Params);
  void didClose(const llvm::json::Object &Params);
  llvm::json::Value codeAction(const llvm::json::Object &Params);

  /// Runs on the worker: analyses the document's current text and publishes the result, unless it changed meanwhile.
  void analyseDocument(const std::string &Uri);
  void publish(llvm::StringRef Uri, std::optional<int64_t> Version, llvm::json::Array Diagnostics);

  void reply(const llvm::json::Value &Id, llvm::json::Value Result);
  void replyError(const llvm::json::Value &Id, int Code, llvm::StringRef Message);
  void notify(llvm::StringRef Method, llvm::json::Value Params);
  /// To stderr, and to the client's log (window/logMessage) when `Type` is given (1 error .. 4 log).
  void log(llvm::StringRef Message, std::optional<int> Type = std::nullopt);

  Transport &T;
  ServerOptions Options;
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
  llvm::StringSet<> Fallback; // documents told that no compilation database was found
  llvm::StringSet<> Broken;   // documents whose unit last failed to compile

  std::unique_ptr<Scheduler> Worker; // last: stopped first
};

} // namespace mmio::lsp

#endif
