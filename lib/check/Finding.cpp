#include "check/Finding.h"

namespace mmio {

llvm::StringRef verdictName(Verdict V) {
  switch (V) {
  case Verdict::Violated:
    return "violated";
  case Verdict::Holds:
    return "holds";
  case Verdict::Unknown:
    return "unknown";
  }
  return "unknown";
}

} // namespace mmio
