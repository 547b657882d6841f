// An error in a ruleset, carrying the file, line and column that caused it.
#ifndef MMIO_AUDIT_RULES_RULESETERROR_H
#define MMIO_AUDIT_RULES_RULESETERROR_H

#include "rules/Ruleset.h"

#include "llvm/Support/Error.h"

namespace mmio {

class RulesetError : public llvm::ErrorInfo<RulesetError> {
public:
  static char ID;

  RulesetError(FileLocation Where, std::string Message) : Where(std::move(Where)), Message(std::move(Message)) {}

  const FileLocation &location() const { return Where; }
  /// The message alone, without the location (message() gives the whole "FILE:LINE:COL: error: ..." line).
  const std::string &text() const { return Message; }

  /// "FILE:LINE:COL: error: MESSAGE", leaving out what is unknown.
  void log(llvm::raw_ostream &OS) const override;
  std::error_code convertToErrorCode() const override;

private:
  FileLocation Where;
  std::string Message;
};

inline llvm::Error makeRulesetError(FileLocation Where, const llvm::Twine &Message) {
  return llvm::make_error<RulesetError>(std::move(Where), Message.str());
}

} // namespace mmio

#endif
