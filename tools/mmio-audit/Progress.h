// The progress line on standard error ("[12/345] 3 findings"), redrawn in place on a terminal; silent elsewhere.
#ifndef MMIO_AUDIT_TOOLS_PROGRESS_H
#define MMIO_AUDIT_TOOLS_PROGRESS_H

#include "llvm/Support/raw_ostream.h"

#include <string>

namespace mmio {

class ProgressLine {
public:
  ProgressLine(llvm::raw_ostream &OS, bool Enabled) : OS(OS), Enabled(Enabled) {}
  bool enabled() const { return Enabled; }
  ~ProgressLine() { clear(); }

  void update(size_t Done, size_t Total, size_t Findings, llvm::StringRef Current);
  /// Prints `Text` (whole lines) above the progress line.
  void print(llvm::StringRef Text);
  void clear();

private:
  llvm::raw_ostream &OS;
  bool Enabled;
  std::string Shown;
};

} // namespace mmio

#endif
