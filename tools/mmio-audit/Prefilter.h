// The prefilter: a cheap, sound test that a translation unit cannot call any allocator, so it need not be parsed.
//
// A call to `vmbus_allocate_mmio` in the AST names a declaration called `vmbus_allocate_mmio`, and that name comes
// from an identifier token the preprocessor produced: written in the unit or a header it includes, in a macro's
// definition, or made by token pasting (`vmbus_ ## allocate_mmio`). The preprocessor enters every identifier it
// lexes outside skipped `#if` blocks into the IdentifierTable, pasted ones included. So preprocessing the unit and
// finding none of the allocators' names in the table proves the unit has no such call; the parse, which costs
// several times the preprocessing, is skipped. The test can only err towards parsing (a name in a header that is
// never called, a builtin of the same name), never towards skipping.
#ifndef MMIO_AUDIT_TOOLS_PREFILTER_H
#define MMIO_AUDIT_TOOLS_PREFILTER_H

#include "rules/Ruleset.h"

#include "clang/Frontend/FrontendActions.h"

#include <functional>
#include <string>
#include <vector>

namespace mmio {

/// The identifiers a call to one of the ruleset's allocators needs: each name's last component (`ns::f` -> `f`).
std::vector<std::string> allocatorIdentifiers(const Ruleset &Rules);

class PrefilterAction : public clang::PreprocessOnlyAction {
public:
  /// `MayCall` becomes false when the unit preprocesses without errors and none of `Names` occurs; it stays true
  /// otherwise (an error, a precompiled header or module whose identifiers are not all loaded, which is not even
  /// preprocessed: `AfterLexing` is then not called). `AfterLexing`, when set, sees the unit once it is preprocessed
  /// (its files: suppression comments, files a change touched).
  PrefilterAction(std::vector<std::string> Names, bool &MayCall,
                  std::function<void(clang::CompilerInstance &)> AfterLexing = nullptr)
      : Names(std::move(Names)), MayCall(MayCall), AfterLexing(std::move(AfterLexing)) {}

protected:
  bool BeginInvocation(clang::CompilerInstance &CI) override;
  void ExecuteAction() override;

private:
  std::vector<std::string> Names;
  bool &MayCall;
  std::function<void(clang::CompilerInstance &)> AfterLexing;
};

} // namespace mmio

#endif
