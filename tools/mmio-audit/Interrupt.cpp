#include "Interrupt.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Signals.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <pthread.h>
#include <string>
#include <thread>
#include <unistd.h>

namespace mmio {

namespace {

// A signal handler may do almost nothing, so it only passes the signal's number down a pipe; a thread does the rest
// outside signal context, where it can take a lock and wait for a commit to finish.
int SignalPipe[2] = {-1, -1};
std::atomic<bool> NewLineFirst{false};

std::atomic<bool> Pending{false};

std::mutex &commitMutex() {
  static std::mutex M;
  return M;
}

extern "C" void onInterrupt(int Signal) {
  int SavedErrno = errno;
  Pending = true; // at once: a commit ending now must not let the run exit as if nothing happened
  unsigned char Number = static_cast<unsigned char>(Signal);
  (void)!::write(SignalPipe[1], &Number, 1); // a full pipe already holds an interrupt
  errno = SavedErrno;
}

/// Ends the process killed by `Signal`, as the shell and make should see it, after removing the files registered
/// with RemoveFileOnSignal (staged reports, fixes); the commit lock is held until then, so nothing is committed
/// after this point. `Message` goes to standard error first.
[[noreturn]] void endKilledBy(int Signal, llvm::StringRef Message) {
  commitMutex().lock();
  llvm::sys::RunInterruptHandlers();
  (void)!::write(STDERR_FILENO, Message.data(), Message.size());
  std::signal(Signal, SIG_DFL);
  sigset_t Unblock;
  sigemptyset(&Unblock);
  sigaddset(&Unblock, Signal);
  pthread_sigmask(SIG_UNBLOCK, &Unblock, nullptr);
  ::raise(Signal);
  ::_exit(128 + Signal); // only if the signal could not end the process
}

[[noreturn]] void stopFor(int Signal) {
  std::string Message = std::string("\nmmio-audit: error: interrupted by ") +
                        (Signal == SIGINT ? "SIGINT" : "SIGTERM") + "; no report or fix was left half-written\n";
  if (!NewLineFirst)
    Message.erase(0, 1);
  endKilledBy(Signal, Message);
}

void watch() {
  for (;;) {
    unsigned char Number;
    ssize_t N = ::read(SignalPipe[0], &Number, 1);
    if (N == 1)
      stopFor(Number);
    if (N < 0 && errno == EINTR)
      continue;
    return;
  }
}

bool isIgnored(int Signal) {
  struct sigaction Old;
  return ::sigaction(Signal, nullptr, &Old) == 0 && Old.sa_handler == SIG_IGN;
}

} // namespace

IgnoredSignals signalsIgnoredAtStart() { return {isIgnored(SIGINT), isIgnored(SIGTERM)}; }

void setProgressShown(bool Shown) { NewLineFirst = Shown; }

void handleInterrupts(IgnoredSignals Ignored) {
  if (::pipe2(SignalPipe, O_CLOEXEC) != 0)
    return; // LLVM's own handlers stay: they too remove the registered files, then re-raise the signal
  ::fcntl(SignalPipe[1], F_SETFL, O_NONBLOCK);
  std::thread(watch).detach();
  for (int Signal : {SIGINT, SIGTERM}) {
    struct sigaction Action;
    std::memset(&Action, 0, sizeof Action);
    Action.sa_handler = (Signal == SIGINT ? Ignored.Int : Ignored.Term) ? SIG_IGN : onInterrupt;
    sigemptyset(&Action.sa_mask);
    Action.sa_flags = SA_RESTART;
    ::sigaction(Signal, &Action, nullptr);
  }
}

void ignoreBrokenPipe() { std::signal(SIGPIPE, SIG_IGN); }

void endQuietlyOnBrokenPipe() { endKilledBy(SIGPIPE, ""); }

DeferInterrupts::DeferInterrupts() : Lock(commitMutex()) {}
DeferInterrupts::~DeferInterrupts() {
  Lock.unlock();
  // The run must not go on to exit normally, with a status that hides the interrupt, before the watcher ends it.
  while (Pending)
    ::pause();
}

} // namespace mmio
