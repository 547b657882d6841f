#include "Prefilter.h"

#include "clang/Basic/IdentifierTable.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "llvm/ADT/StringSet.h"

namespace mmio {

std::vector<std::string> allocatorIdentifiers(const Ruleset &Rules) {
  std::vector<std::string> Out;
  for (const AllocatorSpec &A : Rules.Allocators) {
    llvm::StringRef Name = A.Name;
    size_t Colons = Name.rfind("::");
    Out.push_back((Colons == llvm::StringRef::npos ? Name : Name.substr(Colons + 2)).str());
  }
  return Out;
}

bool PrefilterAction::BeginInvocation(clang::CompilerInstance &CI) {
  CI.setVerboseOutputStream(std::make_unique<llvm::raw_null_ostream>()); // no "N errors generated."
  return true;
}

void PrefilterAction::ExecuteAction() {
  clang::CompilerInstance &CI = getCompilerInstance();
  MayCall = true;
  // Identifiers of a precompiled header or module are loaded lazily, so the table would not show them.
  if (!CI.getPreprocessorOpts().ImplicitPCHInclude.empty() || CI.getLangOpts().Modules)
    return;
  PreprocessOnlyAction::ExecuteAction(); // lexes the whole unit, macros expanded
  if (AfterLexing)
    AfterLexing(CI);
  if (CI.getDiagnostics().hasErrorOccurred())
    return; // let the parse report the errors
  llvm::StringSet<> Wanted;
  for (const std::string &N : Names)
    Wanted.insert(N);
  for (const auto &Entry : CI.getPreprocessor().getIdentifierTable())
    if (Wanted.contains(Entry.getKey()))
      return;
  MayCall = false;
}

} // namespace mmio
