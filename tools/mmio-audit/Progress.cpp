#include "Progress.h"

#include "llvm/Support/Path.h"

namespace mmio {

void ProgressLine::update(size_t Done, size_t Total, size_t Findings, llvm::StringRef Current) {
  if (!Enabled)
    return;
  std::string Line = "[" + std::to_string(Done) + "/" + std::to_string(Total) + "] " + std::to_string(Findings) +
                     (Findings == 1 ? " finding" : " findings");
  if (!Current.empty())
    Line += "  " + llvm::sys::path::filename(Current).str();
  if (Line.size() > 79)
    Line.resize(79);
  clear();
  OS << Line;
  OS.flush();
  Shown = std::move(Line);
}

void ProgressLine::print(llvm::StringRef Text) {
  std::string Saved = Shown;
  clear();
  OS << Text;
  if (Enabled && !Saved.empty()) {
    OS << Saved;
    Shown = std::move(Saved);
  }
  OS.flush();
}

void ProgressLine::clear() {
  if (!Enabled || Shown.empty())
    return;
  OS << "\r" << std::string(Shown.size(), ' ') << "\r";
  OS.flush();
  Shown.clear();
}

} // namespace mmio
