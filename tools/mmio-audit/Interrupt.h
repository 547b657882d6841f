// Ctrl-C (SIGINT) and SIGTERM during a run: the run stops at once, removes the temporary files of reports and fixes
// it had not yet put in place, says so, and ends killed by the same signal, so that the shell (exit status 130 or
// 143), make and CI runners see an interrupted run rather than a result. Renaming a run's fixes into place is never
// cut short: an interrupt arriving meanwhile waits for it, so files are either all fixed or all untouched.
#ifndef MMIO_AUDIT_TOOLS_INTERRUPT_H
#define MMIO_AUDIT_TOOLS_INTERRUPT_H

#include <mutex>

namespace mmio {

/// Which of the two signals the process started with ignored (`nohup`, a background job of a script): they stay
/// ignored. Call before llvm::InitLLVM, which installs handlers of its own over them.
struct IgnoredSignals {
  bool Int = false, Term = false;
};
IgnoredSignals signalsIgnoredAtStart();

/// Installs the handling; call once, after llvm::InitLLVM (whose handlers it replaces for these two signals).
void handleInterrupts(IgnoredSignals Ignored);

/// SIGPIPE is ignored, so that a write to a reader that went away fails with EPIPE where the writer can see it
/// (LLVM's own handling would exit with status 74); the writer then calls endQuietlyOnBrokenPipe, which removes
/// the temporary files of outputs not yet in place and ends the process killed by SIGPIPE, as `grep | head` does.
/// Call once, after llvm::InitLLVM.
void ignoreBrokenPipe();
[[noreturn]] void endQuietlyOnBrokenPipe();

/// A progress line may be on standard error: the interrupt's message then starts on a new line.
void setProgressShown(bool Shown);

/// While one exists, an interrupt waits.
class DeferInterrupts {
public:
  DeferInterrupts();
  ~DeferInterrupts();
  DeferInterrupts(const DeferInterrupts &) = delete;
  DeferInterrupts &operator=(const DeferInterrupts &) = delete;

private:
  std::unique_lock<std::mutex> Lock;
};

} // namespace mmio

#endif
