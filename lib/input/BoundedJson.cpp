#include "input/BoundedJson.h"

namespace mmio {

llvm::Expected<llvm::json::Value> parseBoundedJSON(llvm::StringRef Text, unsigned MaxDepth) {
  unsigned Depth = 0;
  bool InString = false;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (InString) {
      if (C == '\\')
        ++I; // the escaped character, a quote included, does not end the string
      else if (C == '"')
        InString = false;
      continue;
    }
    if (C == '"') {
      InString = true;
    } else if (C == '[' || C == '{') {
      if (++Depth > MaxDepth)
        return llvm::createStringError(std::make_error_code(std::errc::invalid_argument),
                                       "[byte=%zu]: nested more than %u deep", I + 1, MaxDepth);
    } else if ((C == ']' || C == '}') && Depth) {
      --Depth;
    }
  }
  return llvm::json::parse(Text);
}

} // namespace mmio
