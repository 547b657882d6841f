// Text that came from untrusted input (a ruleset's message, a key's name) made safe to print to a terminal: a YAML
// escape such as "\e[2J" or "\0" must not reach the user's terminal as a raw control character.
#ifndef MMIO_AUDIT_INPUT_PRINTABLETEXT_H
#define MMIO_AUDIT_INPUT_PRINTABLETEXT_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace mmio {

/// `Text` with every control character (C0 but tab, DEL, and C1 as UTF-8 encodes it) written as a C escape:
/// "\n", "\t" stays, "\x1b". Line feeds stay with `KeepLineBreaks` (a multi-line description). Everything else,
/// UTF-8 included, is unchanged.
std::string printableText(llvm::StringRef Text, bool KeepLineBreaks = false);

} // namespace mmio

#endif
