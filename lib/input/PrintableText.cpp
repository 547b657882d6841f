#include "input/PrintableText.h"

#include "llvm/ADT/StringExtras.h"

namespace mmio {

std::string printableText(llvm::StringRef Text, bool KeepLineBreaks) {
  auto IsControl = [&](unsigned char C) {
    return (C < 0x20 && C != '\t' && !(KeepLineBreaks && C == '\n')) || C == 0x7f;
  };
  auto IsC1 = [&](size_t I) { // U+0080..U+009F: 0xC2 0x80..0x9F
    return static_cast<unsigned char>(Text[I]) == 0xc2 && I + 1 < Text.size() &&
           static_cast<unsigned char>(Text[I + 1]) >= 0x80 && static_cast<unsigned char>(Text[I + 1]) <= 0x9f;
  };
  bool Clean = true;
  for (size_t I = 0; I < Text.size() && Clean; ++I)
    Clean = !IsControl(static_cast<unsigned char>(Text[I])) && !IsC1(I);
  if (Clean)
    return Text.str();
  std::string Out;
  Out.reserve(Text.size() + 8);
  for (size_t I = 0; I < Text.size(); ++I) {
    unsigned char C = static_cast<unsigned char>(Text[I]);
    if (C == '\n' && !KeepLineBreaks) {
      Out += "\\n";
    } else if (IsControl(C)) {
      Out += "\\x";
      Out += llvm::hexdigit(C >> 4, /*LowerCase=*/true);
      Out += llvm::hexdigit(C & 15, /*LowerCase=*/true);
    } else if (IsC1(I)) {
      unsigned char Next = static_cast<unsigned char>(Text[++I]);
      Out += "\\u00";
      Out += llvm::hexdigit(Next >> 4, true);
      Out += llvm::hexdigit(Next & 15, true);
    } else {
      Out += static_cast<char>(C);
    }
  }
  return Out;
}

} // namespace mmio
