// One step of the explanation of a value: where it came from and what it was there.
#ifndef MMIO_AUDIT_BOUNDS_TRAIL_H
#define MMIO_AUDIT_BOUNDS_TRAIL_H

#include "source/FileLocation.h"

#include "clang/Basic/SourceLocation.h"

#include <string>

namespace mmio {

struct TrailStep {
  clang::SourceLocation Loc;
  std::string Text;
  /// Where the step is when `Loc` is invalid: in another translation unit (a wrapper's summary).
  FileLocation Where;
};

} // namespace mmio

#endif
