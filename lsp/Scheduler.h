// Runs analyses on one worker thread, debounced: each document has at most one pending run, and an edit pushes its
// run back, so typing analyses once the editor has been quiet for the debounce delay.
#ifndef MMIO_AUDIT_LSP_SCHEDULER_H
#define MMIO_AUDIT_LSP_SCHEDULER_H

#include "llvm/ADT/StringRef.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace mmio::lsp {

class Scheduler {
public:
  using Clock = std::chrono::steady_clock;
  using Work = std::function<void(const std::string &Uri)>;

  /// `Inline`: no worker; each run happens at once on the thread that schedules it, whatever its delay, so that
  /// the same messages always lead to the same runs in the same order (the fuzzer's inputs must replay).
  explicit Scheduler(Work Run, bool Inline = false);
  ~Scheduler();

  /// Runs `Uri` after `Delay`: a delay of zero (open, save) runs it as soon as the worker is free; a later call
  /// with a delay (an edit) moves a pending run back to `Delay` from now.
  void schedule(llvm::StringRef Uri, std::chrono::milliseconds Delay);
  /// Drops the pending run of `Uri` (a run in progress finishes; its result is the caller's to discard).
  void cancel(llvm::StringRef Uri);
  /// Drops every pending run and waits for the one in progress. Idempotent.
  void stop();

private:
  void loop();

  Work Run;
  std::mutex Mutex;
  std::condition_variable Wake;
  std::map<std::string, Clock::time_point> Pending;
  bool Stopping = false;
  bool Inline;
  std::thread Worker;
};

} // namespace mmio::lsp

#endif
