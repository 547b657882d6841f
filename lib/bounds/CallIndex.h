// Who calls whom in a translation unit: the direct call sites of each function, and which functions escape.
#ifndef MMIO_AUDIT_BOUNDS_CALLINDEX_H
#define MMIO_AUDIT_BOUNDS_CALLINDEX_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang {
class ASTContext;
class CallExpr;
class FunctionDecl;
} // namespace clang

namespace mmio {

struct CallSiteRef {
  const clang::CallExpr *Call = nullptr;
  const clang::FunctionDecl *Caller = nullptr; // null at file scope
};

class CallIndex {
public:
  /// One walk over the translation unit.
  explicit CallIndex(clang::ASTContext &Ctx);

  /// The direct calls of `F` (any declaration of it), in source order.
  llvm::ArrayRef<CallSiteRef> callersOf(const clang::FunctionDecl *F) const;
  /// Whether `F` is used other than by calling it (a callback, a function pointer): then it has callers the
  /// index cannot see.
  bool escapes(const clang::FunctionDecl *F) const;
  /// The function containing the call, or null.
  const clang::FunctionDecl *callerOf(const clang::CallExpr *Call) const;

private:
  friend class CallIndexBuilder;
  llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallVector<CallSiteRef, 2>> Callers;
  llvm::DenseMap<const clang::CallExpr *, const clang::FunctionDecl *> Enclosing;
  llvm::DenseSet<const clang::FunctionDecl *> Escaping;
};

} // namespace mmio

#endif
