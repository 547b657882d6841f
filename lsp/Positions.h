// LSP positions and URIs: lines and characters in the negotiated encoding (UTF-16 unless the client offers UTF-8
// or UTF-32) against byte offsets, and file:// URIs against paths.
#ifndef MMIO_AUDIT_LSP_POSITIONS_H
#define MMIO_AUDIT_LSP_POSITIONS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <optional>
#include <string>
#include <vector>

namespace mmio::lsp {

enum class OffsetEncoding { UTF8, UTF16, UTF32 };
llvm::StringRef encodingName(OffsetEncoding E);
std::optional<OffsetEncoding> encodingFromName(llvm::StringRef Name);

struct Position {
  unsigned Line = 0;      // 0-based
  unsigned Character = 0; // 0-based, in code units of the encoding
  bool operator==(const Position &O) const { return Line == O.Line && Character == O.Character; }
  bool operator<(const Position &O) const { return Line < O.Line || (Line == O.Line && Character < O.Character); }
  bool operator<=(const Position &O) const { return !(O < *this); }
};

struct Range {
  Position Start, End;
  /// Whether the two ranges share a position (touching ends count, as a cursor at a word's end is on it).
  bool touches(const Range &O) const { return Start <= O.End && O.Start <= End; }
};

llvm::json::Value toJSON(const Position &P);
llvm::json::Value toJSON(const Range &R);
bool fromJSON(const llvm::json::Value &V, Position &P, llvm::json::Path Path);
bool fromJSON(const llvm::json::Value &V, Range &R, llvm::json::Path Path);

/// Code units of `Text` in encoding `E` (invalid UTF-8 counts a byte per unit, as clangd does).
size_t measureUnits(llvm::StringRef Text, OffsetEncoding E);

/// The position of byte `Offset` of `Text`; an offset past the end is the end.
Position offsetToPosition(llvm::StringRef Text, size_t Offset, OffsetEncoding E);

/// offsetToPosition for many offsets in one text: its line starts are found once, so each position costs a binary
/// search and its own line, not a scan from the start of the document (20,000 findings in one file took 45 s).
class LineTable {
public:
  explicit LineTable(llvm::StringRef Text);
  Position position(size_t Offset, OffsetEncoding E) const;

private:
  llvm::StringRef Text;
  std::vector<size_t> Starts; // the offset each line starts at; Starts[0] == 0
};

/// The byte offset of `P` in `Text`. A character past the end of its line is that line's end (as LSP asks); a line
/// past the last line is an error.
llvm::Expected<size_t> positionToOffset(llvm::StringRef Text, Position P, OffsetEncoding E);

/// `file:///abs/path`, percent-encoding what RFC 3986 does not allow in a path.
std::string uriFromPath(llvm::StringRef AbsolutePath);
/// The absolute path of a file:// URI; other schemes are an error.
llvm::Expected<std::string> pathFromUri(llvm::StringRef Uri);

} // namespace mmio::lsp

#endif
