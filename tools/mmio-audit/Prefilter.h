// The prefilter: a cheap, sound test that a translation unit cannot call any allocator, so it need not be parsed.
//
// A direct call of `vmbus_allocate_mmio` in the AST comes from an identifier token of that name in the token stream
// the preprocessor hands the parser: written in the unit or a header, produced by a macro's expansion, or made by
// token pasting (`vmbus_ ## allocate_mmio`). The prefilter preprocesses the unit and watches that stream, so every
// such source is covered and nothing in skipped `#if` blocks or unexpanded macro definitions counts.
//
// Most units that name an allocator only declare it (a header's prototype). In C and C++, a name that starts an
// expression can never follow an identifier or a declaration keyword (`int`, `void`, `const`, `static`, ...): an
// expression follows an operator, a punctuator (`( , ; = { } :`), `)` of a cast, or `return`, `case`, `else`, `do`.
// So an occurrence right after an identifier or such a keyword (`int vmbus_allocate_mmio(...)`,
// `resource_size_t vmbus_allocate_mmio`) is a declarator, and a unit whose every occurrence is one cannot call the
// allocator. Anything else (`(void)f(`, `&f`, `typeof(f)`, `x * f(`) counts as a possible call. The test can only
// err towards parsing, never towards skipping.
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
  /// `MayCall` becomes false when the unit preprocesses without errors and none of `Names` occurs other than as a
  /// declarator; it stays true otherwise (an error, a precompiled header or module, which is not even
  /// preprocessed: `AfterLexing` is then not called). `AfterLexing`, when set, sees the unit once it is
  /// preprocessed (its files: suppression comments, files a change touched).
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
