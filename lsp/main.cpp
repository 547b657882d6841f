// mmio-audit-lsp: mmio-audit's findings in the editor, over the Language Server Protocol on stdin/stdout, next to
// clangd. Only protocol goes to stdout: everything else (its log, anything a library prints) goes to stderr.
#include "BuildConfig.h"
#include "Server.h"
#include "Transport.h"

#include "tooling/SessionOptions.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <iostream>
#include <unistd.h>

namespace cl = llvm::cl;

namespace {

cl::OptionCategory Category("mmio-audit-lsp options");
// The server's own options go straight into its settings; Debounce is converted once parsed.
mmio::lsp::ServerOptions Parsed;
unsigned DebounceMs = 500;
cl::opt<std::string, true> CompileCommandsDir(
    "compile-commands-dir", cl::location(Parsed.CompileCommandsDir), cl::value_desc("DIR"), cl::cat(Category),
    cl::desc("Directory with compile_commands.json (default: the file's directory and its parents, as clangd looks)"));
cl::opt<unsigned, true> Debounce("debounce", cl::location(DebounceMs), cl::value_desc("MS"), cl::cat(Category),
                                 cl::desc("Analyse an edited file once the editor has been quiet this many "
                                          "milliseconds (default 500); open and save analyse at once"));
cl::opt<bool, true> Verbose("verbose", cl::location(Parsed.Verbose), cl::cat(Category),
                            cl::desc("Log every message and analysis to stderr"));
// What editors' LSP clients add on their own (vscode-languageclient's --stdio), and what `mmio-audit --lsp` passes on.
cl::opt<bool> Stdio("stdio",
                    cl::desc("Speak LSP on stdin/stdout (the only transport; accepted for clients that "
                             "pass it)"),
                    cl::Hidden, cl::cat(Category));
cl::opt<bool> Lsp("lsp", cl::desc("Accepted for `mmio-audit --lsp`"), cl::Hidden, cl::cat(Category));

} // namespace

int main(int argc, const char **argv) {
  llvm::InitLLVM X(argc, argv);
  cl::HideUnrelatedOptions({&Category, &mmio::sessionOptionCategory()});
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) { OS << "mmio-audit-lsp " << MMIO_AUDIT_VERSION << "\n"; });
  if (!cl::ParseCommandLineOptions(argc, argv,
                                   "mmio-audit-lsp: mmio-audit's findings as LSP diagnostics, with quick fixes\n\n"
                                   "Speaks the Language Server Protocol on stdin/stdout; run it from an editor next "
                                   "to clangd (docs/editors.md).\n",
                                   &llvm::errs()))
    return 2;
  mmio::FlagCleanupOptions Cleanup = mmio::cleanupOptionsFromCommandLine();
  if (llvm::Error E = mmio::checkCleanupOptions(Cleanup)) {
    llvm::errs() << "mmio-audit-lsp: error: " << llvm::toString(std::move(E)) << "\n";
    return 2;
  }

  // From here on stdout is the protocol's alone: the protocol gets its own descriptor, and descriptor 1 becomes
  // stderr, so that nothing else (a library's printf, llvm::outs()) can corrupt a frame.
  int ProtocolFd = ::dup(STDOUT_FILENO);
  if (ProtocolFd < 0 || ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
    llvm::errs() << "mmio-audit-lsp: cannot set up stdout for the protocol\n";
    return 2;
  }
  ::fcntl(ProtocolFd, F_SETFD, FD_CLOEXEC);
  // For test/lsp/stdout.test: write to stdout the ways a library could, to show none of it reaches the client.
  if (std::getenv("MMIO_AUDIT_LSP_TEST_STRAY_OUTPUT")) {
    std::printf("stray printf\n");
    std::fflush(stdout);
    std::cout << "stray std::cout" << std::endl;
    llvm::outs() << "stray llvm::outs\n";
    llvm::outs().flush();
  }
  // A client that goes away must not kill the server mid-write: writes fail instead, and the server ends cleanly.
  std::signal(SIGPIPE, SIG_IGN);

  mmio::lsp::ServerOptions Options = std::move(Parsed);
  Options.Session = mmio::sessionSettingsFromCommandLine();
  Options.Debounce = std::chrono::milliseconds(DebounceMs);
  Options.Cleanup = std::move(Cleanup);

  mmio::lsp::Transport T(STDIN_FILENO, ProtocolFd);
  int Status;
  {
    mmio::lsp::Server S(T, std::move(Options));
    Status = S.run(T);
  }
  ::close(ProtocolFd);
  return Status;
}
