// Where a call's text starts and ends in the file the user wrote it in, found by lexing from its first token.
#ifndef MMIO_AUDIT_SOURCE_CALLEXTENT_H
#define MMIO_AUDIT_SOURCE_CALLEXTENT_H

#include "clang/Basic/SourceLocation.h"

namespace clang {
class SourceManager;
}

namespace mmio {

/// The call starting at `CallBegin` as written: from its first token (after macro expansion, so a call made by a
/// macro spans the macro's invocation) to one past the parenthesis that closes its argument list. Lexing rather
/// than the AST, so it needs only a finding's location; invalid when `CallBegin` is.
clang::CharSourceRange callExtent(clang::SourceLocation CallBegin, const clang::SourceManager &SM);

} // namespace mmio

#endif
