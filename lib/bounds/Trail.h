// One step of the explanation of a value: where it came from and what it was there.
#ifndef MMIO_AUDIT_BOUNDS_TRAIL_H
#define MMIO_AUDIT_BOUNDS_TRAIL_H

#include "clang/Basic/SourceLocation.h"

#include <string>

namespace mmio {

struct TrailStep {
  clang::SourceLocation Loc;
  std::string Text;
};

} // namespace mmio

#endif
