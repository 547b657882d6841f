// C source as a token sequence, and code patterns over it: how a known fix is recognised in a tree whatever its
// whitespace, comments and line numbers.
#ifndef MMIO_AUDIT_MITIGATION_CODEPATTERN_H
#define MMIO_AUDIT_MITIGATION_CODEPATTERN_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mmio {

/// A token as a place in the text it was lexed from: a file's tokens can be millions, so each is a few bytes.
struct CodeToken {
  uint32_t Offset = 0;
  uint32_t Length = 0;
  /// Index into CodeTokens::Cleaned when the spelling holds a line continuation (`lo\<newline>w`), else -1.
  int32_t Cleaned = -1;
  bool Identifier = false;
  /// In a pattern, `$name`: stands for any one identifier, the same one wherever the name recurs.
  bool MetaVariable = false;
};

/// The tokens of C text, comments, whitespace and preprocessor directives dropped, and the code under `#if 0`
/// skipped (no other condition is evaluated), as clang's lexer sees them without preprocessing.
struct CodeTokens {
  llvm::StringRef Source; // the text lexed; must outlive this
  std::vector<CodeToken> Tokens;
  std::vector<std::string> Cleaned;

  llvm::StringRef text(const CodeToken &T) const {
    return T.Cleaned >= 0 ? llvm::StringRef(Cleaned[T.Cleaned]) : Source.substr(T.Offset, T.Length);
  }
};

/// `Text` must be followed by a NUL (a std::string's data, a MemoryBuffer), as clang's lexer reads one past its end.
CodeTokens lexCode(llvm::StringRef Text);

/// A pattern written as C with `$name` metavariables: `if (!$start) $start = $low;`.
struct CodePattern {
  std::string Text; // as written
  std::vector<std::string> Tokens;
  std::vector<bool> MetaVariable; // per token
};

/// Errors (no tokens, a lone `$`) are one line, for the ruleset loader to place.
llvm::Expected<CodePattern> compileCodePattern(llvm::StringRef Text);

} // namespace mmio

#endif
