#include "Prefilter.h"

#include "clang/Basic/IdentifierTable.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"

namespace mmio {

namespace {

/// Tokens after which a name can only be a declarator, never the start of an expression.
bool onlyDeclaratorFollows(const clang::Token &Previous) {
  switch (Previous.getKind()) {
  case clang::tok::identifier: // a type name: `resource_size_t f`
  case clang::tok::kw_void:
  case clang::tok::kw_char:
  case clang::tok::kw_short:
  case clang::tok::kw_int:
  case clang::tok::kw_long:
  case clang::tok::kw_float:
  case clang::tok::kw_double:
  case clang::tok::kw_signed:
  case clang::tok::kw_unsigned:
  case clang::tok::kw__Bool:
  case clang::tok::kw_bool:
  case clang::tok::kw_const:
  case clang::tok::kw_volatile:
  case clang::tok::kw_restrict:
  case clang::tok::kw_static:
  case clang::tok::kw_extern:
  case clang::tok::kw_inline:
  case clang::tok::kw_register:
    return true;
  default:
    return false;
  }
}

} // namespace

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
  // A precompiled header or module hands the parser declarations without tokens the watcher would see.
  if (!CI.getPreprocessorOpts().ImplicitPCHInclude.empty() || CI.getLangOpts().Modules)
    return;
  clang::Preprocessor &PP = CI.getPreprocessor();
  // The names are matched as clang's lexer interns them, never added to its identifier table from here: the table's
  // allocator is inlined into this file, and in a sanitizer build that copy poisons each new slab, which the
  // uninstrumented libclang then writes into without unpoisoning (a false use-after-poison).
  llvm::StringSet<> WantedNames;
  for (const std::string &N : Names)
    WantedNames.insert(N);
  llvm::DenseMap<const clang::IdentifierInfo *, bool> IsWanted; // one name lookup per distinct identifier
  bool PossibleCall = false;
  clang::Token Previous;
  Previous.startToken(); // tok::unknown: a name first in the unit counts as a possible call
  PP.setTokenWatcher([&](const clang::Token &T) {
    if (!PossibleCall && T.is(clang::tok::identifier) && !onlyDeclaratorFollows(Previous)) {
      const clang::IdentifierInfo *II = T.getIdentifierInfo();
      auto [It, New] = IsWanted.try_emplace(II, false);
      if (New)
        It->second = WantedNames.contains(II->getName());
      PossibleCall = It->second;
    }
    Previous = T;
  });
  PreprocessOnlyAction::ExecuteAction(); // lexes the whole unit, macros expanded
  PP.setTokenWatcher(nullptr);
  if (AfterLexing)
    AfterLexing(CI);
  if (CI.getDiagnostics().hasErrorOccurred())
    return; // let the parse report the errors
  MayCall = PossibleCall;
}

} // namespace mmio
