// RulesetError's identity and its clang-style rendering.
#include "rules/RulesetError.h"

#include "input/PrintableText.h"

#include "llvm/Support/raw_ostream.h"

namespace mmio {

char RulesetError::ID = 0;

void RulesetError::log(llvm::raw_ostream &OS) const {
  // Line 0 means the problem is with the file as a whole (unreadable, too large), so there is nothing to point at.
  if (!Where.File.empty()) {
    OS << printableText(Where.File);
    if (Where.Line != 0) {
      OS << ':' << Where.Line;
      if (Where.Column != 0)
        OS << ':' << Where.Column;
    }
    OS << ": ";
  }
  OS << "error: " << printableText(Message); // it may quote the ruleset's text
}

// A ruleset problem has no errno equivalent; callers report it through log().
std::error_code RulesetError::convertToErrorCode() const { return llvm::inconvertibleErrorCode(); }

} // namespace mmio
