#include "match/FindAllocatorCalls.h"
#include "bounds/DerivedAllocator.h"
#include "match/PointerCallee.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace mmio {

namespace {

// The plugin runs inside every compile of a kernel build, so finding the calls must cost next to nothing beside
// the parse. A generic AST matcher (MatchFinder over the whole unit) cost 12% of the compile of vmbus_drv.c in
// instructions; walking the statements of each function body and comparing callees' identifiers by pointer is a
// small fraction of that. What is walked is what `functionDecl(isDefinition(), forEachDescendant(callExpr()))`
// reached: every statement of every function definition, initialisers of local variables and the sizes of local
// variable-length arrays included (DeclStmt's children), statement expressions, block and lambda bodies.
class CallWalker {
public:
  CallWalker(const Ruleset &Rules, const DerivedAllocators *Derived,
             llvm::SmallPtrSetImpl<const IdentifierInfo *> &Wanted, ASTContext &Ctx, std::vector<AllocatorCall> &Out)
      : Rules(Rules), Derived(Derived), Wanted(Wanted), Ctx(Ctx), Out(Out) {}

  void walkContext(const DeclContext *DC) {
    for (const Decl *D : DC->decls())
      walkDecl(D);
  }

private:
  void walkDecl(const Decl *D) {
    if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
      if (FD->doesThisDeclarationHaveABody() && FD->getBody())
        walkStmt(FD->getBody(), FD);
      return;
    }
    if (const auto *FT = dyn_cast<FunctionTemplateDecl>(D)) {
      for (const FunctionDecl *Spec : FT->specializations())
        walkDecl(Spec);
      return;
    }
    if (const auto *CT = dyn_cast<ClassTemplateDecl>(D)) {
      for (const ClassTemplateSpecializationDecl *Spec : CT->specializations())
        walkContext(Spec);
      return;
    }
    if (const auto *RD = dyn_cast<CXXRecordDecl>(D); RD && RD->isDependentContext())
      return; // templates are walked in their instantiations
    // Namespaces, extern "C" blocks, classes (their methods and nested classes).
    if (isa<NamespaceDecl, LinkageSpecDecl, ExportDecl, RecordDecl>(D))
      walkContext(cast<DeclContext>(D));
  }

  // Iterative: an expression nests as deep as its source (a sum of 40,000 terms is 40,000 levels), and clang
  // itself parses that without recursion, so a recursive walk would overflow the stack where clang survives.
  void walkStmt(const Stmt *Root, const FunctionDecl *Enclosing) {
    llvm::SmallVector<const Stmt *, 64> Pending{Root};
    while (!Pending.empty()) {
      const Stmt *S = Pending.pop_back_val();
      if (!S)
        continue;
      if (const auto *Call = dyn_cast<CallExpr>(S)) {
        const FunctionDecl *Callee = Call->getDirectCallee();
        if (!Callee)
          Callee = soleTargetOfPointer(Call, Enclosing);
        if (Callee && Callee->getIdentifier() && Wanted.contains(Callee->getIdentifier())) {
          if (const AllocatorSpec *Spec = Rules.findAllocator(Callee->getName()))
            Out.push_back(makeAllocatorCall(Call, Callee, Enclosing, *Spec, Ctx));
          else if (const DerivedAllocator *D = Derived ? Derived->find(Callee->getName()) : nullptr;
                   D && isTheWrapper(Callee, *D))
            Out.push_back(derivedCall(Call, Callee, Enclosing, *D));
        }
      }
      if (const auto *Block = dyn_cast<BlockExpr>(S))
        Pending.push_back(Block->getBody());
      for (const Stmt *Child : S->children())
        Pending.push_back(Child);
    }
  }

  /// A function of the same name that is this unit's own (static), or declared otherwise, is another function.
  static bool isTheWrapper(const FunctionDecl *Callee, const DerivedAllocator &D) {
    return Callee->isExternallyVisible() && Callee->getNumParams() == D.NumParams && !Callee->isWeak();
  }

  AllocatorCall derivedCall(const CallExpr *Call, const FunctionDecl *Callee, const FunctionDecl *Enclosing,
                            const DerivedAllocator &D) {
    AllocatorCall C = makeAllocatorCall(Call, Callee, Enclosing, D.Spec, Ctx);
    C.Derived = &D;
    C.DefinedHere = Callee->isDefined();
    // Rules select it as the allocator call it reaches; a size spelled with a macro here is spelled so there too.
    std::vector<std::string> Here = std::move(C.SizeMacros);
    C.SizeMacros = D.Origin.SizeMacros;
    C.SizeMacros.insert(C.SizeMacros.end(), Here.begin(), Here.end());
    C.DestinationField = D.Origin.DestinationField;
    C.File = D.Origin.File;
    return C;
  }

  const Ruleset &Rules;
  const DerivedAllocators *Derived;
  llvm::SmallPtrSetImpl<const IdentifierInfo *> &Wanted;
  ASTContext &Ctx;
  std::vector<AllocatorCall> &Out;
};

/// Whether the unit may call the function named `II`: Sema marks a declaration referenced when it builds an
/// expression that names it (a call, `&f`, `typeof(f)`), so a function whose every declaration at file scope is
/// unreferenced is not called. Units that only include the allocator's prototype stop here. When no declaration
/// is found at file scope (a block-scope `extern`, a namespace), the answer is yes.
bool mayBeCalled(ASTContext &Ctx, IdentifierInfo *II) {
  DeclContextLookupResult Found = Ctx.getTranslationUnitDecl()->lookup(DeclarationName(II));
  bool AnyFunction = false;
  for (const NamedDecl *D : Found) {
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD)
      return true;
    AnyFunction = true;
    if (FD->isReferenced())
      return true;
  }
  return !AnyFunction;
}

} // namespace

std::vector<AllocatorCall> findAllocatorCalls(ASTContext &Ctx, const Ruleset &Rules, const DerivedAllocators *Derived) {
  std::vector<AllocatorCall> Calls;
  // A call needs the callee's name as a token after preprocessing, so a translation unit whose identifier table
  // lacks every allocator name has no call to find, and skips the walk over its AST.
  llvm::SmallPtrSet<const IdentifierInfo *, 4> Wanted;
  auto Want = [&](llvm::StringRef Name) {
    auto It = Ctx.Idents.find(Name);
    if (It != Ctx.Idents.end() && mayBeCalled(Ctx, It->getValue()))
      Wanted.insert(It->getValue());
  };
  for (const AllocatorSpec &A : Rules.Allocators)
    Want(A.Name);
  if (Derived)
    for (const DerivedAllocator *D : Derived->all())
      Want(D->name());
  if (Wanted.empty())
    return Calls;

  CallWalker(Rules, Derived, Wanted, Ctx, Calls).walkContext(Ctx.getTranslationUnitDecl());

  const SourceManager &SM = Ctx.getSourceManager();
  llvm::sort(Calls, [&](const AllocatorCall &A, const AllocatorCall &B) {
    return SM.isBeforeInTranslationUnit(A.Call->getBeginLoc(), B.Call->getBeginLoc());
  });
  return Calls;
}

} // namespace mmio
