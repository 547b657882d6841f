#include "match/CallSite.h"

#include "bounds/DerivedAllocator.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

#include <algorithm>

using namespace clang;

namespace mmio {

std::string AllocatorCall::enclosingName() const { return Enclosing ? Enclosing->getNameAsString() : std::string(); }

const std::string &AllocatorCall::allocatorName() const { return Derived ? Derived->Origin.Allocator : Spec->Name; }

std::string AllocatorCall::selectedFunction() const { return Derived ? Derived->Origin.Function : enclosingName(); }

namespace {

/// Whether the token at `Loc` is the last of its immediate macro expansion. SourceManager asks for the location just
/// past the token, as Lexer::isAtEndOfMacroExpansion does, but that one looks through every enclosing expansion.
bool isAtEndOfImmediateExpansion(SourceLocation Loc, const SourceManager &SM, const LangOptions &LangOpts) {
  unsigned Length = Lexer::MeasureTokenLength(SM.getSpellingLoc(Loc), SM, LangOpts);
  if (Length == 0)
    return false;
  return SM.isAtEndOfImmediateMacroExpansion(Loc.getLocWithOffset(Length));
}

} // namespace

std::vector<std::string> macrosSpelling(const Expr *E, const SourceManager &SM, const LangOptions &LangOpts) {
  std::vector<std::string> Innermost;
  if (!E)
    return Innermost;
  E = E->IgnoreParenImpCasts();
  SourceLocation Begin = E->getBeginLoc(), End = E->getEndLoc();
  // Each round peels one expansion, from the tokens the compiler saw out to the text the user wrote.
  for (unsigned Depth = 0; Depth < 64 && Begin.isMacroID() && End.isMacroID(); ++Depth) {
    if (SM.isMacroArgExpansion(Begin) && SM.isMacroArgExpansion(End)) {
      Begin = SM.getImmediateSpellingLoc(Begin);
      End = SM.getImmediateSpellingLoc(End);
      continue;
    }
    if (SM.getFileID(Begin) != SM.getFileID(End) || !SM.isAtStartOfImmediateMacroExpansion(Begin) ||
        !isAtEndOfImmediateExpansion(End, SM, LangOpts))
      break;
    Innermost.push_back(Lexer::getImmediateMacroName(Begin, SM, LangOpts).str());
    CharSourceRange Expansion = SM.getImmediateExpansionRange(Begin);
    Begin = Expansion.getBegin();
    End = Expansion.getEnd();
  }
  std::reverse(Innermost.begin(), Innermost.end());
  return Innermost;
}

namespace {

/// "mem_config" for `&hbus->mem_config`, `&(hbus->mem_config)` or `&hbus->mem_config[0]`.
std::string destinationField(const Expr *E) {
  if (!E)
    return "";
  E = E->IgnoreParenCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf)
    E = U->getSubExpr()->IgnoreParenCasts();
  if (const auto *A = dyn_cast<ArraySubscriptExpr>(E))
    E = A->getBase()->IgnoreParenCasts();
  if (const auto *M = dyn_cast<MemberExpr>(E))
    return M->getMemberDecl()->getNameAsString();
  return "";
}

} // namespace

AllocatorCall makeAllocatorCall(const CallExpr *Call, const FunctionDecl *Callee, const FunctionDecl *Enclosing,
                                const AllocatorSpec &Spec, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  AllocatorCall C;
  C.Call = Call;
  C.Callee = Callee;
  C.Enclosing = Enclosing;
  C.Spec = &Spec;
  for (const auto &[R, Index] : Spec.Params) {
    unsigned Slot = static_cast<unsigned>(R);
    if (Index < Call->getNumArgs())
      C.Args[Slot] = Call->getArg(Index);
    if (Callee && Index < Callee->getNumParams())
      C.Params[Slot] = Callee->getParamDecl(Index);
  }
  C.DestinationField = destinationField(C.arg(Role::Destination));
  C.SizeMacros = macrosSpelling(C.arg(Role::Size), SM, Ctx.getLangOpts());
  SourceLocation Where = SM.getExpansionLoc(Call->getBeginLoc());
  if (OptionalFileEntryRef F = SM.getFileEntryRefForID(SM.getFileID(Where))) {
    // Absolute, against the compile's working directory: an in-tree Kbuild compile names its files relative
    // ("drivers/misc/mydrv/core.c"), where an `applies-to` glob such as "*/drivers/misc/mydrv/*.c" would never
    // match.
    llvm::SmallString<256> Path(F->getName());
    SM.getFileManager().makeAbsolutePath(Path);
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    C.File = std::string(Path);
  }
  return C;
}

} // namespace mmio
