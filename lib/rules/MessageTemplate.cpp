// Message templates: placeholder names and the one parser of `message:` text.
#include "rules/MessageTemplate.h"
#include "rules/Ruleset.h"

#include "llvm/Support/ErrorHandling.h"

namespace mmio {

constexpr unsigned NumPlaceholders = 10;

llvm::StringRef placeholderName(Placeholder P) {
  switch (P) {
  case Placeholder::Min:
    return "min";
  case Placeholder::Max:
    return "max";
  case Placeholder::Size:
    return "size";
  case Placeholder::Align:
    return "align";
  case Placeholder::FbOverlapOk:
    return "fb_overlap_ok";
  case Placeholder::Destination:
    return "destination";
  case Placeholder::Range:
    return "range";
  case Placeholder::Allocator:
    return "allocator";
  case Placeholder::Function:
    return "function";
  case Placeholder::Rule:
    return "rule";
  }
  llvm_unreachable("unknown Placeholder");
}

std::optional<Placeholder> placeholderFromName(llvm::StringRef Name) {
  for (unsigned I = 0; I != NumPlaceholders; ++I)
    if (placeholderName(static_cast<Placeholder>(I)) == Name)
      return static_cast<Placeholder>(I);
  return std::nullopt;
}

std::optional<Role> placeholderRole(Placeholder P) {
  switch (P) {
  case Placeholder::Min:
    return Role::Min;
  case Placeholder::Max:
    return Role::Max;
  case Placeholder::Size:
    return Role::Size;
  case Placeholder::Align:
    return Role::Align;
  case Placeholder::FbOverlapOk:
    return Role::FbOverlapOk;
  default:
    return std::nullopt;
  }
}

std::string placeholderList() {
  std::string Out;
  for (unsigned I = 0; I != NumPlaceholders; ++I)
    Out += (I == 0 ? "{" : ", {") + placeholderName(static_cast<Placeholder>(I)).str() + "}";
  return Out;
}

llvm::Expected<MessageTemplate> parseMessageTemplate(llvm::StringRef Text) {
  auto Fail = [](const llvm::Twine &Message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
  };
  MessageTemplate Pieces;
  std::string Literal;
  for (size_t I = 0; I < Text.size(); ++I) {
    // No escape for a literal brace: none was ever needed, and a lone one is far more likely a typo.
    if (Text[I] == '}')
      return Fail("unbalanced '}' in message");
    if (Text[I] != '{') {
      Literal += Text[I];
      continue;
    }
    size_t Close = Text.find_first_of("{}", I + 1);
    if (Close == llvm::StringRef::npos || Text[Close] == '{')
      return Fail("unbalanced '{' in message");
    llvm::StringRef Name = Text.slice(I + 1, Close);
    std::optional<Placeholder> P = placeholderFromName(Name);
    if (!P)
      return Fail("unknown placeholder '{" + Name + "}' in message (expected one of: " + placeholderList() + ")");
    if (!Literal.empty())
      Pieces.push_back(MessagePiece::literal(std::move(Literal)));
    Literal.clear();
    Pieces.push_back(MessagePiece::placeholder(*P));
    I = Close;
  }
  if (!Literal.empty())
    Pieces.push_back(MessagePiece::literal(std::move(Literal)));
  return Pieces;
}

} // namespace mmio
