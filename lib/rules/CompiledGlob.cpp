// Compiles a glob against text that never moves; see CompiledGlob.
#include "rules/CompiledGlob.h"

namespace mmio {

llvm::Expected<CompiledGlob> CompiledGlob::create(llvm::StringRef Text) {
  auto State = std::make_shared<Compiled>();
  State->Text = Text.str();
  // Created from State->Text, not from `Text`: the pattern's prefix points into the string it was given.
  llvm::Expected<llvm::GlobPattern> Pattern = llvm::GlobPattern::create(State->Text);
  if (!Pattern)
    return Pattern.takeError();
  State->Pattern = std::move(*Pattern);
  return CompiledGlob(std::move(State));
}

} // namespace mmio
