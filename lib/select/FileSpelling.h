// What one file's text says about the names the fast selection looks for, read without preprocessing it: the
// per-file step of the tree scan (docs/cli.md, "Selecting units").
#ifndef MMIO_AUDIT_SELECT_FILESPELLING_H
#define MMIO_AUDIT_SELECT_FILESPELLING_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"

#include <string>
#include <vector>

namespace mmio {

struct WantedNames {
  /// The allocators' own identifiers: an occurrence that can only be a file-scope declarator (a prototype, a
  /// definition's name) does not make a call.
  llvm::StringSet<> Allocators;
  /// Macros whose expansion may spell a wanted name: every use counts.
  llvm::StringSet<> Macros;
  /// Object-like macros defined as one piece of an allocator's name (`#define HV_PREFIX vmbus_`), by value: a
  /// pasting macro given `HV_PREFIX` pastes the piece.
  llvm::StringMap<std::string> PieceMacros;

  bool contains(llvm::StringRef Name) const { return Allocators.contains(Name) || Macros.contains(Name); }
};

/// The shortest operand of `##` that counts as part of an allocator's name: shorter ones (`_`, `a`, `io`) are the
/// stuff of every generic pasting macro.
constexpr size_t MinPastedPiece = 4;

/// True when `Piece`, an operand of `##`, is a proper prefix or suffix of an allocator's name at least
/// `MinPastedPiece` characters long (`vmbus_` or `_mmio` for `vmbus_allocate_mmio`).
bool isPastedPiece(llvm::StringRef Piece, const WantedNames &Names);

struct FileSpelling {
  /// A wanted name occurs outside comments, string literals and preprocessor directives, other than as a
  /// file-scope declarator: whatever includes this file may call an allocator.
  bool MayCall = false;
  /// Macros this file defines whose replacement list spells a wanted name, or pastes (`##`) a literal piece of an
  /// allocator's name (isPastedPiece).
  std::vector<std::string> Macros;
  /// Object-like macros this file defines as one piece of an allocator's name (WantedNames::PieceMacros).
  std::vector<std::pair<std::string, std::string>> PieceMacros;
};

/// True when `Text` holds one of `Names` as a whole word (not inside a longer identifier), or with `WordStartOnly`
/// at the start of one: the cheap test that decides whether a file is worth lexing.
bool spellsAnyOf(llvm::StringRef Text, const llvm::StringSet<> &Names, bool WordStartOnly = false);

/// Lexes `Text` raw (comments, literals and directives told apart; nothing expanded or included); `Text.end()`
/// must point at a NUL, as clang's lexer requires. A file that
/// spells an allocator's name in pieces joined by `,` or `##`, the first at least MinPastedPiece long, may call:
/// a generic pasting macro (`__PASTE(vmbus_, allocate_mmio)`) can join them.
FileSpelling spellingOf(llvm::StringRef Text, const WantedNames &Names);

/// The operands of a file's `#include`, `#include_next` and `#import` directives, as written between quotes or
/// angle brackets. `Computed` becomes true when one takes a macro instead (`#include TRACE_INCLUDE(x)`).
/// `OnPaste`, when given, sees the offset of every `##` on the way (one pass over the text serves both).
std::vector<std::string> includesOf(llvm::StringRef Text, bool &Computed,
                                    llvm::function_ref<void(size_t)> OnPaste = nullptr);

} // namespace mmio

#endif
