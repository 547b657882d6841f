#include "Scheduler.h"

#include <algorithm>

namespace mmio::lsp {

Scheduler::Scheduler(Work Run, bool Inline) : Run(std::move(Run)), Inline(Inline) {
  if (!Inline)
    Worker = std::thread([this] { loop(); });
}

Scheduler::~Scheduler() { stop(); }

void Scheduler::schedule(llvm::StringRef Uri, std::chrono::milliseconds Delay) {
  if (Inline) {
    if (!Stopping)
      Run(Uri.str());
    return;
  }
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    if (Stopping)
      return;
    Clock::time_point Due = Clock::now() + Delay;
    auto It = Pending.find(Uri.str());
    if (It != Pending.end() && Delay.count() == 0)
      It->second = std::min(It->second, Due);
    else
      Pending[Uri.str()] = Due;
  }
  Wake.notify_all();
}

void Scheduler::cancel(llvm::StringRef Uri) {
  std::lock_guard<std::mutex> Lock(Mutex);
  Pending.erase(Uri.str());
}

void Scheduler::stop() {
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    Stopping = true;
    Pending.clear();
  }
  Wake.notify_all();
  if (Worker.joinable() && Worker.get_id() != std::this_thread::get_id())
    Worker.join();
}

void Scheduler::loop() {
  std::unique_lock<std::mutex> Lock(Mutex);
  for (;;) {
    if (Stopping)
      return;
    if (Pending.empty()) {
      Wake.wait(Lock);
      continue;
    }
    auto Next = std::min_element(Pending.begin(), Pending.end(),
                                 [](const auto &A, const auto &B) { return A.second < B.second; });
    if (Next->second > Clock::now()) {
      Wake.wait_until(Lock, Next->second);
      continue; // something may have changed: look again
    }
    std::string Uri = Next->first;
    Pending.erase(Next);
    Lock.unlock();
    Run(Uri);
    Lock.lock();
  }
}

} // namespace mmio::lsp
