#include "bounds/CallIndex.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace mmio {

class CallIndexBuilder : public RecursiveASTVisitor<CallIndexBuilder> {
public:
  explicit CallIndexBuilder(CallIndex &Index) : Index(Index) {}

  bool TraverseFunctionDecl(FunctionDecl *F) {
    const FunctionDecl *Outer = Current;
    Current = F;
    bool Result = RecursiveASTVisitor::TraverseFunctionDecl(F);
    Current = Outer;
    return Result;
  }

  bool VisitCallExpr(CallExpr *Call) {
    Index.Enclosing[Call] = Current;
    if (const FunctionDecl *Callee = Call->getDirectCallee()) {
      Index.Callers[Callee->getCanonicalDecl()].push_back({Call, Current});
      if (const auto *Ref = dyn_cast<DeclRefExpr>(Call->getCallee()->IgnoreParenImpCasts()))
        CalleeRefs.insert(Ref);
    }
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    // Calls are visited before their callee expression, so any other reference is an escape.
    if (const auto *F = dyn_cast<FunctionDecl>(Ref->getDecl()); F && !CalleeRefs.count(Ref))
      Index.Escaping.insert(F->getCanonicalDecl());
    return true;
  }

private:
  CallIndex &Index;
  const FunctionDecl *Current = nullptr;
  llvm::DenseSet<const DeclRefExpr *> CalleeRefs;
};

CallIndex::CallIndex(ASTContext &Ctx) { CallIndexBuilder(*this).TraverseDecl(Ctx.getTranslationUnitDecl()); }

llvm::ArrayRef<CallSiteRef> CallIndex::callersOf(const FunctionDecl *F) const {
  auto It = Callers.find(F->getCanonicalDecl());
  if (It == Callers.end())
    return {};
  return It->second;
}

bool CallIndex::escapes(const FunctionDecl *F) const { return Escaping.count(F->getCanonicalDecl()); }

const FunctionDecl *CallIndex::callerOf(const CallExpr *Call) const {
  auto It = Enclosing.find(Call);
  return It == Enclosing.end() ? nullptr : It->second;
}

} // namespace mmio
