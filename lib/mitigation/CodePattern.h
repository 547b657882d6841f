// C source as a token sequence, and code patterns over it: how a known fix is recognised in a tree whatever its
// whitespace, comments and line numbers.
#ifndef MMIO_AUDIT_MITIGATION_CODEPATTERN_H
#define MMIO_AUDIT_MITIGATION_CODEPATTERN_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace mmio {

struct CodeToken {
  std::string Text;
  unsigned Offset = 0; // of its first byte in the text it was lexed from
  /// In a pattern, `$name`: stands for any one identifier, the same one wherever the name recurs.
  bool MetaVariable = false;
  bool Identifier = false;
};

/// The tokens of C text, comments and whitespace dropped, as clang's lexer sees them without preprocessing.
std::vector<CodeToken> lexCode(llvm::StringRef Text);

/// A pattern written as C with `$name` metavariables: `if (!$start) $start = $low;`.
struct CodePattern {
  std::string Text; // as written
  std::vector<CodeToken> Tokens;
};

/// Errors (no tokens, a lone `$`) are one line, for the ruleset loader to place.
llvm::Expected<CodePattern> compileCodePattern(llvm::StringRef Text);

} // namespace mmio

#endif
