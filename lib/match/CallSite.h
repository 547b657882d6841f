// An allocator call found in the AST, with its arguments sorted by the role each plays.
#ifndef MMIO_AUDIT_MATCH_CALLSITE_H
#define MMIO_AUDIT_MATCH_CALLSITE_H

#include "rules/Ruleset.h"

#include "clang/Basic/SourceLocation.h"

#include <array>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CallExpr;
class Expr;
class FunctionDecl;
class ParmVarDecl;
class SourceManager;
class LangOptions;
} // namespace clang

namespace mmio {

struct DerivedAllocator;

struct AllocatorCall {
  const clang::CallExpr *Call = nullptr;
  const clang::FunctionDecl *Callee = nullptr;
  const clang::FunctionDecl *Enclosing = nullptr; // null for a call outside any function
  const AllocatorSpec *Spec = nullptr;
  /// Set for a call of a wrapper summarised in another pass (bounds/DerivedAllocator.h): `Spec` is its own, the
  /// selection fields below are the allocator call's it reaches.
  const DerivedAllocator *Derived = nullptr;
  /// A derived allocator defined in this unit: its callers here are audited through the allocator call itself.
  bool DefinedHere = false;
  /// The argument of each role as written (with the implicit conversion to the parameter), or null.
  std::array<const clang::Expr *, NumRoles> Args{};
  /// The parameter each role binds to, for its type; null when the callee's prototype does not declare it.
  std::array<const clang::ParmVarDecl *, NumRoles> Params{};
  /// The field the destination argument points into ("mem_config" for `&hbus->mem_config`), or empty.
  std::string DestinationField;
  /// The macros the size argument is spelled with, outermost first (`PCI_CONFIG_MMIO_LENGTH`).
  std::vector<std::string> SizeMacros;
  /// The file the call is written in (after macro expansion), absolute against the compile's working directory.
  std::string File;

  const clang::Expr *arg(Role R) const { return Args[static_cast<unsigned>(R)]; }
  const clang::ParmVarDecl *param(Role R) const { return Params[static_cast<unsigned>(R)]; }
  std::string enclosingName() const;
  /// What rules select by: the ruleset allocator's name, and the function holding its call.
  const std::string &allocatorName() const;
  std::string selectedFunction() const;
};

/// Builds the call site for `Call`, a call of the allocator `Spec` describes.
AllocatorCall makeAllocatorCall(const clang::CallExpr *Call, const clang::FunctionDecl *Callee,
                                const clang::FunctionDecl *Enclosing, const AllocatorSpec &Spec,
                                clang::ASTContext &Ctx);

/// The names of the macros whose whole expansion is exactly `E` (parentheses ignored), outermost first: for
/// `PCI_CONFIG_MMIO_LENGTH` defined as `SZ_8K`, {"PCI_CONFIG_MMIO_LENGTH", "SZ_8K"}. A macro argument is looked at
/// where it was written, so a call inside a wrapper macro still sees the macros of its arguments.
std::vector<std::string> macrosSpelling(const clang::Expr *E, const clang::SourceManager &SM,
                                        const clang::LangOptions &LangOpts);

} // namespace mmio

#endif
