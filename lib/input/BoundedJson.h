// JSON from outside (reports read back, language-server messages), parsed only when its nesting is shallow enough:
// llvm::json's parser recurses once per level, so 100,000 nested brackets would overflow the stack.
#ifndef MMIO_AUDIT_INPUT_BOUNDEDJSON_H
#define MMIO_AUDIT_INPUT_BOUNDEDJSON_H

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

namespace mmio {

/// Far deeper than any report or LSP message, far shallower than what strains the stack.
constexpr unsigned MaxJsonDepth = 256;

/// llvm::json::parse, after checking that arrays and objects nest at most `MaxDepth` deep.
llvm::Expected<llvm::json::Value> parseBoundedJSON(llvm::StringRef Text, unsigned MaxDepth = MaxJsonDepth);

} // namespace mmio

#endif
