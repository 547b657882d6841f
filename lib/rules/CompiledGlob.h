// A glob from a rule's `applies-to` (`function:`, `file:`), compiled once when the ruleset loads.
#ifndef MMIO_AUDIT_RULES_COMPILEDGLOB_H
#define MMIO_AUDIT_RULES_COMPILEDGLOB_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/GlobPattern.h"

#include <memory>
#include <string>

namespace mmio {

/// The pattern as written, for reports and error messages, and its compiled form. llvm::GlobPattern keeps a
/// StringRef into the text it was created from, so both live together on the heap and copies share them: a Ruleset
/// can be copied or moved (and its short strings with it) without the pattern pointing at freed memory.
class CompiledGlob {
public:
  /// Compiles `Text` as GlobPattern::create does without brace expansion; the error is GlobPattern's.
  static llvm::Expected<CompiledGlob> create(llvm::StringRef Text);

  const std::string &text() const { return State->Text; }
  bool match(llvm::StringRef S) const { return State->Pattern.match(S); }

private:
  struct Compiled {
    std::string Text;
    llvm::GlobPattern Pattern;
  };
  explicit CompiledGlob(std::shared_ptr<const Compiled> State) : State(std::move(State)) {}

  std::shared_ptr<const Compiled> State;
};

} // namespace mmio

#endif
