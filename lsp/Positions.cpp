#include "Positions.h"

#include <algorithm>

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/Path.h"

namespace mmio::lsp {

llvm::StringRef encodingName(OffsetEncoding E) {
  switch (E) {
  case OffsetEncoding::UTF8:
    return "utf-8";
  case OffsetEncoding::UTF16:
    return "utf-16";
  case OffsetEncoding::UTF32:
    return "utf-32";
  }
  llvm_unreachable("unknown encoding");
}

std::optional<OffsetEncoding> encodingFromName(llvm::StringRef Name) {
  if (Name == "utf-8")
    return OffsetEncoding::UTF8;
  if (Name == "utf-16")
    return OffsetEncoding::UTF16;
  if (Name == "utf-32")
    return OffsetEncoding::UTF32;
  return std::nullopt;
}

llvm::json::Value toJSON(const Position &P) { return llvm::json::Object{{"line", P.Line}, {"character", P.Character}}; }
llvm::json::Value toJSON(const Range &R) { return llvm::json::Object{{"start", R.Start}, {"end", R.End}}; }

bool fromJSON(const llvm::json::Value &V, Position &P, llvm::json::Path Path) {
  llvm::json::ObjectMapper O(V, Path);
  int Line = 0, Character = 0;
  if (!O || !O.map("line", Line) || !O.map("character", Character))
    return false;
  if (Line < 0 || Character < 0) {
    Path.report("negative position");
    return false;
  }
  P.Line = static_cast<unsigned>(Line);
  P.Character = static_cast<unsigned>(Character);
  return true;
}
bool fromJSON(const llvm::json::Value &V, Range &R, llvm::json::Path Path) {
  llvm::json::ObjectMapper O(V, Path);
  return O && O.map("start", R.Start) && O.map("end", R.End);
}

namespace {

/// Walks `Text` a code point at a time; `Visit(Bytes, Units)` returns false to stop. Returns the bytes walked.
template <typename Fn> size_t walkCodePoints(llvm::StringRef Text, OffsetEncoding E, Fn Visit) {
  size_t I = 0;
  while (I < Text.size()) {
    unsigned char C = Text[I];
    unsigned Bytes = C < 0x80 ? 1 : llvm::getNumBytesForUTF8(C);
    bool Valid = Bytes >= 1 && Bytes <= 4 && I + Bytes <= Text.size();
    for (unsigned K = 1; Valid && K < Bytes; ++K)
      Valid = (static_cast<unsigned char>(Text[I + K]) & 0xC0) == 0x80;
    if (!Valid)
      Bytes = 1;
    unsigned Units = 1;
    if (E == OffsetEncoding::UTF8)
      Units = Bytes;
    else if (E == OffsetEncoding::UTF16 && Valid && Bytes == 4)
      Units = 2; // outside the Basic Multilingual Plane: a surrogate pair
    if (!Visit(Bytes, Units))
      return I;
    I += Bytes;
  }
  return I;
}

} // namespace

size_t measureUnits(llvm::StringRef Text, OffsetEncoding E) {
  if (E == OffsetEncoding::UTF8)
    return Text.size();
  size_t Units = 0;
  walkCodePoints(Text, E, [&](unsigned, unsigned U) {
    Units += U;
    return true;
  });
  return Units;
}

Position offsetToPosition(llvm::StringRef Text, size_t Offset, OffsetEncoding E) {
  Offset = std::min(Offset, Text.size());
  llvm::StringRef Before = Text.substr(0, Offset);
  size_t LineStart = Before.rfind('\n');
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  Position P;
  P.Line = Before.count('\n');
  P.Character = measureUnits(Before.substr(LineStart), E);
  return P;
}

LineTable::LineTable(llvm::StringRef Text) : Text(Text) {
  Starts.push_back(0);
  for (size_t NL = Text.find('\n'); NL != llvm::StringRef::npos; NL = Text.find('\n', NL + 1))
    Starts.push_back(NL + 1);
}

Position LineTable::position(size_t Offset, OffsetEncoding E) const {
  Offset = std::min(Offset, Text.size());
  // The last line starting at or before Offset.
  size_t Line = static_cast<size_t>(std::upper_bound(Starts.begin(), Starts.end(), Offset) - Starts.begin()) - 1;
  Position P;
  P.Line = static_cast<unsigned>(Line);
  P.Character = measureUnits(Text.slice(Starts[Line], Offset), E);
  return P;
}

llvm::Expected<size_t> positionToOffset(llvm::StringRef Text, Position P, OffsetEncoding E) {
  size_t LineStart = 0;
  for (unsigned L = 0; L < P.Line; ++L) {
    size_t NL = Text.find('\n', LineStart);
    if (NL == llvm::StringRef::npos)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "line %u is past the end of the document (%u lines)", P.Line, L + 1);
    LineStart = NL + 1;
  }
  size_t LineEnd = Text.find('\n', LineStart);
  llvm::StringRef Line = Text.slice(LineStart, LineEnd == llvm::StringRef::npos ? Text.size() : LineEnd);
  size_t Seen = 0;
  size_t Bytes = walkCodePoints(Line, E, [&](unsigned, unsigned Units) {
    if (Seen + Units > P.Character)
      return false;
    Seen += Units;
    return true;
  });
  return LineStart + Bytes;
}

std::string uriFromPath(llvm::StringRef AbsolutePath) {
  std::string Uri = "file://";
  for (unsigned char C : AbsolutePath) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~/!$&'()*+,;=:@").contains(C))
      Uri += C;
    else {
      Uri += '%';
      Uri += llvm::hexdigit(C >> 4, /*LowerCase=*/false);
      Uri += llvm::hexdigit(C & 0xF, /*LowerCase=*/false);
    }
  }
  return Uri;
}

llvm::Expected<std::string> pathFromUri(llvm::StringRef Uri) {
  llvm::StringRef Rest = Uri;
  if (!Rest.consume_front_insensitive("file:"))
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "not a file URI: %s", Uri.str().c_str());
  if (Rest.consume_front("//")) {
    // An authority: empty or "localhost" for this machine.
    size_t Slash = Rest.find('/');
    llvm::StringRef Authority = Rest.substr(0, Slash);
    if (!Authority.empty() && !Authority.equals_insensitive("localhost"))
      return llvm::createStringError(llvm::inconvertibleErrorCode(), "file URI on another host: %s", Uri.str().c_str());
    Rest = Slash == llvm::StringRef::npos ? llvm::StringRef() : Rest.substr(Slash);
  }
  std::string Path;
  for (size_t I = 0; I < Rest.size(); ++I) {
    if (Rest[I] == '%' && I + 2 < Rest.size() && llvm::isHexDigit(Rest[I + 1]) && llvm::isHexDigit(Rest[I + 2])) {
      Path += static_cast<char>(llvm::hexDigitValue(Rest[I + 1]) * 16 + llvm::hexDigitValue(Rest[I + 2]));
      I += 2;
    } else {
      Path += Rest[I];
    }
  }
  if (Path.empty() || !llvm::sys::path::is_absolute(Path))
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "file URI without an absolute path: %s",
                                   Uri.str().c_str());
  return Path;
}

} // namespace mmio::lsp
